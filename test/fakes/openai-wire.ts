// OpenAI Chat Completions wire format (POST /v1/chat/completions, GET /v1/models), as the official SDK parses it:
// SSE `data: CHUNK\n\n` lines closed by `data: [DONE]\n\n`; errors `{"error":{message,type,param,code}}`.
import type { Reply } from './script';
import {
  type ChatContext, type Frame, type PlainResponse, type ReceivedChat, type VendorWire,
  argumentPieces, fullText, header, json, stopOf, toolCallId, usageOf,
} from './wire';

const finishReasons = { end: 'stop', tool_use: 'tool_calls', max_tokens: 'length' } as const;

const defaultCodes: Record<number, string> = { 401: 'invalid_api_key', 404: 'model_not_found', 429: 'rate_limit_exceeded' };

const defaultMessages: Record<string, string> = {
  invalid_api_key: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
  rate_limit_exceeded: 'Rate limit reached for requests. Please try again later.',
  insufficient_quota: 'You exceeded your current quota, please check your plan and billing details.',
  context_length_exceeded:
    "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
};

function errorBody(status: number, message: string, type: string, code: string | null, param: string | null = null): PlainResponse {
  return json(status, { error: { message, type, param, code } });
}

/** `errorType` is OpenAI's `code` (e.g. context_length_exceeded, insufficient_quota); `type` follows from it and the status. */
function error(status: number, message: string | undefined, errorType: string | undefined): PlainResponse {
  const code = errorType ?? defaultCodes[status] ?? null;
  const type =
    code === 'insufficient_quota' ? 'insufficient_quota'
    : status === 429 ? 'requests'
    : status >= 500 ? 'server_error'
    : 'invalid_request_error';
  const text =
    message ?? (code !== null ? defaultMessages[code] : undefined)
    ?? (status >= 500 ? 'The server had an error while processing your request. Sorry about that!' : `HTTP ${status}`);
  return errorBody(status, text, type, code, code === 'context_length_exceeded' ? 'messages' : null);
}

