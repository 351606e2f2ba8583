// Anthropic Messages API, streamed through the official SDK.
import type Anthropic from '@anthropic-ai/sdk' with { 'resolution-mode': 'import' };
import { addCacheBreakpoints } from './anthropic-cache';
import { httpFailure, transportFailure, endedEarly, type FailureContext } from './classify';
import { missingKey } from './keys';
import { withPolicy } from './policy';
import { sdkHttpFailure } from './sdk-failure';
import { parseToolCall } from './tool-args';
import type { ChatEvent, ChatMessage, ChatProvider, ChatRequest, ProviderSettings, ReasoningBlock, StopReason, Usage } from './types';
import { inEnglish } from '../protocol/translate';

type Params = Anthropic.MessageCreateParamsStreaming;
type Block = Anthropic.ContentBlockParam;

export function createAnthropicProvider(settings: ProviderSettings): ChatProvider {
  const t = settings.translate ?? inEnglish;
  const endpoint = settings.baseUrl ?? 'https://api.anthropic.com';
  let client: Anthropic | undefined;
  const getClient = async () => {
    if (!settings.apiKey) throw missingKey('anthropic', t);
    if (!client) {
      const { Anthropic: AnthropicClient } = await import('@anthropic-ai/sdk');
      // Retries and timeouts are ours (see policy.ts), so the SDK's are switched off.
      client = new AnthropicClient({ apiKey: settings.apiKey, baseURL: settings.baseUrl, maxRetries: 0, timeout: 24 * 3600_000 });
    }
    return client;
  };

  return {
    id: 'anthropic',
    stream(request, signal) {
      const ctx: FailureContext = { provider: 'anthropic', model: request.model, endpoint, secrets: [settings.apiKey], t };
      return withPolicy(
        {
          open: async function* (attemptSignal) {
            const sdk = await getClient();
            const stream = await sdk.messages.create(toAnthropicParams(request, settings.promptCaching !== false), { signal: attemptSignal });
            yield* translate(stream, ctx);
          },
          classify: (err, started) => {
            const http = sdkHttpFailure(err);
            return http ? httpFailure(ctx, http, err) : transportFailure(ctx, err, started);
          },
        },
        { provider: 'anthropic', timeouts: settings.timeouts, retry: settings.retry, t },
        signal,
      );
    },
    async listModels(signal) {
      const sdk = await getClient();
      const ids: string[] = [];
      for await (const model of sdk.models.list({ limit: 100 }, { signal })) ids.push(model.id);
      return ids;
    },
  };
}

/** `caching`: mark prompt cache breakpoints (see anthropic-cache.ts). */
export function toAnthropicParams(request: ChatRequest, caching = true): Params {
  const params: Params = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: toAnthropicMessages(request.messages),
    stream: true,
  };
  if (request.system) params.system = request.system;
  // Temperature is deprecated in the Messages API (the SDK no longer has the field), so it is not sent.
  if (request.tools?.length) {
    params.tools = request.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: t.inputSchema as Anthropic.Tool.InputSchema,
    }));
  }
  if (caching) addCacheBreakpoints(params);
  return params;
}

/** Anthropic wants strictly alternating roles, with tool results as blocks of a user turn. */
function toAnthropicMessages(messages: ChatMessage[]): Anthropic.MessageParam[] {
  const out: { role: 'user' | 'assistant'; content: Block[] }[] = [];
  const push = (role: 'user' | 'assistant', blocks: Block[]) => {
    const last = out[out.length - 1];
    if (last && last.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const m of messages) {
    if (m.role === 'user') push('user', [{ type: 'text', text: m.content }]);
    else if (m.role === 'tool') {
      push('user', [{ type: 'tool_result', tool_use_id: m.toolCallId, content: m.content, is_error: m.isError ?? false }]);
    } else {
      // Reasoning goes back first and unchanged, as the API requires within a tool loop.
      const blocks: Block[] = (m.reasoning ?? []).map((r) => ({ ...r }));
      if (m.content) blocks.push({ type: 'text', text: m.content });
      for (const c of m.toolCalls ?? []) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: c.arguments });
      if (blocks.length) push('assistant', blocks);
    }
  }
  trimFinalAssistant(out);
  return out;
}

/**
 * A request may end on the agent's own answer (resuming a `pause_turn`); the API refuses a final
 * assistant turn that ends in whitespace, or in an empty text block.
 */
function trimFinalAssistant(out: { role: 'user' | 'assistant'; content: Block[] }[]): void {
  const last = out[out.length - 1];
  const block = last?.role === 'assistant' ? last.content[last.content.length - 1] : undefined;
  if (block?.type !== 'text') return;
  block.text = block.text.trimEnd();
  if (block.text) return;
  last!.content.pop();
  if (last!.content.length === 0) out.pop();
}

const stopReasons: Record<string, StopReason> = {
  end_turn: 'end',
  // We send no stop sequences, so one can only be a server-side default: the answer ended normally.
  stop_sequence: 'end',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  refusal: 'refusal',
  pause_turn: 'pause_turn',
  model_context_window_exceeded: 'context_window',
};

