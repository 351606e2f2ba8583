// Ollama's native /api/chat, streamed through the official `ollama` package.
import type { ChatResponse, Message, Ollama } from 'ollama' with { 'resolution-mode': 'import' };
import { endedEarly, httpFailure, transportFailure, type FailureContext } from './classify';
import { networkCode } from './errors';
import { withPolicy } from './policy';
import type { ChatEvent, ChatMessage, ChatProvider, ChatRequest, ProviderSettings } from './types';
import { inEnglish, type Translate } from '../protocol/translate';

export const defaultOllamaHost = 'http://127.0.0.1:11434';

export function createOllamaProvider(settings: ProviderSettings): ChatProvider {
  const t = settings.translate ?? inEnglish;
  const host = settings.baseUrl ?? defaultOllamaHost;
  // The package only exposes abort() once the response has arrived; a fetch bound to our
  // signal lets Stop cancel the request while Ollama is still loading the model, too.
  // It also keeps the response headers, which the package's errors drop (retry-after matters).
  const clientFor = async (signal: AbortSignal): Promise<{ client: Ollama; headers(): Headers | undefined }> => {
    const { Ollama: OllamaClient } = await import('ollama');
    let lastHeaders: Headers | undefined;
    const boundFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
      lastHeaders = res.headers;
      return res;
    };
    return { client: new OllamaClient({ host, fetch: boundFetch }), headers: () => lastHeaders };
  };

  // Models that answered "does not support tools": asked without them from then on.
  const withoutTools = new Set<string>();

  return {
    id: 'ollama',
    stream(request, signal) {
      const ctx: FailureContext = { provider: 'ollama', model: request.model, endpoint: host, secrets: [], t };
      let headers: () => Headers | undefined = () => undefined;
      return withPolicy(
        {
          open: async function* (attemptSignal) {
            const bound = await clientFor(attemptSignal);
            headers = bound.headers;
            yield* openChat(bound.client, request, withoutTools, settings.keepAlive, t);
          },
          classify: (err, started) => classifyOllama(ctx, err, started, headers()),
        },
        { provider: 'ollama', timeouts: settings.timeouts, retry: settings.retry, t },
        signal,
      );
    },
    async listModels(signal) {
      const { client } = await clientFor(signal);
      const { models } = await client.list();
      return models.map((m) => m.name).sort();
    },
  };
}

/** `keepAlive`: how long the server keeps the model (and its prompt cache) loaded; only sent when the user set it. */
export function toOllamaRequest(request: ChatRequest, keepAlive?: string) {
  const messages: Message[] = request.system ? [{ role: 'system', content: request.system }] : [];
  messages.push(...request.messages.map(toOllamaMessage));
  const options: { num_predict: number; temperature?: number } = { num_predict: request.maxTokens };
  if (request.temperature !== undefined) options.temperature = request.temperature;
  return {
    model: request.model,
    messages,
    options,
    ...(keepAlive ? { keep_alive: keepAliveValue(keepAlive) } : {}),
    tools: request.tools?.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.inputSchema as never },
    })),
  };
}

/** "10m", "1h", "-1" (forever) or "0" (unload at once); a bare number is seconds, as the server reads it. */
function keepAliveValue(value: string): string | number {
  return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim();
}

function toOllamaMessage(m: ChatMessage): Message {
  if (m.role === 'user') return { role: 'user', content: m.content };
  if (m.role === 'tool') return { role: 'tool', content: m.content, tool_name: m.toolName };
  const message: Message = { role: 'assistant', content: m.content };
  if (m.toolCalls?.length) message.tool_calls = m.toolCalls.map((c) => ({ function: { name: c.name, arguments: c.arguments } }));
  return message;
}

/**
 * Streams the chat. A model without tool support refuses any request that offers tools; it then
 * answers without them, and the user is told why the agent cannot touch the workspace.
 */
async function* openChat(client: Ollama, request: ChatRequest, withoutTools: Set<string>, keepAlive: string | undefined, t: Translate): AsyncGenerator<ChatEvent> {
  const offersTools = (request.tools?.length ?? 0) > 0;
  let skipTools = offersTools && withoutTools.has(request.model);
  if (!skipTools) {
    try {
      yield* translate(await client.chat({ ...toOllamaRequest(request, keepAlive), stream: true }));
      return;
    } catch (err) {
      if (!offersTools || !refusesTools(err)) throw err;
      withoutTools.add(request.model);
      skipTools = true;
    }
  }
  // A note for the user under the answer (never sent to the model), in their language.
  yield {
    type: 'notice',
    text: t('{0} does not support tools in Ollama, so this answer was written without reading or changing files. Pick a model with tool support (e.g. llama3.2, qwen2.5-coder) for that.', request.model),
  };
  yield* translate(await client.chat({ ...toOllamaRequest({ ...request, tools: undefined }, keepAlive), stream: true }));
}

function refusesTools(err: unknown): boolean {
  const e = err as { status_code?: unknown; error?: unknown } | null;
  return e?.status_code === 400 && typeof e.error === 'string' && /does not support tools/i.test(e.error);
}

async function* translate(stream: AsyncIterable<ChatResponse>): AsyncGenerator<ChatEvent> {
  let toolCount = 0;
  for await (const part of stream) {
    // Thinking models put their reasoning in its own field; it is not the answer.
    if (part.message?.thinking) yield { type: 'thinking', text: part.message.thinking };
    if (part.message?.content) yield { type: 'text', text: part.message.content };
    // Ollama sends each tool call whole, one or several per line; the id is ours, since its wire format has none.
    for (const call of part.message?.tool_calls ?? []) {
      const index = toolCount++;
      const id = `ollama_call_${index}`;
      const args = call.function.arguments ?? {};
      yield { type: 'toolCallStart', index, id, name: call.function.name };
      yield { type: 'toolCallDelta', index, argumentsDelta: JSON.stringify(args) };
      yield { type: 'toolCallComplete', index, call: { id, name: call.function.name, arguments: args } };
    }
    if (part.done) {
      yield { type: 'usage', usage: { inputTokens: part.prompt_eval_count ?? 0, outputTokens: part.eval_count ?? 0 } };
      yield doneEvent(part.done_reason, toolCount);
      return;
    }
  }
}

/** Ollama ends with `stop` (also after tool calls), `length` at num_predict, or `load`/`unload` for model management. */
function doneEvent(reason: string | undefined, toolCount: number): ChatEvent {
  if (reason === 'length') return { type: 'done', stopReason: 'max_tokens' };
  if (reason === undefined || reason === 'stop' || reason === '') return { type: 'done', stopReason: toolCount > 0 ? 'tool_use' : 'end' };
  return { type: 'done', stopReason: 'other', vendorReason: reason };
}

function classifyOllama(ctx: FailureContext, err: unknown, started: boolean, headers: Headers | undefined) {
  const e = err as { status_code?: unknown; error?: unknown; message?: unknown };
  if (typeof e.status_code === 'number') {
    return httpFailure(ctx, { status: e.status_code, message: typeof e.error === 'string' ? e.error : undefined, headers }, err);
  }
  const message = typeof e.message === 'string' ? e.message : '';
  if (/did not receive done/i.test(message)) return endedEarly(ctx);
  // An `{"error": …}` line in the middle of the stream: Ollama itself failed (model crashed, out of memory…).
  if (err instanceof Error && err.name === 'Error' && networkCode(err) === undefined && !/fetch failed|terminated/i.test(message)) {
    return httpFailure(ctx, { status: 500, message, inStream: true }, err);
  }
  return transportFailure(ctx, err, started);
}
