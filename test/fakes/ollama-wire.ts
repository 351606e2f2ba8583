// Ollama native API wire format (POST /api/chat, GET /api/tags, /api/version, /), as ollama-js parses it:
// NDJSON, one object per line, last line `done: true`; errors `{"error":"..."}`. Ollama has no SSE and no
// tool-call ids, and sends every tool call whole (arguments as an object, never fragments).
import type { Reply } from './script';
import { type ChatContext, type Frame, type PlainResponse, type ReceivedChat, type VendorWire, fullText, json, stopOf, usageOf } from './wire';

const errorJson = 'application/json; charset=utf-8';

const defaultMessages: Record<number, string> = {
  400: 'invalid request', 401: 'unauthorized', 403: 'forbidden', 429: 'too many requests', 500: 'internal server error',
  503: 'server busy, please try again.  maximum pending requests exceeded',
};

function error(status: number, message: string | undefined): PlainResponse {
  return json(status, { error: message ?? defaultMessages[status] ?? `HTTP ${status}` }, errorJson);
}

/** Ollama treats "llama3.2" as "llama3.2:latest" and lists the tagged name. */
function tagged(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

function line(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

function finalFields(reply: Reply, ctx: ChatContext) {
  const u = usageOf(reply, ctx);
  // Durations are nanoseconds, as the real server reports them.
  return {
    done_reason: reply.vendorStopReason ?? (stopOf(reply) === 'max_tokens' ? 'length' : 'stop'), done: true,
    total_duration: 1_250_000_000, load_duration: 50_000_000,
    prompt_eval_count: u.inputTokens, prompt_eval_duration: 200_000_000,
    eval_count: u.outputTokens, eval_duration: 1_000_000_000,
  };
}

function toolCallsJson(reply: Reply) {
  return (reply.toolCalls ?? []).map((c) => ({ function: { name: c.name, arguments: c.arguments } }));
}

function streamFrames(reply: Reply, ctx: ChatContext): Frame[] {
  const head = () => ({ model: ctx.model, created_at: new Date().toISOString() });
  const message = (fields: Record<string, unknown>) => ({ ...head(), message: { role: 'assistant', content: '', ...fields }, done: false });
  // Thinking models stream their reasoning in `message.thinking`, with empty content, before the answer.
  const frames: Frame[] = (reply.thinking ?? []).map((thinking) => ({ kind: 'preamble', data: line(message({ thinking })) }));
  for (const content of reply.tokens ?? []) frames.push({ kind: 'token', data: line(message({ content })) });
  const calls = toolCallsJson(reply);
  if (reply.toolCallsInOneLine && calls.length) {
    frames.push({ kind: 'other', data: line(message({ tool_calls: calls })) });
  } else {
    // One line per tool call: clients must accumulate calls across lines, not keep only the last.
    for (const call of calls) frames.push({ kind: 'other', data: line(message({ tool_calls: [call] })) });
  }
  frames.push({ kind: 'other', data: line({ ...head(), message: { role: 'assistant', content: '' }, ...finalFields(reply, ctx) }) });
  return frames;
}

function fullResponse(reply: Reply, ctx: ChatContext): unknown {
  const calls = toolCallsJson(reply);
  return {
    model: ctx.model, created_at: new Date().toISOString(),
    message: { role: 'assistant', content: fullText(reply), ...(calls.length ? { tool_calls: calls } : {}) },
    ...finalFields(reply, ctx),
  };
}

function modelInfo(name: string) {
  const family = name.split(/[:.\d]/)[0] ?? name;
  return {
    name: tagged(name), model: tagged(name), modified_at: '2025-01-15T10:00:00.000000000Z', size: 2_019_393_189,
    digest: 'a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72',
    details: {
      parent_model: '', format: 'gguf', family, families: [family], parameter_size: '3.2B', quantization_level: 'Q4_K_M',
    },
  };
}

/** Ollama refuses tools for a model whose template has none, before loading it. */
function validate(chat: ReceivedChat): PlainResponse | undefined {
  const { body, model, options } = chat;
  if (body['messages'] !== undefined && !Array.isArray(body['messages'])) return error(400, 'messages must be an array');
  const tools = body['tools'];
  if (Array.isArray(tools) && tools.length > 0 && options.modelsWithoutTools?.some((m) => tagged(m) === tagged(model))) {
    return error(400, `registry.ollama.ai/library/${tagged(model)} does not support tools`);
  }
  return undefined;
}

export const ollamaWire: VendorWire = {
  chatPath: '/api/chat',
  streamContentType: 'application/x-ndjson',
  requestIdPrefix: 'ollama',
  // The server streams unless told not to (ollama-js always sends `stream` explicitly, defaulting to false).
  wantsStream: (body) => body['stream'] !== false,
  // Local Ollama has no keys; ollama.com and auth proxies use a bearer token.
  authorized: (headers, key) => headers['authorization'] === `Bearer ${key}`,
  error: (status, message) => error(status, message),
  unknownModel: (model) =>
    model === undefined ? error(400, 'model is required') : error(404, `model "${model}" not found, try pulling it first`),
  knowsModel: (models, model) => models.some((m) => tagged(m) === tagged(model)),
  validate,
  streamFrames,
  streamErrorFrame: (err) => line({ error: err.message ?? 'an error was encountered while running the model: unexpected EOF' }),
  malformedFrame: (ctx) => `{"model":"${ctx.model}","message":{"role":"assistant","content":\n`,
  fullResponse,
  route(method, path, models) {
    const get = method === 'GET' || method === 'HEAD';
    if (get && path === '/') return { status: 200, contentType: 'text/plain; charset=utf-8', body: 'Ollama is running' };
    if (get && path === '/api/tags') return json(200, { models: models.map(modelInfo) });
    if (get && path === '/api/version') return json(200, { version: '0.12.6' });
    if (get && path === '/api/ps') return json(200, { models: [] });
    return undefined;
  },
  notFound: () => ({ status: 404, contentType: 'text/plain', body: '404 page not found' }),
};
