// OpenAI Chat Completions (and servers that speak it: vLLM, LM Studio, LiteLLM…), streamed through the official SDK.
import type OpenAI from 'openai' with { 'resolution-mode': 'import' };
import { endedEarly, httpFailure, transportFailure, type FailureContext } from './classify';
import { missingKey } from './keys';
import { withPolicy } from './policy';
import { sdkHttpFailure } from './sdk-failure';
import { parseToolCall } from './tool-args';
import type { ChatEvent, ChatMessage, ChatProvider, ChatRequest, ProviderSettings, StopReason, Usage } from './types';
import { inEnglish } from '../protocol/translate';

type Params = OpenAI.Chat.ChatCompletionCreateParamsStreaming;
type Chunk = OpenAI.Chat.ChatCompletionChunk;

const officialEndpoint = 'https://api.openai.com/v1';

export function createOpenAIProvider(settings: ProviderSettings): ChatProvider {
  const t = settings.translate ?? inEnglish;
  const endpoint = settings.baseUrl ?? officialEndpoint;
  // Self-hosted compatible servers often need no key; the official API always does.
  const compatible = endpoint !== officialEndpoint;
  let client: OpenAI | undefined;
  const getClient = async () => {
    if (!settings.apiKey && !compatible) throw missingKey('openai', t);
    if (!client) {
      const { OpenAI: OpenAIClient } = await import('openai');
      client = new OpenAIClient({
        apiKey: settings.apiKey || 'no-key',
        baseURL: endpoint,
        maxRetries: 0,
        timeout: 24 * 3600_000,
      });
    }
    return client;
  };
  // Models for which this server refused `max_tokens` (OpenAI's reasoning models behind a proxy).
  const wantsCompletionTokens = new Set<string>();
  const open = async (request: ChatRequest, signal: AbortSignal) => {
    const sdk = await getClient();
    const legacyLimit = compatible && !wantsCompletionTokens.has(request.model);
    try {
      return await sdk.chat.completions.create(toOpenAIParams(request, legacyLimit), { signal });
    } catch (err) {
      if (!legacyLimit || !refusesMaxTokens(err)) throw err;
      wantsCompletionTokens.add(request.model);
      return await sdk.chat.completions.create(toOpenAIParams(request, false), { signal });
    }
  };

  return {
    id: 'openai',
    stream(request, signal) {
      const ctx: FailureContext = { provider: 'openai', model: request.model, endpoint, secrets: [settings.apiKey], t };
      return withPolicy(
        {
          open: async function* (attemptSignal) {
            yield* translate(await open(request, attemptSignal), ctx);
          },
          classify: (err, started) => {
            const http = sdkHttpFailure(err);
            return http ? httpFailure(ctx, http, err) : transportFailure(ctx, err, started);
          },
        },
        { provider: 'openai', timeouts: settings.timeouts, retry: settings.retry, t },
        signal,
      );
    },
    async listModels(signal) {
      const sdk = await getClient();
      const ids: string[] = [];
      for await (const model of sdk.models.list({ signal })) ids.push(model.id);
      return ids.sort();
    },
  };
}

/** The server's 400 for `max_tokens` on a model that only takes `max_completion_tokens`. */
function refusesMaxTokens(err: unknown): boolean {
  const body = (err as { status?: unknown; error?: { code?: unknown; param?: unknown } } | null | undefined);
  return body?.status === 400 && body.error?.code === 'unsupported_parameter' && body.error.param === 'max_tokens';
}

/** `legacyLimit`: send the output limit as `max_tokens`, the only name many compatible servers know. */
export function toOpenAIParams(request: ChatRequest, legacyLimit: boolean): Params {
  const params: Params = {
    model: request.model,
    messages: toOpenAIMessages(request.system, request.messages),
    stream: true,
    stream_options: { include_usage: true },
  };
  // The official API replaced max_tokens with max_completion_tokens; many compatible servers only know the old name.
  if (legacyLimit) params.max_tokens = request.maxTokens;
  else params.max_completion_tokens = request.maxTokens;
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.tools?.length) {
    params.tools = request.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.inputSchema },
    }));
  }
  return params;
}

