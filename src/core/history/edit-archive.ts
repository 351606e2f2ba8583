// Undo that survives a reload. Each change an agent applies is recorded in its conversation's log;
// the file's previous bytes go to a file of their own beside the log (`<conversation>.edits/<edit>`),
// so reading a page of messages never reads file contents, and a large file costs its size once.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TurnEdits } from '../chat/store';
import { stateDigest } from '../tools/text';
import type { AppliedChange } from '../tools/types';
import { assertConversationId } from './validate';
import type { EditAppliedRecord, HistoryRecord, StoredChange } from './records';

export class EditArchive {
  constructor(private readonly root: string) {}

  /** Keeps `bytes` for one edit; returns the name the log record refers to. */
  async keep(conversationId: string, editId: string, bytes: Uint8Array): Promise<string> {
    const dir = this.folder(conversationId);
    await mkdir(dir, { recursive: true });
    // On disk before the log says it is there: a power cut must not leave a record naming a short file.
    const fh = await open(join(dir, editId), 'w');
    try {
      await fh.writeFile(bytes);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    return editId;
  }

  /** The pending (applied, not undone) edits of one turn, oldest first, with their previous bytes. */
  async turn(conversationId: string, turnId: string, records: AsyncIterable<HistoryRecord>): Promise<TurnEdits> {
    const pending = new Map<string, EditAppliedRecord>();
    for await (const r of records) {
      if (r.t === 'editApplied' && r.turnId === turnId) pending.set(r.editId, r);
      else if (r.t === 'editUndone') pending.delete(r.editId);
    }
    const out: TurnEdits = { messageId: undefined, editIds: [], changes: [], lost: [] };
    for (const r of pending.values()) {
      out.messageId ??= r.messageId;
      out.editIds.push(r.editId);
      const bytes = r.change.preImage === undefined ? undefined : await this.read(conversationId, r.change.preImage);
      // Restoring missing or damaged bytes would empty or mangle the file: such an edit is reported, not undone.
      if (r.change.preImage !== undefined && (!bytes || stateDigest(bytes) !== r.change.beforeDigest)) out.lost.push(r.change.path);
      else out.changes.push(fromStored(r.change, bytes));
    }
    return out;
  }

  /** The turns that still have edits to undo, in the order their first such edit was applied. */
  async pendingTurns(records: AsyncIterable<HistoryRecord>): Promise<string[]> {
    const turnOf = new Map<string, string>();
    for await (const r of records) {
      if (r.t === 'editApplied') turnOf.set(r.editId, r.turnId);
      else if (r.t === 'editUndone') turnOf.delete(r.editId);
    }
    return [...new Set(turnOf.values())];
  }

  /** Removes the kept bytes of a conversation (it was deleted). */
  async drop(conversationId: string): Promise<void> {
    await rm(this.folder(conversationId), { recursive: true, force: true });
  }

  /** The kept bytes, or undefined when they are gone. Other failures (permissions…) are thrown: nothing is given up. */
  private async read(conversationId: string, name: string): Promise<Uint8Array | undefined> {
    // Names come from the log; anything that is not a plain file name is not ours.
    if (!/^[\w-]+$/.test(name)) return undefined;
    try {
      return await readFile(join(this.folder(conversationId), name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  private folder(conversationId: string): string {
    assertConversationId(conversationId);
    return join(this.root, `${conversationId}.edits`);
  }
}

/** The change as the log keeps it: without the diff texts, the bytes replaced by `preImage`'s name. */
export function toStored(change: AppliedChange, preImage: string | undefined): StoredChange {
  const { before: _before, after: _after, preImage: _bytes, ...rest } = change;
  return preImage === undefined ? rest : { ...rest, preImage };
}

function fromStored(stored: StoredChange, bytes: Uint8Array | undefined): AppliedChange {
  const { preImage: _name, ...rest } = stored;
  return { ...rest, before: undefined, after: undefined, preImage: bytes };
}
