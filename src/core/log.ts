// The logging seam for core code; the extension backs it with a LogOutputChannel.
import { redact } from './providers/errors';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** An error with every secret taken out of its message and stack, so that logging it cannot show a key. */
function redactedError(err: unknown, secrets: readonly string[]): Error {
  const original = err instanceof Error ? err : new Error(String(err));
  const copy = new Error(redact(original.message, secrets));
  copy.name = original.name;
  copy.stack = original.stack === undefined ? undefined : redact(original.stack, secrets);
  return copy;
}

/**
 * A logger that replaces every value `secrets()` returns with `[redacted]` at every level: a command line,
 * a server's error or a stack may carry an API key, and the log is something users paste into reports.
 */
export function redactingLogger(sink: Logger, secrets: () => readonly string[]): Logger {
  return {
    debug: (m) => sink.debug(redact(m, secrets())),
    info: (m) => sink.info(redact(m, secrets())),
    warn: (m) => sink.warn(redact(m, secrets())),
    error: (m, err) => (err === undefined ? sink.error(redact(m, secrets())) : sink.error(redact(m, secrets()), redactedError(err, secrets()))),
  };
}
