// Where conversations are kept: the workspace's storage folder, or (with no folder open) a fixed
// place in the extension's global storage. Problems found on disk are shown to the user once.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { FileConversationStore } from '../core/history/file-store';
import type { Logger } from '../core/log';

export function historyFolder(context: vscode.ExtensionContext): string {
  if (context.storageUri) return join(context.storageUri.fsPath, 'history');
  return join(context.globalStorageUri.fsPath, 'history', 'no-workspace');
}

/** `maxConversations`: the retention setting (0 keeps all), applied once the store is open. */
export function openHistory(context: vscode.ExtensionContext, log: Logger, maxConversations: () => number): FileConversationStore {
  const shown = new Set<string>();
  const store = new FileConversationStore(historyFolder(context), {
    log,
    onProblem: (p) => {
      if (shown.has(p.message)) return;
      shown.add(p.message);
      void vscode.window.showWarningMessage(`Agent Chat history: ${p.message}`);
    },
  });
  // Answers left streaming by a window that died become "interrupted", with the text saved so far.
  // Runs after activation so that activation itself stays fast.
  setTimeout(() => {
    store
      .recoverInterrupted()
      .then(async (report) => {
        if (report.interrupted.length) log.info(`history: ${report.interrupted.length} interrupted answer(s) recovered`);
        const keep = maxConversations();
        if (keep > 0) await store.applyRetention(keep);
      })
      .catch((err: unknown) => log.error('history recovery failed', err));
  }, 0);
  return store;
}