function usageJson(reply: Reply, ctx: ChatContext) {
  const u = usageOf(reply, ctx);
  // prompt_tokens counts the cached ones too.
  const cached = u.cacheReadTokens ?? 0;
  const prompt = u.inputTokens + cached;
  return {
    prompt_tokens: prompt, completion_tokens: u.outputTokens, total_tokens: prompt + u.outputTokens,
    prompt_tokens_details: { cached_tokens: cached, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function shell(ctx: ChatContext, object: string) {
  return {
    id: `chatcmpl-fake${String(ctx.seq).padStart(6, '0')}`, object,
    created: Math.floor(Date.now() / 1000), model: ctx.model, system_fingerprint: 'fp_fake',
  };
}

type Chunk = (delta: unknown, finish?: string | null, extra?: Record<string, unknown>) => string;

/** Tool-call deltas in the shape the reply asks for (see OpenAIShape.toolCalls). */
function toolCallFrames(reply: Reply, ctx: ChatContext, chunk: Chunk): Frame[] {
  const calls = (reply.toolCalls ?? []).map((call, index) => {
    const id = toolCallId(call, 'call_', ctx, index);
    const opening = { index, id, type: 'function', function: { name: call.name, arguments: '' } };
    return { opening, pieces: argumentPieces(call).map((args) => ({ index, function: { arguments: args } })) };
  });
  const frame = (delta: unknown): Frame => ({ kind: 'other', data: chunk({ tool_calls: [delta] }) });
  const style = reply.openai?.toolCalls ?? 'fragments';
  if (style === 'whole') {
    // Some servers (and the API for short calls) send name and complete arguments in one delta.
    return calls.map((c) => frame({ ...c.opening, function: { ...c.opening.function, arguments: c.pieces.map((p) => p.function.arguments).join('') } }));
  }
  if (style === 'fragments') return calls.flatMap((c) => [frame(c.opening), ...c.pieces.map(frame)]);
  // Interleaved: every call opens, then their argument fragments alternate by index.
  const out = calls.map((c) => frame(c.opening));
  for (let i = 0; calls.some((c) => i < c.pieces.length); i++) {
    for (const c of calls) if (i < c.pieces.length) out.push(frame(c.pieces[i]));
  }
  return out;
}

function streamFrames(reply: Reply, ctx: ChatContext): Frame[] {
  const base = shell(ctx, 'chat.completion.chunk');
  const so = ctx.body['stream_options'];
  const includeUsage = typeof so === 'object' && so !== null && (so as Record<string, unknown>)['include_usage'] === true;
  // With include_usage every chunk carries `usage: null` until the dedicated usage chunk.
  const withUsage = includeUsage ? { usage: null } : {};
  const chunk: Chunk = (delta, finish = null, extra = {}) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...withUsage, ...extra })}\n\n`;
  const tokens = reply.tokens ?? [];
  const frames: Frame[] = [];
  if (reply.openai?.nullChoices) frames.push({ kind: 'preamble', data: `data: ${JSON.stringify({ ...base, choices: null, usage: null })}\n\n` });
  frames.push({ kind: 'preamble', data: chunk({ role: 'assistant', content: tokens.length ? '' : null, refusal: null }) });
  // Reasoning servers (vLLM, DeepSeek, LM Studio) stream the model's thinking in a field of its own.
  for (const reasoning_content of reply.thinking ?? []) frames.push({ kind: 'preamble', data: chunk({ reasoning_content, content: null }) });
  const field = reply.openai?.refusal ? 'refusal' : 'content';
  for (const text of tokens) frames.push({ kind: 'token', data: chunk({ [field]: text }) });
  frames.push(...toolCallFrames(reply, ctx, chunk));
  const finish = reply.vendorStopReason ?? finishReasons[stopOf(reply)];
  const onFinish = includeUsage && reply.openai?.usageOnFinish;
  frames.push({ kind: 'other', data: chunk({}, finish, onFinish ? { usage: usageJson(reply, ctx) } : {}) });
  if (includeUsage && !onFinish) {
    frames.push({ kind: 'other', data: `data: ${JSON.stringify({ ...base, choices: [], usage: usageJson(reply, ctx) })}\n\n` });
  }
  frames.push({ kind: 'other', data: 'data: [DONE]\n\n' });
  return frames;
}

function fullResponse(reply: Reply, ctx: ChatContext): unknown {
  const calls = (reply.toolCalls ?? []).map((call, i) => ({
    id: toolCallId(call, 'call_', ctx, i), type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
  const message = {
    role: 'assistant', content: reply.tokens?.length ? fullText(reply) : null, refusal: null, annotations: [],
    ...(calls.length ? { tool_calls: calls } : {}),
  };
  return {
    ...shell(ctx, 'chat.completion'),
    choices: [{ index: 0, message, logprobs: null, finish_reason: reply.vendorStopReason ?? finishReasons[stopOf(reply)] }],
    usage: usageJson(reply, ctx),
  };
}

/** Reasoning models take their output limit only as max_completion_tokens. */
const reasoningModel = /^(o\d|gpt-5)/;

/** What the API refuses before answering: no key, no messages, the wrong token-limit field for the model. */
function validate(chat: ReceivedChat): PlainResponse | undefined {
  const { headers, body, model } = chat;
  if (header(headers, 'authorization') === undefined) {
    return errorBody(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error', null);
  }
  if (!Array.isArray(body['messages'])) {
    return errorBody(400, "Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages');
  }
  if (reasoningModel.test(model) && body['max_tokens'] !== undefined) {
    return errorBody(
      400, "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'invalid_request_error', 'unsupported_parameter', 'max_tokens',
    );
  }
  return undefined;
}

const modelInfo = (id: string) => ({ id, object: 'model', created: 1715367049, owned_by: 'system' });

export const openaiWire: VendorWire = {
  chatPath: '/v1/chat/completions',
  streamContentType: 'text/event-stream; charset=utf-8',
  requestIdHeader: 'x-request-id',
  requestIdPrefix: 'req_fake',
  wantsStream: (body) => body['stream'] === true,
  authorized: (headers, key) => headers['authorization'] === `Bearer ${key}`,
  error: (status, message, errorType) => error(status, message, errorType),
  unknownModel: (model) =>
    model === undefined
      ? errorBody(400, 'you must provide a model parameter', 'invalid_request_error', null)
      : errorBody(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'),
  knowsModel: (models, model) => models.includes(model),
  validate,
  streamFrames,
  streamErrorFrame: (err) =>
    `data: ${JSON.stringify({ error: { message: err.message ?? 'The server had an error while processing your request. Sorry about that!', type: err.type ?? 'server_error', param: null, code: null } })}\n\n`,
  malformedFrame: (ctx) => `data: {"id":"chatcmpl-fake${ctx.seq}","object":"chat.completion.chunk","choices":[{"delta":{"cont\n\n`,
  fullResponse,
  route(method, path, models) {
    if (method !== 'GET') return undefined;
    if (path === '/v1/models') return json(200, { object: 'list', data: models.map(modelInfo) });
    const one = /^\/v1\/models\/([^/]+)$/.exec(path)?.[1];
    if (one === undefined) return undefined;
    const id = decodeURIComponent(one);
    return models.includes(id) ? json(200, modelInfo(id)) : openaiWire.unknownModel(id, '');
  },
  notFound: (method, path) => errorBody(404, `Invalid URL (${method} ${path})`, 'invalid_request_error', null),
};