/** Anthropic numbers content blocks; we number tool calls. Reasoning blocks are collected until they close. */
class BlockState {
  readonly tools = new Map<number, { index: number; id: string; name: string; json: string }>();
  readonly reasoning = new Map<number, ReasoningBlock>();
  toolCount = 0;
  inputTokens = 0;
  outputTokens = 0;
  cacheReadTokens = 0;
  cacheWriteTokens = 0;
  stopReason: StopReason = 'end';
  vendorReason: string | undefined;

  *start(event: Anthropic.RawContentBlockStartEvent): Generator<ChatEvent> {
    const block = event.content_block;
    if (block.type === 'tool_use') {
      const call = { index: this.toolCount++, id: block.id, name: block.name, json: '' };
      this.tools.set(event.index, call);
      yield { type: 'toolCallStart', index: call.index, id: call.id, name: call.name };
    } else if (block.type === 'text' && block.text) {
      yield { type: 'text', text: block.text };
    } else if (block.type === 'thinking') {
      this.reasoning.set(event.index, { type: 'thinking', thinking: block.thinking, signature: block.signature });
    } else if (block.type === 'redacted_thinking') {
      this.reasoning.set(event.index, { type: 'redacted_thinking', data: block.data });
    }
  }

  *delta(event: Anthropic.RawContentBlockDeltaEvent): Generator<ChatEvent> {
    const delta = event.delta;
    const reasoning = this.reasoning.get(event.index);
    if (delta.type === 'text_delta') yield { type: 'text', text: delta.text };
    else if (delta.type === 'input_json_delta') {
      const call = this.tools.get(event.index);
      if (call && delta.partial_json) {
        call.json += delta.partial_json;
        yield { type: 'toolCallDelta', index: call.index, argumentsDelta: delta.partial_json };
      }
    } else if (delta.type === 'thinking_delta' && reasoning?.type === 'thinking') {
      reasoning.thinking += delta.thinking;
      yield { type: 'thinking', text: delta.thinking };
    } else if (delta.type === 'signature_delta' && reasoning?.type === 'thinking') {
      reasoning.signature = delta.signature;
    }
  }

  *stop(index: number): Generator<ChatEvent> {
    const call = this.tools.get(index);
    if (call) yield { type: 'toolCallComplete', index: call.index, ...parseToolCall(call.id, call.name, call.json) };
    const block = this.reasoning.get(index);
    if (block) yield { type: 'reasoningBlock', block };
  }

  messageDelta(event: Anthropic.RawMessageDeltaEvent): void {
    const reason = event.delta.stop_reason;
    if (reason) {
      this.stopReason = stopReasons[reason] ?? 'other';
      this.vendorReason = this.stopReason === 'other' ? reason : undefined;
    }
    // The usage here is cumulative for the whole message and wins over message_start's.
    this.outputTokens = event.usage.output_tokens ?? this.outputTokens;
    this.takeInput(event.usage);
  }

  /** Input, cache-read and cache-write tokens, where the event reports them (message_delta's may be null). */
  takeInput(usage: { input_tokens?: number | null; cache_read_input_tokens?: number | null; cache_creation_input_tokens?: number | null }): void {
    if (typeof usage.input_tokens === 'number') this.inputTokens = usage.input_tokens;
    if (typeof usage.cache_read_input_tokens === 'number') this.cacheReadTokens = usage.cache_read_input_tokens;
    if (typeof usage.cache_creation_input_tokens === 'number') this.cacheWriteTokens = usage.cache_creation_input_tokens;
  }

  *finish(): Generator<ChatEvent> {
    const usage: Usage = { inputTokens: this.inputTokens, outputTokens: this.outputTokens };
    if (this.cacheReadTokens) usage.cacheReadTokens = this.cacheReadTokens;
    if (this.cacheWriteTokens) usage.cacheWriteTokens = this.cacheWriteTokens;
    yield { type: 'usage', usage };
    yield { type: 'done', stopReason: this.stopReason, ...(this.vendorReason ? { vendorReason: this.vendorReason } : {}) };
  }
}

async function* translate(stream: AsyncIterable<Anthropic.RawMessageStreamEvent>, ctx: FailureContext): AsyncGenerator<ChatEvent> {
  const state = new BlockState();
  for await (const event of stream) {
    switch (event.type) {
      case 'message_start':
        state.takeInput(event.message.usage);
        state.outputTokens = event.message.usage.output_tokens;
        break;
      case 'content_block_start':
        yield* state.start(event);
        break;
      case 'content_block_delta':
        yield* state.delta(event);
        break;
      case 'content_block_stop':
        yield* state.stop(event.index);
        break;
      case 'message_delta':
        state.messageDelta(event);
        break;
      case 'message_stop':
        yield* state.finish();
        return;
    }
  }
  throw endedEarly(ctx);
}
