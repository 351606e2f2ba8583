// Turns vendor HTTP failures and transport failures into ProviderErrors with a message and a fix.
import { ProviderError, isUnreachableCode, networkCode, providerNames, redact, retryAfterMs } from './errors';
import type { ProviderId } from './types';

export interface FailureContext {
  provider: ProviderId;
  model: string;
  /** Where requests go, shown in "cannot reach" messages. */
  endpoint: string;
  /** Secrets that must never appear in a message. */
  secrets: readonly (string | undefined)[];
}

export interface HttpFailure {
  status: number;
  /** The vendor's error type or code, e.g. `rate_limit_error`, `context_length_exceeded`. */
  code?: string;
  /** The vendor's own explanation. */
  message?: string;
  headers?: unknown;
  /** Reported inside a 200 stream (Anthropic `event: error`, OpenAI `{"error"}` chunk, Ollama `{"error"}` line). */
  inStream?: boolean;
}

/** How the failure arrived, for the message: "HTTP 529", or the vendor's error type mid-stream. */
function arrival(f: HttpFailure): string {
  return f.inStream ? `${f.code ?? 'an error'} in the middle of the answer` : `HTTP ${f.status}`;
}

const contextTooLongPattern = /context[_ ]length|too long|maximum context|too many tokens|prompt is too long/i;

export function httpFailure(ctx: FailureContext, f: HttpFailure, cause?: unknown): ProviderError {
  const name = providerNames[ctx.provider];
  const detail = f.message ? redact(f.message, ctx.secrets) : undefined;
  const base = { provider: ctx.provider, status: f.status, cause };
  const said = detail ? ` ${name} said: ${detail}` : '';
  if (f.status === 401 || f.status === 403) {
    return new ProviderError({
      ...base,
      kind: 'auth',
      message: `${name} did not accept the API key (${arrival(f)}).${said}`,
      hint: `Run "Agent Chat: Set API Key" to store a valid ${name} key.`,
    });
  }
  if (f.status === 429) {
    const wait = retryAfterMs(f.headers);
    return new ProviderError({
      ...base,
      kind: 'rateLimited',
      retryAfterMs: wait,
      message: `${name} is rate limiting requests (${arrival(f)}).`,
      hint: wait === undefined ? 'Wait a moment, then retry.' : `Retry in ${Math.ceil(wait / 1000)} s.`,
    });
  }
  if (f.status === 413 || contextTooLongPattern.test(`${f.code ?? ''} ${f.message ?? ''}`)) {
    return new ProviderError({
      ...base,
      kind: 'contextTooLong',
      message: `The conversation is too long for ${ctx.model}.${said}`,
      hint: 'Start a new chat, or pick a model with a larger context window.',
    });
  }
  if (f.status === 404 || f.code === 'model_not_found' || f.code === 'not_found_error') {
    return modelNotFound(ctx, base, said);
  }
  if (f.status >= 500 || f.code === 'overloaded_error') {
    return new ProviderError({
      ...base,
      kind: 'overloaded',
      retryAfterMs: retryAfterMs(f.headers),
      message: `${name} is overloaded or failed (${arrival(f)}).${said}`,
      hint: 'This is usually temporary: retry in a moment.',
    });
  }
  return new ProviderError({
    ...base,
    kind: 'badRequest',
    message: `${name} refused the request (${arrival(f)}).${said}`,
    hint: 'Check the model and settings for this provider.',
  });
}

function modelNotFound(ctx: FailureContext, base: { provider: ProviderId; status: number; cause?: unknown }, said: string) {
  if (ctx.provider === 'ollama') {
    return new ProviderError({
      ...base,
      kind: 'modelNotFound',
      message: `The model "${ctx.model}" is not pulled in Ollama at ${ctx.endpoint}.`,
      hint: `Run \`ollama pull ${ctx.model}\`, or choose another model with "Agent Chat: Select Model".`,
    });
  }
  return new ProviderError({
    ...base,
    kind: 'modelNotFound',
    message: `${providerNames[ctx.provider]} has no model "${ctx.model}".${said}`,
    hint: 'Choose another model with "Agent Chat: Select Model".',
  });
}

/** A failure below HTTP: nothing listening, the connection dropped, or bytes we could not parse. */
export function transportFailure(ctx: FailureContext, err: unknown, answerStarted: boolean): ProviderError {
  const name = providerNames[ctx.provider];
  const code = networkCode(err);
  if (isUnreachableCode(code) && !answerStarted) {
    const ollama = ctx.provider === 'ollama';
    return new ProviderError({
      provider: ctx.provider,
      kind: 'unreachable',
      cause: err,
      message: ollama ? `Ollama is not running at ${ctx.endpoint}.` : `Cannot reach ${name} at ${ctx.endpoint} (${code}).`,
      hint: ollama
        ? 'Start it with `ollama serve`, or set "agentChat.ollama.host" to where it runs.'
        : 'Check your network and the base URL setting for this provider.',
    });
  }
  const text = err instanceof Error ? err.message : String(err);
  if (err instanceof SyntaxError || /JSON|parse|unexpected token|could not parse/i.test(text)) {
    return new ProviderError({
      provider: ctx.provider,
      kind: 'malformedStream',
      cause: err,
      message: `${name} sent a response that could not be read (${redact(text, ctx.secrets)}).`,
      hint: 'Retry; if it keeps happening, the server may not speak this provider\'s API.',
    });
  }
  return new ProviderError({
    provider: ctx.provider,
    kind: 'connectionLost',
    cause: err,
    message: `The connection to ${name} was lost${answerStarted ? ' before the answer finished' : ''} (${code ?? redact(text, ctx.secrets)}).`,
    hint: 'Retry; check the network or the server if it keeps happening.',
  });
}

export function endedEarly(ctx: FailureContext): ProviderError {
  return new ProviderError({
    provider: ctx.provider,
    kind: 'malformedStream',
    message: `${providerNames[ctx.provider]} ended the answer without saying it was finished.`,
    hint: 'Retry; the server may have been restarted mid-answer.',
  });
}
