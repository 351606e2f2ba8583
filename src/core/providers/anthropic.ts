// Anthropic Messages API, streamed through the official SDK.
import type Anthropic from '@anthropic-ai/sdk' with { 'resolution-mode': 'import' };
import { httpFailure, transportFailure, endedEarly, type FailureContext } from './classify';
import { missingKey } from './keys';
import { withPolicy } from './policy';
import { sdkHttpFailure } from './sdk-failure';
import { parseToolCall } from './tool-args';
import type { ChatEvent, ChatMessage, ChatProvider, ChatRequest, ProviderSettings, StopReason } from './types';

type Params = Anthropic.MessageCreateParamsStreaming;
type Block = Anthropic.ContentBlockParam;

export function createAnthropicProvider(settings: ProviderSettings): ChatProvider {
  const endpoint = settings.baseUrl ?? 'https://api.anthropic.com';
  let client: Anthropic | undefined;
  const getClient = async () => {
    if (!settings.apiKey) throw missingKey('anthropic');
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
      const ctx: FailureContext = { provider: 'anthropic', model: request.model, endpoint, secrets: [settings.apiKey] };
      return withPolicy(
        {
          open: async function* (attemptSignal) {
            const sdk = await getClient();
            const stream = await sdk.messages.create(toAnthropicParams(request), { signal: attemptSignal });
            yield* translate(stream, ctx);
          },
          classify: (err, started) => {
            const http = sdkHttpFailure(err);
            return http ? httpFailure(ctx, http, err) : transportFailure(ctx, err, started);
          },
        },
        { provider: 'anthropic', timeouts: settings.timeouts, retry: settings.retry },
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

export function toAnthropicParams(request: ChatRequest): Params {
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
      const blocks: Block[] = m.content ? [{ type: 'text', text: m.content }] : [];
      for (const c of m.toolCalls ?? []) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: c.arguments });
      if (blocks.length) push('assistant', blocks);
    }
  }
  return out;
}

const stopReasons: Record<string, StopReason> = { end_turn: 'end', stop_sequence: 'end', tool_use: 'tool_use', max_tokens: 'max_tokens' };

async function* translate(stream: AsyncIterable<Anthropic.RawMessageStreamEvent>, ctx: FailureContext): AsyncGenerator<ChatEvent> {
  // Anthropic numbers content blocks; we number tool calls. Map one to the other.
  const tools = new Map<number, { index: number; id: string; name: string; json: string }>();
  let toolCount = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let stopReason: StopReason = 'end';
  for await (const event of stream) {
    switch (event.type) {
      case 'message_start':
        inputTokens = event.message.usage.input_tokens;
        outputTokens = event.message.usage.output_tokens;
        break;
      case 'content_block_start':
        if (event.content_block.type === 'tool_use') {
          const call = { index: toolCount++, id: event.content_block.id, name: event.content_block.name, json: '' };
          tools.set(event.index, call);
          yield { type: 'toolCallStart', index: call.index, id: call.id, name: call.name };
        } else if (event.content_block.type === 'text' && event.content_block.text) {
          yield { type: 'text', text: event.content_block.text };
        }
        break;
      case 'content_block_delta':
        if (event.delta.type === 'text_delta') yield { type: 'text', text: event.delta.text };
        else if (event.delta.type === 'input_json_delta') {
          const call = tools.get(event.index);
          if (call && event.delta.partial_json) {
            call.json += event.delta.partial_json;
            yield { type: 'toolCallDelta', index: call.index, argumentsDelta: event.delta.partial_json };
          }
        }
        break;
      case 'content_block_stop': {
        const call = tools.get(event.index);
        if (call) yield { type: 'toolCallComplete', index: call.index, ...parseToolCall(call.id, call.name, call.json) };
        break;
      }
      case 'message_delta':
        if (event.delta.stop_reason) stopReason = stopReasons[event.delta.stop_reason] ?? 'end';
        outputTokens = event.usage.output_tokens ?? outputTokens;
        if (typeof event.usage.input_tokens === 'number') inputTokens = event.usage.input_tokens;
        break;
      case 'message_stop':
        yield { type: 'usage', usage: { inputTokens, outputTokens } };
        yield { type: 'done', stopReason };
        return;
    }
  }
  throw endedEarly(ctx);
}
