// Reads the error objects thrown by the Anthropic and OpenAI SDKs (both share one design):
// `status`, `headers` and the parsed error body. Duck-typed so that it works on any copy of the SDK.
import type { HttpFailure } from './classify';

/** Anthropic error types that arrive inside a stream (no HTTP status), mapped to the status they mean. */
const statusOfType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
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
  const status = typeof e.status === 'number' ? e.status : code !== undefined ? statusOfType[code] : undefined;
  if (status === undefined) return undefined;
  return { status, code, message, headers: e.headers };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
