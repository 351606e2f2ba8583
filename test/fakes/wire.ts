// The contract between the shared server machinery (server.ts) and one vendor's wire encoding.
// A wire module only turns a scripted Reply into bytes; timing, faults and recording live in server.ts,
// so every vendor gets exactly the same fault behaviour.
import type { Reply, ScriptedToolCall } from './script';

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

export function usageOf(reply: Reply, ctx: ChatContext): { inputTokens: number; outputTokens: number } {
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
