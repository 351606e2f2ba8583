// Undo for VS Code's Chat that survives a reload: each answer's applied changes (with the files' previous
// bytes) are kept on disk (kept-changes.ts, beside our history, so nothing shows up in our chat's conversation
// list). The Undo button carries the answer's id, and VS Code keeps the button with its chat, so it still
// works after a reload or in a new window — for the newest answers of the workspace (see the cap there).
import * as vscode from 'vscode';
import type { FileConversationStore } from '../../core/history/file-store';
import type { Logger } from '../../core/log';
import type { ToolRunner } from '../../core/tools/runner';
import type { AppliedChange } from '../../core/tools/types';
import { KeptChanges, type EarlierUndo } from './kept-changes';

/** workspaceState key of the one conversation earlier versions kept every answer's changes in. */
const earlierConversationKey = 'agentChat.vscodeChat.undoConversation';
/** workspaceState key of where that conversation's answers were moved (their Undo buttons still carry the old ids). */
const movedKey = 'agentChat.vscodeChat.undoMoved';

export interface VscodeChatUndoDeps {
  /** Where the kept changes live (per workspace, outside our history folder). */
  folder: string;
  /** Opens the history store the changes are kept in (kept-changes.ts). */
  openStore(folder: string): FileConversationStore;
  state: vscode.Memento;
  runner(): ToolRunner | undefined;
  log: Logger;
}

export class VscodeChatUndo {
  private readonly kept: KeptChanges;

  constructor(private readonly deps: VscodeChatUndoDeps) {
    const earlier: EarlierUndo = {
      conversation: () => deps.state.get<string>(earlierConversationKey),
      moved: async (moved) => {
        await deps.state.update(movedKey, moved);
        await deps.state.update(earlierConversationKey, undefined);
      },
      movedTo: (id) => {
        const moved = deps.state.get<Record<string, string>>(movedKey);
        return moved && Object.hasOwn(moved, id) ? moved[id] : undefined;
      },
    };
    this.kept = new KeptChanges({ open: () => deps.openStore(deps.folder), earlier });
  }

  /** Keeps one answer's changes; returns the id the Undo button passes back (undefined: nothing to undo). */
  async keep(changes: readonly AppliedChange[]): Promise<string | undefined> {
    if (!changes.length) return undefined;
    try {
      return await this.kept.keep(changes);
    } catch (err) {
      // The changes are made either way; only their undo is lost, and the log says why.
      this.deps.log.error("could not keep VS Code chat's changes for undo", err);
      return undefined;
    }
  }

  /** The kept answers, newest first, to pick one to undo (the Command Palette's way after a reload). */
  async pickAndUndo(): Promise<void> {
    const answers = await this.kept.answers().catch(() => []);
    if (!answers.length) return void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to undo.'));
    const picked = await vscode.window.showQuickPick(
      answers.map((a) => ({ label: a.files, description: new Date(a.at).toLocaleString(vscode.env.language), id: a.id })),
      { placeHolder: vscode.l10n.t("Undo the changes of which answer in VS Code's Chat?") },
    );
    if (picked) await this.undo(picked.id);
  }

  /** Restores what the answer `id` changed (once); tells the user what was restored and what was left alone. */
  async undo(id: string): Promise<void> {
    const runner = this.deps.runner();
    const found = runner && typeof id === 'string' ? await this.kept.find(id) : undefined;
    if (!runner || !found?.edits.editIds.length) return void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to undo.'));
    const result = await runner.undo(found.edits.changes);
    result.conflicts.push(...found.edits.lost.map((path) => ({ path, reason: vscode.l10n.t('its previous content was not kept') })));
    await this.kept.undone(found, id);
    const conflicts = result.conflicts.map((c) => `${c.path} (${c.reason})`).join(', ');
    void vscode.window.showInformationMessage(
      conflicts
        ? vscode.l10n.t('Restored {0}; left alone: {1}', result.restored.join(', ') || '-', conflicts)
        : vscode.l10n.t('Restored {0}.', result.restored.join(', ')),
    );
  }
}
