// Where conversations are kept: a folder in the extension's global storage named after the workspace's
// first folder (or its workspace file), so adding a folder, which gives the workspace a new storage
// folder, keeps the history; with nothing open, a fixed place. History an earlier version kept in a
// workspace storage folder is brought along on first use. Problems found on disk are shown to the user once.
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { FileConversationStore } from '../core/history/file-store';
import { bringAlong, earlierFolders, historyKey } from '../core/history/relocate';
import { folderEntries } from '../core/history/workspace-file';
import type { Logger } from '../core/log';

/**
 * The URI the history is keyed by, if any: the first folder, which stays the same while folders are
 * added after it. A workspace file whose folders VS Code has not given this host (yet) is read for its
 * first folder, so the key is the same either way; a workspace file with no folders keys by itself.
 */
export function workspaceIdentity(folders = vscode.workspace.workspaceFolders, file = vscode.workspace.workspaceFile): string | undefined {
  const first = folders?.[0]?.uri ?? (file && firstFolderOf(file));
  return (first ?? file)?.toString();
}

function firstFolderOf(file: vscode.Uri): vscode.Uri | undefined {
  if (file.scheme !== 'file') return undefined; // An untitled or remote workspace file: keyed by itself.
  let text: string;
  try {
    text = readFileSync(file.fsPath, 'utf8'); // Small, and read only when the folders are missing.
  } catch {
    return undefined;
  }
  // Resolved as VS Code resolves them, so the key is the one its own folder URI gives.
  for (const entry of folderEntries(text)) {
    if ('path' in entry) return vscode.Uri.file(resolve(dirname(file.fsPath), entry.path));
    try {
      const uri = vscode.Uri.parse(entry.uri);
      return uri.path.startsWith('/') ? uri : uri.with({ path: `/${uri.path}` });
    } catch {
      // Not a URI: VS Code skips it too.
    }
  }
  return undefined;
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
  if (!vscode.workspace.workspaceFolders?.length && vscode.workspace.workspaceFile) {
    log.info(`history: this window has a workspace file but no folders (yet); its history is ${folder} (keyed by the first folder the file lists, or by the file if it lists none)`);
  }
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
