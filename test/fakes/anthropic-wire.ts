// Anthropic Messages API wire format (POST /v1/messages, GET /v1/models), as the official SDK parses it:
// SSE events `event: NAME\ndata: JSON\n\n`, errors `{"type":"error","error":{type,message},"request_id"}`.
import type { Reply } from './script';
import {
  type ChatContext, type Frame, type PlainResponse, type ReceivedChat, type VendorWire,
  type WireUsage, argumentPieces, fullText, header, json, stopOf, thinkingSignature, toolCallId, usageOf,
} from './wire';
import { billPrompt } from './anthropic-cache';

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};

const defaultMessages: Record<number, string> = {
  400: 'Invalid request', 401: 'invalid x-api-key',
  403: 'Your API key does not have permission to use the specified resource.',
  404: 'Not found', 413: 'Request exceeds the maximum allowed number of bytes.',
  429: 'Number of request tokens has exceeded your per-minute rate limit', 500: 'Internal server error', 529: 'Overloaded',
};

const stopReasons = { end: 'end_turn', tool_use: 'tool_use', max_tokens: 'max_tokens' } as const;

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function error(status: number, message: string | undefined, errorType: string | undefined, requestId: string): PlainResponse {
  const type = errorType ?? errorTypes[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  const text = message ?? defaultMessages[status] ?? `HTTP ${status}`;
  return json(status, { type: 'error', error: { type, message: text }, request_id: requestId });
}

function messageShell(ctx: ChatContext) {
  return { id: `msg_fake${String(ctx.seq).padStart(6, '0')}`, type: 'message', role: 'assistant', model: ctx.model };
}

function toolUseBlock(reply: Reply, ctx: ChatContext, i: number, withInput: boolean) {
  const call = reply.toolCalls?.[i];
  if (!call) throw new Error(`no tool call ${i}`);
  return { type: 'tool_use', id: toolCallId(call, 'toolu_01', ctx, i), name: call.name, input: withInput ? call.arguments : {} };
}

type Push = (kind: Frame['kind'], event: string, data: unknown) => void;

/** A `thinking` block (deltas, then its signature) and a `redacted_thinking` block; returns the next index. */
function pushThinking(reply: Reply, push: Push, first: number): number {
  let index = first;
  if (reply.thinking?.length) {
    push('preamble', 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    for (const thinking of reply.thinking) {
      push('preamble', 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } });
    }
    const signature = thinkingSignature(reply.thinking.join(''));
    push('preamble', 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature } });
    push('preamble', 'content_block_stop', { type: 'content_block_stop', index });
    index++;
  }
  if (reply.redactedThinking !== undefined) {
    const block = { type: 'redacted_thinking', data: reply.redactedThinking };
    push('preamble', 'content_block_start', { type: 'content_block_start', index, content_block: block });
    push('preamble', 'content_block_stop', { type: 'content_block_stop', index });
    index++;
  }
  return index;
}

function pushToolUse(reply: Reply, ctx: ChatContext, push: Push, first: number): void {
  (reply.toolCalls ?? []).forEach((call, i) => {
    const index = first + i;
    push('other', 'content_block_start', { type: 'content_block_start', index, content_block: toolUseBlock(reply, ctx, i, false) });
    // The API opens every tool input with an empty partial_json before the real fragments.
    for (const partial_json of ['', ...argumentPieces(call)]) {
      push('other', 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });
    }
    push('other', 'content_block_stop', { type: 'content_block_stop', index });
  });
}

/** The scripted usage, else the server's count with its prompt cache billed like the API's. */
function anthropicUsage(reply: Reply, ctx: ChatContext): WireUsage {
  const out = usageOf(reply, ctx);
  if (reply.usage) return out;
  return { ...billPrompt(ctx.body, ctx.promptTokens, ctx.promptCache), outputTokens: out.outputTokens };
}

function cacheFields(usage: WireUsage) {
  return { cache_creation_input_tokens: usage.cacheWriteTokens ?? 0, cache_read_input_tokens: usage.cacheReadTokens ?? 0 };
}

