// OpenAI Chat Completions (and servers that speak it: vLLM, LM Studio, LiteLLM…), streamed through the official SDK.
import type OpenAI from 'openai' with { 'resolution-mode': 'import' };
import { endedEarly, httpFailure, transportFailure, type FailureContext } from './classify';
import { missingKey } from './keys';
import { withPolicy } from './policy';
import { sdkHttpFailure } from './sdk-failure';
import { parseToolCall } from './tool-args';
import type { ChatEvent, ChatMessage, ChatProvider, ChatRequest, ProviderSettings, StopReason } from './types';

type Params = OpenAI.Chat.ChatCompletionCreateParamsStreaming;
type Chunk = OpenAI.Chat.ChatCompletionChunk;

const officialEndpoint = 'https://api.openai.com/v1';

export function createOpenAIProvider(settings: ProviderSettings): ChatProvider {
  const endpoint = settings.baseUrl ?? officialEndpoint;
  // Self-hosted compatible servers often need no key; the official API always does.
  const compatible = endpoint !== officialEndpoint;
  let client: OpenAI | undefined;
  const getClient = async () => {
    if (!settings.apiKey && !compatible) throw missingKey('openai');
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

  return {
    id: 'openai',
    stream(request, signal) {
      const ctx: FailureContext = { provider: 'openai', model: request.model, endpoint, secrets: [settings.apiKey] };
      return withPolicy(
        {
          open: async function* (attemptSignal) {
            const sdk = await getClient();
            const stream = await sdk.chat.completions.create(toOpenAIParams(request, compatible), { signal: attemptSignal });
            yield* translate(stream, ctx);
          },
          classify: (err, started) => {
            const http = sdkHttpFailure(err);
            return http ? httpFailure(ctx, http, err) : transportFailure(ctx, err, started);
          },
        },
        { provider: 'openai', timeouts: settings.timeouts, retry: settings.retry },
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

export function toOpenAIParams(request: ChatRequest, compatible: boolean): Params {
  const params: Params = {
    model: request.model,
    messages: toOpenAIMessages(request.system, request.messages),
    stream: true,
    stream_options: { include_usage: true },
  };
  // The official API replaced max_tokens with max_completion_tokens; many compatible servers only know the old name.
  if (compatible) params.max_tokens = request.maxTokens;
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

const stopReasons: Record<string, StopReason> = { stop: 'end', tool_calls: 'tool_use', function_call: 'tool_use', length: 'max_tokens' };

interface PendingCall {
  id: string;
  name: string;
  json: string;
  started: boolean;
}

async function* translate(stream: AsyncIterable<Chunk>, ctx: FailureContext): AsyncGenerator<ChatEvent> {
  // Tool calls arrive as fragments keyed by index; id and name come first, then argument pieces.
  const calls = new Map<number, PendingCall>();
  let stopReason: StopReason | undefined;
  for await (const chunk of stream) {
    if (chunk.usage) {
      yield { type: 'usage', usage: { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens } };
    }
    const choice = chunk.choices[0];
    if (!choice) continue;
    if (choice.delta?.content) yield { type: 'text', text: choice.delta.content };
    for (const d of choice.delta?.tool_calls ?? []) {
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
    if (choice.finish_reason) {
      stopReason = stopReasons[choice.finish_reason] ?? 'end';
      yield* completeCalls(calls);
    }
  }
  if (stopReason === undefined) throw endedEarly(ctx);
  yield { type: 'done', stopReason };
}

function* completeCalls(calls: Map<number, PendingCall>): Generator<ChatEvent> {
  for (const [index, call] of [...calls].sort((a, b) => a[0] - b[0])) {
    if (!call.started) continue;
    yield { type: 'toolCallComplete', index, ...parseToolCall(call.id, call.name, call.json) };
  }
  calls.clear();
}
