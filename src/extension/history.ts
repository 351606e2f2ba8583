// Where conversations are kept: a folder in the extension's global storage named after the workspace's
// first folder (or its workspace file), so adding a folder, which gives the workspace a new storage
// folder, keeps the history; with nothing open, a fixed place. History an earlier version kept in a
// workspace storage folder is brought along on first use. Problems found on disk are shown to the user once.
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { FileConversationStore } from '../core/history/file-store';
import { bringAlong, earlierFolders, historyKey } from '../core/history/relocate';
import type { Logger } from '../core/log';

/** The URI the history is keyed by, if any: stays the same while folders are added after the first. */
function workspaceIdentity(): string | undefined {
  const first = vscode.workspace.workspaceFolders?.[0]?.uri;
  const file = vscode.workspace.workspaceFile;
  return (first ?? file)?.toString();
}

export function historyFolder(context: vscode.ExtensionContext): string {
  const identity = workspaceIdentity();
  return join(context.globalStorageUri.fsPath, 'history', identity ? historyKey(identity) : 'no-workspace');
}

/** Where VS Code chat's changes are kept for undo: per workspace like the history, but outside its folder. */
export function vscodeChatUndoFolder(context: vscode.ExtensionContext): string {
  return join(context.globalStorageUri.fsPath, 'vscode-chat-undo', basename(historyFolder(context)));
}

/** Folders earlier versions kept this workspace's history in: this storage folder's, and other ones for the same first folder. */
async function earlierHistory(context: vscode.ExtensionContext): Promise<string[]> {
  if (!context.storageUri || context.storageUri.scheme !== 'file') return [];
  const own = join(context.storageUri.fsPath, 'history');
  const first = vscode.workspace.workspaceFolders?.[0]?.uri.toString();
  const others = first ? await earlierFolders(dirname(context.storageUri.fsPath), basename(context.storageUri.fsPath), first) : [];
  return [own, ...others.filter((f) => f !== own)];
}

/** `maxConversations`: the retention setting (0 keeps all), applied once the store is open. */
export function openHistory(context: vscode.ExtensionContext, log: Logger, maxConversations: () => number): FileConversationStore {
  const shown = new Set<string>();
  const folder = historyFolder(context);
  const store = new FileConversationStore(folder, {
    log,
    t: vscode.l10n.t,
    onProblem: (p) => {
      if (shown.has(p.message)) return;
      shown.add(p.message);
      void vscode.window.showWarningMessage(vscode.l10n.t('Agent Chat history: {0}', p.message));
    },
    beforeLoad: async () => {
      for (const earlier of await earlierHistory(context)) {
        // A folder that cannot be brought along stays where it is, untouched; the next start tries again.
        await bringAlong(earlier, folder, log).catch((err: unknown) => log.error(`history: could not bring along ${earlier}`, err));
      }
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
