// Turns vendor HTTP failures and transport failures into ProviderErrors with a message and a fix, in the user's language.
import { inEnglish, type Translate } from '../protocol/translate';
import { ProviderError, type ProviderErrorInit, isUnreachableCode, networkCode, providerNames, redact, retryAfterMs } from './errors';
import type { ProviderId } from './types';

export interface FailureContext {
  provider: ProviderId;
  model: string;
  /** Where requests go, shown in "cannot reach" messages. */
  endpoint: string;
  /** Secrets that must never appear in a message. */
  secrets: readonly (string | undefined)[];
  /** The user's language for the message and the hint (vscode.l10n.t from the host, English in tests and the bench). */
  t: Translate;
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
function arrival(f: HttpFailure, t: Translate): string {
  return f.inStream ? t('{0} in the middle of the answer', f.code ?? t('an error')) : t('HTTP {0}', f.status);
}

const contextTooLongPattern = /context[_ ]length|too long|maximum context|too many tokens|prompt is too long/i;

export function httpFailure(ctx: FailureContext, f: HttpFailure, cause?: unknown): ProviderError {
  return withEnglish(ctx, (c) => classifyHttp(c, f, cause));
}

function classifyHttp(ctx: FailureContext, f: HttpFailure, cause?: unknown): ProviderError {
  const { t } = ctx;
  const name = providerNames[ctx.provider];
  const detail = f.message ? redact(f.message, ctx.secrets) : undefined;
  const base = { provider: ctx.provider, status: f.status, cause };
  const said = detail ? ` ${t('{0} said: {1}', name, detail)}` : '';
  const how = arrival(f, t);
  if (f.status === 401 || f.status === 403) {
    return new ProviderError({
      ...base,
      kind: 'auth',
      message: t('{0} did not accept the API key ({1}).', name, how) + said,
      hint: t('Run "Agent Chat: Set API Key" to store a valid {0} key.', name),
    });
  }
  if (f.status === 429) {
    const wait = retryAfterMs(f.headers);
    return new ProviderError({
      ...base,
      kind: 'rateLimited',
      retryAfterMs: wait,
      message: t('{0} is rate limiting requests ({1}).', name, how),
      hint: wait === undefined ? t('Wait a moment, then retry.') : t('Retry in {0} s.', Math.ceil(wait / 1000)),
    });
  }
  if (f.status === 413 || contextTooLongPattern.test(`${f.code ?? ''} ${f.message ?? ''}`)) {
    return new ProviderError({
      ...base,
      kind: 'contextTooLong',
      message: t('The conversation is too long for {0}.', ctx.model) + said,
      hint: t('Start a new chat, or pick a model with a larger context window.'),
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
      message: t('{0} is overloaded or failed ({1}).', name, how) + said,
      hint: t('This is usually temporary: retry in a moment.'),
    });
  }
  return new ProviderError({
    ...base,
    kind: 'badRequest',
    message: t('{0} refused the request ({1}).', name, how) + said,
    hint: t('Check the model and settings for this provider.'),
  });
}

function modelNotFound(ctx: FailureContext, base: { provider: ProviderId; status: number; cause?: unknown }, said: string) {
  const { t } = ctx;
  if (ctx.provider === 'ollama') {
    return new ProviderError({
      ...base,
      kind: 'modelNotFound',
      message: t('The model "{0}" is not pulled in Ollama at {1}.', ctx.model, ctx.endpoint),
      hint: t('Run `ollama pull {0}`, or choose another model with "Agent Chat: Select Model".', ctx.model),
    });
  }
  return new ProviderError({
    ...base,
    kind: 'modelNotFound',
    message: t('{0} has no model "{1}".', providerNames[ctx.provider], ctx.model) + said,
    hint: t('Choose another model with "Agent Chat: Select Model".'),
  });
}

/** A failure below HTTP: nothing listening, the connection dropped, or bytes we could not parse. */
export function transportFailure(ctx: FailureContext, err: unknown, answerStarted: boolean): ProviderError {
  return withEnglish(ctx, (c) => classifyTransport(c, err, answerStarted));
}

function classifyTransport(ctx: FailureContext, err: unknown, answerStarted: boolean): ProviderError {
  const { t } = ctx;
  const name = providerNames[ctx.provider];
  const code = networkCode(err);
  if (isUnreachableCode(code) && !answerStarted) {
    const ollama = ctx.provider === 'ollama';
    return new ProviderError({
      provider: ctx.provider,
      kind: 'unreachable',
      cause: err,
      message: ollama ? t('Ollama is not running at {0}.', ctx.endpoint) : t('Cannot reach {0} at {1} ({2}).', name, ctx.endpoint, code ?? ''),
      hint: ollama
        ? t('Start it with `ollama serve`, or set "agentChat.ollama.host" to where it runs.')
        : t('Check your network and the base URL setting for this provider.'),
    });
  }
  const text = err instanceof Error ? err.message : String(err);
  if (err instanceof SyntaxError || /JSON|parse|unexpected token|could not parse/i.test(text)) {
    return new ProviderError({
      provider: ctx.provider,
      kind: 'malformedStream',
      cause: err,
      message: t('{0} sent a response that could not be read ({1}).', name, redact(text, ctx.secrets)),
      hint: t("Retry; if it keeps happening, the server may not speak this provider's API."),
    });
  }
  return new ProviderError({
    provider: ctx.provider,
    kind: 'connectionLost',
    cause: err,
    message: answerStarted
      ? t('The connection to {0} was lost before the answer finished ({1}).', name, code ?? redact(text, ctx.secrets))
      : t('The connection to {0} was lost ({1}).', name, code ?? redact(text, ctx.secrets)),
    hint: t('Retry; check the network or the server if it keeps happening.'),
  });
}

export function endedEarly(ctx: FailureContext): ProviderError {
  return withEnglish(ctx, endedEarlyIn);
}

function endedEarlyIn(ctx: FailureContext): ProviderError {
  return new ProviderError({
    provider: ctx.provider,
    kind: 'malformedStream',
    message: ctx.t('{0} ended the answer without saying it was finished.', providerNames[ctx.provider]),
    hint: ctx.t('Retry; the server may have been restarted mid-answer.'),
  });
}

/** The error in the user's language, carrying its English for the log (made a second time only when translated). */
function withEnglish(ctx: FailureContext, make: (ctx: FailureContext) => ProviderError): ProviderError {
  const shown = make(ctx);
  if (ctx.t === inEnglish) return shown;
  const english = make({ ...ctx, t: inEnglish }).message;
  return new ProviderError({ ...initOf(shown), english });
}

function initOf(e: ProviderError): ProviderErrorInit {
  return { kind: e.kind, provider: e.provider, message: e.message, hint: e.hint, status: e.status, retryAfterMs: e.retryAfterMs, cause: e.cause };
}
