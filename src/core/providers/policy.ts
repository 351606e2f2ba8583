// Retries, timeouts and cancellation, shared by every vendor.
//
// A vendor module only knows how to open one attempt and translate its events. This wrapper
// decides when to give up (timeouts), when to try again (retryable failures before any content,
// so text is never duplicated) and turns a user's abort into `done(cancelled)` rather than an error.
import type { Translate } from '../protocol/translate';
import { linkedController, sleep } from '../util/abort';
import { ProviderError, providerNames } from './errors';
import type { ChatEvent, ProviderId, RetrySettings, TimeoutSettings } from './types';
import { Watchdog } from './watchdog';

export interface Attempt {
  /** Opens the request and yields its events; must honour `signal` on the HTTP request itself. */
  open(signal: AbortSignal): AsyncIterable<ChatEvent>;
  /** Translates anything the attempt threw into a ProviderError. */
  classify(err: unknown, answerStarted: boolean): ProviderError;
}

export interface PolicyOptions {
  provider: ProviderId;
  timeouts: TimeoutSettings;
  retry: RetrySettings;
  /** The user's language for the timeout explanations. */
  t: Translate;
}

class TimeoutReason extends Error {
  constructor(readonly phase: 'first token' | 'idle', readonly ms: number) {
    super(`timed out waiting for ${phase}`);
  }
}

/** Content that reaches the user; once one has been yielded, the attempt is never repeated. */
function isContent(event: ChatEvent): boolean {
  return event.type === 'text' || event.type === 'toolCallStart';
}

export async function* withPolicy(attempt: Attempt, options: PolicyOptions, signal: AbortSignal): AsyncGenerator<ChatEvent> {
  for (let retry = 0; ; retry++) {
    if (signal.aborted) {
      yield { type: 'done', stopReason: 'cancelled' };
      return;
    }
    const link = linkedController(signal);
    // One timer for the attempt, not one per event (watchdog.ts).
    const watchdog = new Watchdog((phase, ms) => link.controller.abort(new TimeoutReason(phase, ms)));
    let started = false;
    let failure: ProviderError | undefined;
    try {
      watchdog.arm('first token', options.timeouts.firstTokenMs);
      for await (const event of attempt.open(link.controller.signal)) {
        // The consumer's time is not the server's silence: pause the clock while it works.
        watchdog.pause();
        if (isContent(event)) started = true;
        yield event;
        watchdog.arm(started ? 'idle' : 'first token', started ? options.timeouts.idleMs : options.timeouts.firstTokenMs);
      }
      return;
    } catch (err) {
      if (signal.aborted) {
        yield { type: 'done', stopReason: 'cancelled' };
        return;
      }
      const reason: unknown = link.controller.signal.reason;
      failure =
        reason instanceof TimeoutReason
          ? timeoutError(options.provider, reason, options.t)
          : err instanceof ProviderError
            ? err
            : attempt.classify(err, started);
    } finally {
      watchdog.stop();
      link.dispose();
      // Closes the socket when the consumer stopped early or the attempt failed.
      link.controller.abort();
    }
    const delay = retryDelay(failure, retry, options.retry);
    if (started || delay === undefined) throw failure;
    // *Retry now* ends the wait early: the same request goes out at once, never a second question.
    const wait = linkedController(signal);
    let waiting = true;
    const skipWait = () => waiting && (wait.controller.abort(), true);
    yield { type: 'retrying', attempt: retry + 1, delayMs: delay, reason: failure.message, reasonInEnglish: failure.english, maxAttempts: options.retry.maxRetries, skipWait };
    try {
      await sleep(delay, wait.controller.signal);
    } catch {
      if (signal.aborted) {
        yield { type: 'done', stopReason: 'cancelled' };
        return;
      }
    } finally {
      waiting = false;
      wait.dispose();
    }
  }
}

/** How long to wait before the next attempt, or undefined when it should not be retried. */
export function retryDelay(failure: ProviderError, retriesSoFar: number, settings: RetrySettings): number | undefined {
  if (!failure.retryable || retriesSoFar >= settings.maxRetries) return undefined;
  if (failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs <= settings.maxDelayMs ? failure.retryAfterMs : undefined;
  }
  const exponential = settings.baseDelayMs * 2 ** retriesSoFar;
  // Jitter spreads out clients that failed together; bounded so tests stay predictable.
  return Math.min(settings.maxDelayMs, Math.round(exponential * (0.8 + Math.random() * 0.4)));
}

function timeoutError(provider: ProviderId, reason: TimeoutReason, t: Translate): ProviderError {
  const name = providerNames[provider];
  const seconds = Math.round(reason.ms / 100) / 10;
  return new ProviderError({
    provider,
    kind: 'timeout',
    message:
      reason.phase === 'first token'
        ? t('{0} did not start answering within {1} s.', name, seconds)
        : t('{0} stopped sending for {1} s in the middle of the answer.', name, seconds),
    hint: t('Retry, or raise "agentChat.timeouts.firstTokenSeconds" / "agentChat.timeouts.idleSeconds" for slow models.'),
  });
}
