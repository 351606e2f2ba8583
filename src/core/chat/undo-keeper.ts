// Undo per agent turn. Each change a turn applies is handed to the store (with the file's previous
// bytes) as it happens; Undo reads the turn's pending changes back from the store, so it works after a
// reload and from any window, and marks them undone so nothing is restored twice.
import type { Logger } from '../log';
import type { UndoResult } from '../tools/changes';
import type { AppliedChange } from '../tools/types';
import type { ChatMessageRecord } from '../protocol/chat-message';
import type { UndoArchive } from './store';
import { inEnglish, type Translate } from '../protocol/translate';

export interface UndoTools {
  undo(changes: readonly AppliedChange[]): Promise<UndoResult>;
}

export class UndoKeeper {
  /** How many changes each turn kept (the changes themselves are in the store). */
  private readonly counts = new Map<string, number>();
  /** Per turn, changes whose previous content could not be kept (they cannot be undone). */
  private readonly unkept = new Map<string, string[]>();
  /** Turns whose undo is running. */
  private readonly running = new Set<string>();

  constructor(
    private readonly store: UndoArchive,
    private readonly log: Logger,
    /** The user's language for the notices below. */
    private readonly t: Translate = inEnglish,
  ) {}

  async keep(conversationId: string, turnId: string, messageId: string, change: AppliedChange): Promise<void> {
    try {
      await this.store.saveEdit(conversationId, { messageId, turnId, change });
      this.counts.set(turnId, (this.counts.get(turnId) ?? 0) + 1);
    } catch (e) {
      // The change is made either way; only its undo is lost: the answer says so, the log says why.
      this.log.error(`could not keep the previous content of ${change.path} for undo`, e);
      this.unkept.set(turnId, [...(this.unkept.get(turnId) ?? []), change.path]);
    }
  }

  /** The turn's last answer with its Undo count (and a warning for changes that cannot be undone); undefined if it changed nothing. */
  settle(last: ChatMessageRecord): ChatMessageRecord | undefined {
    const turnId = last.turnId ?? '';
    const count = this.counts.get(turnId) ?? 0;
    const unkept = this.unkept.get(turnId) ?? [];
    this.unkept.delete(turnId);
    if (!count && !unkept.length) return undefined;
    const warning = unkept.length ? this.t('Undo will not cover {0}: the previous content could not be saved (see the Agent Chat log).', unkept.join(', ')) : '';
    return { ...last, undoableChanges: count, ...(warning ? { notice: [last.notice, warning].filter(Boolean).join(' ') } : {}) };
  }

  /**
   * Undoes the changes of `message`'s turn; `save` stores and shows the message's new state. Undefined
   * when there was nothing to do (or an undo of that turn is already running).
   */
  async undo(conversationId: string, message: ChatMessageRecord, tools: UndoTools, save: (m: ChatMessageRecord) => Promise<void>): Promise<UndoResult | undefined> {
    const turnId = message.turnId;
    // A second click (or the other view) while an undo runs must not undo again.
    if (!turnId || this.running.has(turnId)) return undefined;
    this.running.add(turnId);
    try {
      const kept = await this.store.turnEdits(conversationId, turnId);
      if (!kept.editIds.length) {
        // Undone already (another window), or the record is gone: the button must not stay.
        if (message.undoableChanges) await save({ ...message, undoableChanges: 0, notice: this.t('Nothing left to undo.') });
        return undefined;
      }
      const result = await tools.undo(kept.changes);
      const t = this.t;
      result.conflicts.push(...kept.lost.map((path) => ({ path, reason: t('its previous content was not kept') })));
      await this.store.editsUndone(conversationId, kept.messageId ?? message.id, kept.editIds);
      this.counts.delete(turnId);
      const conflicts = result.conflicts.map((c) => `${c.path} (${c.reason})`).join(', ');
      const n = result.restored.length;
      // Whole sentences, as languages count differently.
      const notice = conflicts
        ? n === 1 ? t('Undid 1 change; left alone: {0}.', conflicts) : t('Undid {0} changes; left alone: {1}.', n, conflicts)
        : n === 1 ? t('Undid 1 change.') : t('Undid {0} changes.', n);
      await save({ ...message, undoableChanges: 0, notice });
      return result;
    } finally {
      this.running.delete(turnId);
    }
  }
}