function toOpenAIMessages(system: string | undefined, messages: ChatMessage[]): OpenAI.Chat.ChatCompletionMessageParam[] {
  const out: OpenAI.Chat.ChatCompletionMessageParam[] = system ? [{ role: 'system', content: system }] : [];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'tool') out.push({ role: 'tool', tool_call_id: m.toolCallId, content: m.content });
    else if (m.toolCalls?.length) {
      out.push({
        role: 'assistant',
        content: m.content || null,
        tool_calls: m.toolCalls.map((c) => ({
          id: c.id,
          type: 'function',
          function: { name: c.name, arguments: JSON.stringify(c.arguments) },
        })),
      });
    } else out.push({ role: 'assistant', content: m.content });
  }
  return out;
}

const stopReasons: Record<string, StopReason> = {
  stop: 'end',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  length: 'max_tokens',
  content_filter: 'content_filter',
};

interface PendingCall {
  id: string;
  name: string;
  json: string;
  started: boolean;
}

/** Fields compatible servers add to a delta: the model's reasoning (vLLM, DeepSeek: `reasoning_content`; others: `reasoning`). */
interface CompatibleDelta {
  reasoning_content?: string | null;
  reasoning?: string | null;
}

async function* translate(stream: AsyncIterable<Chunk>, ctx: FailureContext): AsyncGenerator<ChatEvent> {
  // Tool calls arrive as fragments keyed by index; id and name come first, then argument pieces.
  const calls = new Map<number, PendingCall>();
  let finish: string | undefined;
  let refused = false;
  for await (const chunk of stream) {
    // Usage may ride on its own chunk (empty choices) or on the finish chunk.
    if (chunk.usage) {
      yield { type: 'usage', usage: openAIUsage(chunk.usage) };
    }
    // vLLM and others send chunks with `choices: null` (keep-alives, stats).
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    const delta = choice.delta ?? {};
    const reasoning = (delta as CompatibleDelta).reasoning_content ?? (delta as CompatibleDelta).reasoning;
    // Reasoning is the model's scratchpad, not the answer: it only keeps the timeouts from firing.
    if (reasoning) yield { type: 'thinking', text: reasoning };
    if (delta.content) yield { type: 'text', text: delta.content };
    // A refusal arrives in a field of its own; it is what the user should read.
    if (delta.refusal) {
      refused = true;
      yield { type: 'text', text: delta.refusal };
    }
    yield* toolCallEvents(calls, delta.tool_calls ?? []);
    if (choice.finish_reason) {
      finish = choice.finish_reason;
      yield* completeCalls(calls);
    }
  }
  if (finish === undefined) throw endedEarly(ctx);
  const known = stopReasons[finish];
  const stopReason: StopReason = refused && known === 'end' ? 'refusal' : (known ?? 'other');
  yield { type: 'done', stopReason, ...(known ? {} : { vendorReason: finish }) };
}

/** `prompt_tokens` includes the cached ones (OpenAI's automatic prefix cache); they are billed apart. */
function openAIUsage(u: OpenAI.CompletionUsage): Usage {
  const cached = u.prompt_tokens_details?.cached_tokens ?? 0;
  const usage: Usage = { inputTokens: Math.max(0, u.prompt_tokens - cached), outputTokens: u.completion_tokens };
  if (cached > 0) usage.cacheReadTokens = cached;
  return usage;
}

/** Folds tool-call deltas into calls: a delta may carry a call's id, name and all its arguments at once. */
function* toolCallEvents(calls: Map<number, PendingCall>, deltas: OpenAI.Chat.ChatCompletionChunk.Choice.Delta.ToolCall[]): Generator<ChatEvent> {
  for (const d of deltas) {
    const call = calls.get(d.index) ?? { id: '', name: '', json: '', started: false };
    calls.set(d.index, call);
    if (d.id) call.id = d.id;
    if (d.function?.name) call.name += call.started ? '' : d.function.name;
    const piece = d.function?.arguments ?? '';
    call.json += piece;
    if (!call.started && call.name) {
      call.started = true;
      call.id ||= `call_${d.index}`;
      yield { type: 'toolCallStart', index: d.index, id: call.id, name: call.name };
      if (call.json) yield { type: 'toolCallDelta', index: d.index, argumentsDelta: call.json };
    } else if (call.started && piece) {
      yield { type: 'toolCallDelta', index: d.index, argumentsDelta: piece };
    }
  }
}

function* completeCalls(calls: Map<number, PendingCall>): Generator<ChatEvent> {
  for (const [index, call] of [...calls].sort((a, b) => a[0] - b[0])) {
    if (!call.started) continue;
    yield { type: 'toolCallComplete', index, ...parseToolCall(call.id, call.name, call.json) };
  }
  calls.clear();
}
