// Where VS Code chat's applied changes are kept for Undo: one small conversation per answer in a history store
// of its own (per workspace), the oldest removed beyond a cap, so the folder never grows without bound. The one
// conversation earlier versions kept every answer in is moved into such records on first use, then deleted.
import type { FileConversationStore } from '../../core/history/file-store';
import type { TurnEdits } from '../../core/chat/store';
import type { AppliedChange } from '../../core/tools/types';

/** How many answers' changes a workspace keeps for undo (the oldest go first). */
export const keptAnswersPerWorkspace = 50;

/** The single conversation of earlier versions (their Undo buttons carry a turn id of it), and where its answers went. */
export interface EarlierUndo {
  conversation(): string | undefined;
  /** Its answers now have records of their own, `moved[turn id] = record id`: remember that and forget it. */
  moved(moved: Record<string, string>): Promise<void>;
  /** The record an earlier answer's Undo id was moved to. */
  movedTo(id: string): string | undefined;
}

export interface KeptChangesOptions {
  /** Opens the store the answers are kept in (made by the chat's bundle, so this code is not carried twice). */
  open(): FileConversationStore;
  /** Answers kept before the oldest is removed. */
  cap?: number;
  earlier?: EarlierUndo;
}

type Found = { conversation: string; edits: TurnEdits };

export class KeptChanges {
  private opened: Promise<FileConversationStore> | undefined;

  constructor(private readonly options: KeptChangesOptions) {}

  /** Keeps one answer's changes; returns the id its Undo passes back. */
  async keep(changes: readonly AppliedChange[]): Promise<string> {
    const store = await this.store();
    const id = await record(store, changes);
    await store.applyRetention(this.cap);
    return id;
  }

  /** The changes still to undo for the answer `id` (none when removed, undone already, or unknown). */
  async find(id: string): Promise<Found | undefined> {
    const store = await this.store();
    const own = this.options.earlier?.movedTo(id) ?? id;
    const edits = await store.turnEdits(own, own).catch(() => undefined);
    if (edits) return { conversation: own, edits };
    // The earlier conversation is still there only when moving it failed (the log said why).
    const earlier = this.options.earlier?.conversation();
    const old = earlier ? await store.turnEdits(earlier, id).catch(() => undefined) : undefined;
    return earlier && old ? { conversation: earlier, edits: old } : undefined;
  }

  /** The answer's changes were undone: it is forgotten (an earlier version's answer is marked), so Undo does nothing the second time. */
  async undone(found: Found, id: string): Promise<void> {
    const store = await this.store();
    if (found.conversation !== this.options.earlier?.conversation()) return store.delete(found.conversation);
    return store.editsUndone(found.conversation, found.edits.messageId ?? id, found.edits.editIds);
  }

  /** The answers kept now, newest first: their id, the files they changed and when. */
  async answers(): Promise<{ id: string; files: string; at: number }[]> {
    const earlier = this.options.earlier?.conversation();
    return (await (await this.store()).list()).filter((c) => c.id !== earlier).map((c) => ({ id: c.id, files: c.title, at: c.updatedAt }));
  }

  async dispose(): Promise<void> {
    await (await this.opened?.catch(() => undefined))?.dispose();
  }

  private get cap(): number {
    return this.options.cap ?? keptAnswersPerWorkspace;
  }

  /** Opened on first use, so activation does not read the disk for it; an earlier version's conversation is moved first. */
  private store(): Promise<FileConversationStore> {
    this.opened ??= (async () => {
      const store = this.options.open();
      await this.moveEarlier(store);
      return store;
    })();
    return this.opened;
  }

  /** The newest answers of the earlier single conversation become records of their own; the conversation is deleted. */
  private async moveEarlier(store: FileConversationStore): Promise<void> {
    const earlier = this.options.earlier;
    const id = earlier?.conversation();
    if (!earlier || !id) return;
    const turns = await store.pendingTurns(id).catch(() => undefined);
    // Gone already (its folder was removed): only the pointer to it is left to forget.
    if (!turns) return earlier.moved({});
    const moved: Record<string, string> = {};
    for (const turn of turns.slice(-this.cap)) {
      const edits = await store.turnEdits(id, turn);
      if (edits.changes.length) moved[turn] = await record(store, edits.changes);
    }
    await store.applyRetention(this.cap);
    await earlier.moved(moved);
    await store.delete(id);
  }
}

/** One answer's record: titled with the files (the Command Palette's Undo lists them); its id is the answer's too. */
async function record(store: FileConversationStore, changes: readonly AppliedChange[]): Promise<string> {
  const { id } = await store.create(titleFor(changes));
  for (const change of changes) await store.saveEdit(id, { messageId: id, turnId: id, change });
  return id;
}

function titleFor(changes: readonly AppliedChange[]): string {
  const files = [...new Set(changes.map((c) => c.path))].join(', ');
  return files.length > 120 ? `${files.slice(0, 119)}\u2026` : files;
}
