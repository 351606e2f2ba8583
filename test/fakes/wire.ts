// The contract between the shared server machinery (server.ts) and one vendor's wire encoding.
// A wire module only turns a scripted Reply into bytes; timing, faults and recording live in server.ts,
// so every vendor gets exactly the same fault behaviour.
import { createHash } from 'node:crypto';
import type { FakeServerOptions, Reply, ScriptedToolCall, StreamError } from './script';

/**
 * One unit the server writes (an SSE event or an NDJSON line).
 * - `preamble`: sent before any content (Anthropic message_start, OpenAI role chunk); faults never fire before it.
 * - `token`: carries one scripted text token; counted for `afterTokens` and `firstTokenAt`.
 * - `other`: tool calls and closing events.
 */
export interface Frame {
  kind: 'preamble' | 'token' | 'other';
  data: string;
}

/** A complete non-streaming HTTP answer. */
export interface PlainResponse {
  status: number;
  contentType: string;
  body: string;
}

/** Facts about one chat request a wire needs; ids are derived from `seq` so runs are reproducible. */
export interface ChatContext {
  model: string;
  body: Record<string, unknown>;
  /** 1-based number of this request on its server. */
  seq: number;
  /** Rough prompt size, used when the Reply gives no usage. */
  promptTokens: number;
  requestId: string;
  /** Prompt prefixes this server has cached (Anthropic's prompt caching), shared by its requests. */
  promptCache: Set<string>;
}

/** A chat request as the server received it, for the checks a real API makes before answering. */
export interface ReceivedChat {
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  model: string;
  options: FakeServerOptions;
  requestId: string;
}

export interface VendorWire {
  /** Path of the chat endpoint; only POSTs there consume scripted replies. */
  chatPath: string;
  streamContentType: string;
  /** Response header carrying the request id (Anthropic `request-id`, OpenAI `x-request-id`); Ollama has none. */
  requestIdHeader?: string;
  requestIdPrefix: string;
  wantsStream(body: Record<string, unknown>): boolean;
  authorized(headers: Record<string, string | string[] | undefined>, apiKey: string): boolean;
  /** The vendor's error body for this status; `errorType` overrides the vendor's type/code field. */
  error(status: number, message: string | undefined, errorType: string | undefined, requestId: string): PlainResponse;
  /** Answer for a chat request naming a model the server does not offer (or none at all). */
  unknownModel(model: string | undefined, requestId: string): PlainResponse;
  knowsModel(models: readonly string[], model: string): boolean;
  streamFrames(reply: Reply, ctx: ChatContext): Frame[];
  /** The vendor's own answer to a request it would refuse (missing header or field, wrong field), or undefined. */
  validate(chat: ReceivedChat): PlainResponse | undefined;
  /** The error event a vendor writes inside a 200 stream. */
  streamErrorFrame(err: StreamError, ctx: ChatContext): string;
  /** One frame that is framed correctly but whose JSON does not parse. */
  malformedFrame(ctx: ChatContext): string;
  fullResponse(reply: Reply, ctx: ChatContext): unknown;
  /** Non-chat endpoints (model lists, health checks); undefined means "not found". */
  route(method: string, path: string, models: readonly string[], requestId: string): PlainResponse | undefined;
  notFound(method: string, path: string, requestId: string): PlainResponse;
}

export function json(status: number, value: unknown, contentType = 'application/json'): PlainResponse {
  return { status, contentType, body: JSON.stringify(value) };
}

export type StopKind = NonNullable<Reply['stopReason']>;

export function stopOf(reply: Reply): StopKind {
  return reply.stopReason ?? (reply.toolCalls?.length ? 'tool_use' : 'end');
}

export interface WireUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
}

export function usageOf(reply: Reply, ctx: ChatContext): WireUsage {
  if (reply.usage) return reply.usage;
  const toolChars = (reply.toolCalls ?? []).reduce((n, c) => n + JSON.stringify(c.arguments).length + c.name.length, 0);
  return { inputTokens: ctx.promptTokens, outputTokens: (reply.tokens?.length ?? 0) + Math.ceil(toolChars / 4) };
}

export function fullText(reply: Reply): string {
  return (reply.tokens ?? []).join('');
}

/**
 * The JSON arguments cut into `argumentChunks` pieces. Cuts fall between code points, not inside
 * surrogate pairs, because the vendors' fragments are valid strings (only JSON-incomplete).
 */
export function argumentPieces(call: ScriptedToolCall): string[] {
  const chars = Array.from(JSON.stringify(call.arguments));
  const count = Math.max(1, call.argumentChunks ?? 3);
  const size = Math.max(1, Math.ceil(chars.length / count));
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}

/** A scripted id, or a deterministic one in the vendor's style. */
export function toolCallId(call: ScriptedToolCall, prefix: string, ctx: ChatContext, index: number): string {
  return call.id ?? `${prefix}${String(ctx.seq).padStart(4, '0')}${index}fake`;
}

/**
 * Cuts the frames after `err.afterTokens` text tokens and appends the vendor's in-stream error, as a
 * server does when the model fails mid-answer: no closing events follow.
 */
export function withStreamError(frames: Frame[], err: StreamError, errorFrame: string): Frame[] {
  const out: Frame[] = [];
  let tokens = 0;
  for (const frame of frames) {
    if (frame.kind !== 'preamble' && tokens >= err.afterTokens) break;
    out.push(frame);
    if (frame.kind === 'token') tokens++;
  }
  out.push({ kind: 'other', data: errorFrame });
  return out;
}

/** The signature the fake gives a thinking block; a block passed back must carry exactly this one. */
export function thinkingSignature(thinking: string): string {
  return `EqFakeSig${createHash('sha256').update(thinking).digest('base64')}`;
}

/** The request header's value as one string (Node gives repeated headers as arrays). */
export function header(headers: ReceivedChat['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
