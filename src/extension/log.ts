// The "Agent Chat" output channel, wrapped as the core Logger. Message bodies never go here above debug level,
// and no line at any level shows an API key the extension knows; errors carry their stack so a report is useful.
import * as vscode from 'vscode';
import { redactingLogger, type Logger } from '../core/log';

export interface ExtensionLogger extends Logger, vscode.Disposable {
  show(): void;
  /** Adds values to take out of every line from now on (keys stay listed after they are removed from storage). */
  hideSecrets(values: readonly string[]): void;
}

export function createLogger(): ExtensionLogger {
  const channel = vscode.window.createOutputChannel('Agent Chat', { log: true });
  const secrets = new Set<string>();
  const sink: Logger = {
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m, err) => (err === undefined ? channel.error(m) : channel.error(m, err as Error)),
  };
  const redacting = redactingLogger(sink, () => [...secrets]);
  return {
    ...redacting,
    hideSecrets: (values) => values.forEach((v) => secrets.add(v)),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