function streamFrames(reply: Reply, ctx: ChatContext): Frame[] {
  const usage = anthropicUsage(reply, ctx);
  const tokens = reply.tokens ?? [];
  const frames: Frame[] = [];
  const push: Push = (kind, event, data) => frames.push({ kind, data: sse(event, data) });
  const cache = cacheFields(usage);
  push('preamble', 'message_start', {
    type: 'message_start',
    message: {
      ...messageShell(ctx), content: [], stop_reason: null, stop_sequence: null,
      usage: { input_tokens: reply.startInputTokens ?? usage.inputTokens, ...cache, output_tokens: 1 },
    },
  });
  let index = pushThinking(reply, push, 0);
  if (tokens.length > 0) {
    push('preamble', 'content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
  }
  // The real API sends one ping early, after the first block opens; clients must skip it.
  push('preamble', 'ping', { type: 'ping' });
  if (tokens.length > 0) {
    for (const text of tokens) {
      push('token', 'content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
    }
    push('other', 'content_block_stop', { type: 'content_block_stop', index });
    index++;
  }
  pushToolUse(reply, ctx, push, index);
  // The usage in message_delta is cumulative for the whole message, input tokens included.
  push('other', 'message_delta', {
    type: 'message_delta',
    delta: { stop_reason: stopReasonOf(reply), stop_sequence: reply.vendorStopReason === 'stop_sequence' ? '\n\nHuman:' : null },
    usage: { input_tokens: usage.inputTokens, ...cache, output_tokens: usage.outputTokens },
  });
  push('other', 'message_stop', { type: 'message_stop' });
  return frames;
}

function stopReasonOf(reply: Reply): string {
  return reply.vendorStopReason ?? stopReasons[stopOf(reply)];
}

function fullResponse(reply: Reply, ctx: ChatContext): unknown {
  const usage = anthropicUsage(reply, ctx);
  const content: unknown[] = [];
  if (reply.tokens?.length) content.push({ type: 'text', text: fullText(reply) });
  (reply.toolCalls ?? []).forEach((_call, i) => content.push(toolUseBlock(reply, ctx, i, true)));
  return {
    ...messageShell(ctx), content, stop_reason: stopReasonOf(reply), stop_sequence: null,
    usage: {
      input_tokens: usage.inputTokens, ...cacheFields(usage),
      output_tokens: usage.outputTokens,
    },
  };
}

/** "claude-sonnet-4-5" → "Claude Sonnet 4.5", close enough to the API's display names. */
function displayName(id: string): string {
  const words = id.split('-').filter((w) => !/^\d{8}$/.test(w));
  const out: string[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (/^\d+$/.test(w) && prev !== undefined && /^\d+(\.\d+)*$/.test(prev)) out[out.length - 1] = `${prev}.${w}`;
    else out.push(/^\d/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1));
  }
  return out.join(' ');
}

function modelInfo(id: string) {
  return { type: 'model', id, display_name: displayName(id), created_at: '2025-09-29T00:00:00Z' };
}

/** Thinking blocks must come back exactly as they were sent: the signature covers the text. */
function badThinking(messages: unknown[]): string | undefined {
  for (const [m, message] of messages.entries()) {
    const content = (message as { content?: unknown }).content;
    if (!Array.isArray(content)) continue;
    for (const [b, block] of (content as Record<string, unknown>[]).entries()) {
      if (block['type'] !== 'thinking') continue;
      const thinking = block['thinking'];
      if (typeof thinking !== 'string' || block['signature'] !== thinkingSignature(thinking)) {
        return `messages.${m}.content.${b}: Invalid \`signature\` in \`thinking\` block`;
      }
    }
  }
  return undefined;
}

/** What the Messages API refuses before looking at the model: missing headers and required fields. */
function validate(chat: ReceivedChat): PlainResponse | undefined {
  const { headers, body, requestId } = chat;
  if (header(headers, 'x-api-key') === undefined && header(headers, 'authorization') === undefined) {
    return error(401, 'x-api-key header is required', undefined, requestId);
  }
  if (header(headers, 'anthropic-version') === undefined) return error(400, 'anthropic-version: header is required', undefined, requestId);
  if (typeof body['max_tokens'] !== 'number' || !Number.isInteger(body['max_tokens']) || body['max_tokens'] < 1) {
    return error(400, 'max_tokens: Field required', undefined, requestId);
  }
  if (!Array.isArray(body['messages'])) return error(400, 'messages: Field required', undefined, requestId);
  const thinking = badThinking(body['messages']);
  return thinking === undefined ? undefined : error(400, thinking, undefined, requestId);
}

export const anthropicWire: VendorWire = {
  chatPath: '/v1/messages',
  streamContentType: 'text/event-stream; charset=utf-8',
  requestIdHeader: 'request-id',
  requestIdPrefix: 'req_011fake',
  wantsStream: (body) => body['stream'] === true,
  // The SDK sends `x-api-key`; OAuth-style clients send a bearer token instead.
  authorized: (headers, key) => headers['x-api-key'] === key || headers['authorization'] === `Bearer ${key}`,
  error,
  unknownModel: (model, requestId) =>
    model === undefined ? error(400, 'model: Field required', undefined, requestId) : error(404, `model: ${model}`, undefined, requestId),
  knowsModel: (models, model) => models.includes(model),
  validate,
  streamFrames,
  streamErrorFrame: (err, ctx) =>
    sse('error', {
      type: 'error',
      error: { type: err.type ?? 'overloaded_error', message: err.message ?? 'Overloaded' },
      request_id: ctx.requestId,
    }),
  malformedFrame: () => 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n',
  fullResponse,
  route(method, path, models, requestId) {
    if (method !== 'GET') return undefined;
    if (path === '/v1/models') {
      return json(200, { data: models.map(modelInfo), has_more: false, first_id: models[0] ?? null, last_id: models[models.length - 1] ?? null });
    }
    const one = /^\/v1\/models\/([^/]+)$/.exec(path)?.[1];
    if (one === undefined) return undefined;
    const id = decodeURIComponent(one);
    return models.includes(id) ? json(200, modelInfo(id)) : error(404, `model: ${id}`, undefined, requestId);
  },
  notFound: (_method, _path, requestId) => error(404, 'Not Found', undefined, requestId),
};
