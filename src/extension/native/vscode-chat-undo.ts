// Undo for VS Code's Chat that survives a reload: each answer's applied changes (with the files' previous
// bytes) are kept by the same store and records our chat's undo uses, in a folder of its own beside our
// history (so nothing shows up in our chat's conversation list). The Undo button carries the answer's id, and
// VS Code keeps the button with its chat, so it still works after a reload or in a new window.
import * as vscode from 'vscode';
import { FileConversationStore } from '../../core/history/file-store';
import type { Logger } from '../../core/log';
import type { ToolRunner } from '../../core/tools/runner';
import type { AppliedChange } from '../../core/tools/types';
import { newId } from '../../core/util/ids';

/** workspaceState key of the one conversation (in the undo folder) that holds VS Code chat's changes. */
const conversationKey = 'agentChat.vscodeChat.undoConversation';

export interface VscodeChatUndoDeps {
  /** Where the kept changes live (per workspace, outside our history folder). */
  folder: string;
  state: vscode.Memento;
  runner(): ToolRunner | undefined;
  log: Logger;
}

export class VscodeChatUndo {
  private opened: FileConversationStore | undefined;

  constructor(private readonly deps: VscodeChatUndoDeps) {}

  /** Keeps one answer's changes; returns the id the Undo button passes back (undefined: nothing to undo). */
  async keep(changes: readonly AppliedChange[]): Promise<string | undefined> {
    if (!changes.length) return undefined;
    const turnId = newId('u');
    try {
      const id = await this.conversation();
      for (const change of changes) await this.store().saveEdit(id, { messageId: turnId, turnId, change });
      return turnId;
    } catch (err) {
      // The changes are made either way; only their undo is lost, and the log says why.
      this.deps.log.error("could not keep VS Code chat's changes for undo", err);
      return undefined;
    }
  }

  /** Restores what the answer `turnId` changed (once); tells the user what was restored and what was left alone. */
  async undo(turnId: string): Promise<void> {
    const runner = this.deps.runner();
    const id = this.deps.state.get<string>(conversationKey);
    const kept = id && runner ? await this.store().turnEdits(id, turnId).catch(() => undefined) : undefined;
    if (!id || !runner || !kept?.editIds.length) return void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to undo.'));
    const result = await runner.undo(kept.changes);
    result.conflicts.push(...kept.lost.map((path) => ({ path, reason: vscode.l10n.t('its previous content was not kept') })));
    await this.store().editsUndone(id, kept.messageId ?? turnId, kept.editIds);
    const conflicts = result.conflicts.map((c) => `${c.path} (${c.reason})`).join(', ');
    void vscode.window.showInformationMessage(
      conflicts
        ? vscode.l10n.t('Restored {0}; left alone: {1}', result.restored.join(', ') || '-', conflicts)
        : vscode.l10n.t('Restored {0}.', result.restored.join(', ')),
    );
  }

  /** Opened on first use, so activation does not read the disk for it. */
  private store(): FileConversationStore {
    this.opened ??= new FileConversationStore(this.deps.folder, { log: this.deps.log });
    return this.opened;
  }

  /** The conversation holding the changes: made on first use, made again if its folder was removed. */
  private async conversation(): Promise<string> {
    const known = this.deps.state.get<string>(conversationKey);
    if (known && (await this.store().turnEdits(known, '-').then(() => true, () => false))) return known;
    const created = await this.store().create("VS Code chat's changes");
    await this.deps.state.update(conversationKey, created.id);
    return created.id;
  }
}
