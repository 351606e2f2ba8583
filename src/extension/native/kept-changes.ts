// Where VS Code chat's applied changes are kept for Undo: one small conversation per answer in a history store
// of its own (per workspace), the oldest removed beyond a cap, so the folder never grows without bound.
import type { FileConversationStore } from '../../core/history/file-store';
import type { TurnEdits } from '../../core/chat/store';
import type { AppliedChange } from '../../core/tools/types';

/** How many answers' changes a workspace keeps for undo (the oldest go first). */
export const keptAnswersPerWorkspace = 50;

export interface KeptChangesOptions {
  /** Opens the store the answers are kept in (made by the main bundle, so this code is not carried twice). */
  open(): FileConversationStore;
  /** Answers kept before the oldest is removed. */
  cap?: number;
  /** The one conversation earlier versions kept every answer's changes in (their Undo buttons carry a turn id). */
  earlierConversation?: () => string | undefined;
}

export class KeptChanges {
  private opened: FileConversationStore | undefined;

  constructor(private readonly options: KeptChangesOptions) {}

  /** Keeps one answer's changes; returns the id its Undo passes back. */
  async keep(changes: readonly AppliedChange[]): Promise<string> {
    // Titled with the files, as the Command Palette's Undo lists the kept answers.
    const { id } = await this.store().create(titleFor(changes));
    // The conversation's id is the answer's id too: one answer per conversation.
    for (const change of changes) await this.store().saveEdit(id, { messageId: id, turnId: id, change });
    await this.store().applyRetention(this.options.cap ?? keptAnswersPerWorkspace);
    return id;
  }

  /** The changes still to undo for the answer `id` (none when removed, undone already, or unknown). */
  async find(id: string): Promise<{ conversation: string; edits: TurnEdits } | undefined> {
    const own = await this.store().turnEdits(id, id).catch(() => undefined);
    if (own) return { conversation: id, edits: own };
    const earlier = this.options.earlierConversation?.();
    const edits = earlier ? await this.store().turnEdits(earlier, id).catch(() => undefined) : undefined;
    return earlier && edits ? { conversation: earlier, edits } : undefined;
  }

  /** The answer's changes were undone: it is forgotten (an earlier version's answer is marked), so Undo does nothing the second time. */
  undone(found: { conversation: string; edits: TurnEdits }, id: string): Promise<void> {
    if (found.conversation === id) return this.store().delete(id);
    return this.store().editsUndone(found.conversation, found.edits.messageId ?? id, found.edits.editIds);
  }

  /** The answers kept now, newest first: their id, the files they changed and when. */
  async answers(): Promise<{ id: string; files: string; at: number }[]> {
    const earlier = this.options.earlierConversation?.();
    return (await this.store().list()).filter((c) => c.id !== earlier).map((c) => ({ id: c.id, files: c.title, at: c.updatedAt }));
  }

  dispose(): Promise<void> {
    return this.opened?.dispose() ?? Promise.resolve();
  }

  /** Opened on first use, so activation does not read the disk for it. */
  private store(): FileConversationStore {
    this.opened ??= this.options.open();
    return this.opened;
  }
}

function titleFor(changes: readonly AppliedChange[]): string {
  const files = [...new Set(changes.map((c) => c.path))].join(', ');
  return files.length > 120 ? `${files.slice(0, 119)}\u2026` : files;
}
