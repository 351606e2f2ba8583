// The "Agent Chat" output channel, wrapped as the core Logger. Message bodies and keys never go here
// above debug level; errors carry their stack so a report is useful.
import * as vscode from 'vscode';
import type { Logger } from '../core/log';

export function createLogger(): Logger & vscode.Disposable & { show(): void } {
  const channel = vscode.window.createOutputChannel('Agent Chat', { log: true });
  return {
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m, err) => (err === undefined ? channel.error(m) : channel.error(m, err instanceof Error ? err : new Error(String(err)))),
    show: () => channel.show(true),
    dispose: () => channel.dispose(),
  };
}
