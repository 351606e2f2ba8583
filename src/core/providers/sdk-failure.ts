// Reads the error objects thrown by the Anthropic and OpenAI SDKs (both share one design):
// `status`, `headers` and the parsed error body. Duck-typed so that it works on any copy of the SDK.
import type { HttpFailure } from './classify';

/**
 * Error types and codes that arrive inside a 200 stream (no HTTP status of their own), mapped to the
 * status they mean: Anthropic's `event: error` types, then OpenAI's `data: {"error"}` types and codes.
 */
const statusOfType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
  server_error: 500,
  rate_limit_exceeded: 429,
  context_length_exceeded: 400,
};

export function sdkHttpFailure(err: unknown): HttpFailure | undefined {
  if (err == null || typeof err !== 'object') return undefined;
  const e = err as { status?: unknown; headers?: unknown; error?: unknown };
  // Anthropic: error = { type: 'error', error: { type, message } }; OpenAI: error = { message, type, code }.
  const outer = (e.error ?? undefined) as { error?: unknown; type?: unknown; code?: unknown; message?: unknown } | undefined;
  const inner = (outer && typeof outer.error === 'object' ? outer.error : outer) as
    | { type?: unknown; code?: unknown; message?: unknown }
    | undefined;
  const code = str(inner?.code) ?? str(inner?.type);
  const message = str(inner?.message);
  if (typeof e.status === 'number') return { status: e.status, code, message, headers: e.headers };
  // No status: the server reported the error in the stream. An error body we cannot place is the server failing.
  if (inner === undefined || (code === undefined && message === undefined)) return undefined;
  const status = (code !== undefined ? statusOfType[code] : undefined) ?? 500;
  return { status, code, message, headers: e.headers, inStream: true };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
