// Every failure a provider can have, reduced to a few kinds the UI can explain and act on.
import type { ProviderId } from './types';

export type ProviderErrorKind =
  | 'auth'
  | 'rateLimited'
  | 'overloaded'
  | 'contextTooLong'
  | 'modelNotFound'
  | 'unreachable'
  | 'connectionLost'
  | 'timeout'
  | 'malformedStream'
  | 'badRequest'
  | 'cancelled';

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  provider: ProviderId;
  /** What happened, in words a user understands. Never contains a key. */
  message: string;
  /** What to do about it. */
  hint?: string;
  /** `message` in English when it was translated: what the log says (logs stay English, see README Localisation). */
  english?: string;
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/** Marks our provider errors, so that each bundle's copy of this class recognises the others' (see below). */
const providerErrorBrand = Symbol.for('agent-chat.ProviderError');

export class ProviderError extends Error {
  /**
   * `instanceof` by brand, not by class: the extension's lazily loaded bundles each have their own copy of this
   * class, and an error thrown by one bundle's provider is caught and explained by another's code.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[providerErrorBrand] === true;
  }

  readonly kind: ProviderErrorKind;
  readonly provider: ProviderId;
  readonly hint: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  /** The message in English, for the log. */
  readonly english: string;

  constructor(init: ProviderErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.provider = init.provider;
    this.hint = init.hint;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.english = init.english ?? init.message;
    Object.defineProperty(this, providerErrorBrand, { value: true });
  }

  /** Worth sending again unchanged, as long as no content has reached the user yet. */
  get retryable(): boolean {
    return this.kind === 'rateLimited' || this.kind === 'overloaded' || this.kind === 'connectionLost';
  }
}

export const providerNames: Record<ProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  ollama: 'Ollama',
  vscode: 'VS Code',
};

/** Removes every secret from a text that may be shown, logged or stored. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/**
 * Reads a server's wish to be retried later: `retry-after-ms`, then `retry-after` as seconds
 * or an HTTP date.
 */
export function retryAfterMs(headers: unknown, now = Date.now()): number | undefined {
  const get = (name: string): string | undefined => {
    if (headers == null || typeof headers !== 'object') return undefined;
    const h = headers as { get?: (n: string) => string | null } & Record<string, unknown>;
    if (typeof h.get === 'function') return h.get(name) ?? undefined;
    const v = h[name];
    return typeof v === 'string' ? v : undefined;
  };
  const ms = Number(get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && get('retry-after-ms') !== undefined) return ms;
  const raw = get('retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Network error codes that mean nothing listens at the address. */
const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET_BEFORE']);

/** Walks an error's `cause` chain looking for a Node network error code. */
export function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e != null && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUnreachableCode(code: string | undefined): boolean {
  return code !== undefined && unreachableCodes.has(code);
}
