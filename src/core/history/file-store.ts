// Durable conversation history: one append-only JSON-lines log per conversation plus index.json,
// under a folder the extension chooses. Writes cost the same at 10 or 100,000 messages; opening a
// conversation reads the index and the end of one log. The undo archive's records go into the same
// logs; housekeeping is in maintenance.ts, the shared machinery in history-folder.ts.
import type { ConversationStore, HistoryProblem, MessagePage, RecoveryReport, StoreMaintenance, TurnEdits, UndoArchive } from '../chat/store';
import { silentLogger } from '../log';
import type { ChatMessageRecord, TokenUsage } from '../protocol/chat-message';
import type { ConversationSummary, UsageTotals } from '../protocol/messages';
import type { AppliedChange } from '../tools/types';
import { newId } from '../util/ids';
import { EditArchive, toStored } from './edit-archive';
import type { Translate } from '../protocol/translate';
import { toMarkdown } from './export-markdown';
import { ForwardFold } from './fold';
import { assertId, dropStreams, HistoryFolder, type FileStoreOptions } from './history-folder';
import { summaryOf, type IndexEntry } from './index-format';
import { thisHost } from './lock';
import { applyRetention, clearAll, recoverInterrupted } from './maintenance';
import { FORMAT_VERSION as v, type ActivityRecordInput, type HistoryRecord } from './records';

export type { FileStoreOptions } from './history-folder';

export class FileConversationStore implements ConversationStore, UndoArchive, StoreMaintenance {
  private readonly folder: HistoryFolder;
  private readonly edits: EditArchive;

  constructor(readonly root: string, options: FileStoreOptions = {}) {
    this.edits = new EditArchive(root);
    this.folder = new HistoryFolder(root, options.log ?? silentLogger, this.edits, options);
  }

  async list(): Promise<ConversationSummary[]> {
    await this.folder.ready();
    await this.folder.index.refresh();
    return this.folder.index.all().map(summaryOf);
  }

  /** Index entries with everything the index keeps (agent, createdAt, open streams). */
  async entries(): Promise<IndexEntry[]> {
    await this.folder.ready();
    await this.folder.index.refresh();
    return this.folder.index.all().map((e) => structuredClone(e));
  }

  async create(title: string, options: { agent?: string } = {}): Promise<ConversationSummary> {
    await this.folder.ready();
    const id = newId('c');
    const at = Date.now();
    const agent = options.agent ? { agent: options.agent } : {};
    await this.folder.logFor(id).append([{ v, t: 'created', at, id, title, ...agent }], true);
    const entry: IndexEntry = { id, title, ...agent, createdAt: at, updatedAt: at, messageCount: 0 };
    this.folder.index.update(id, () => undefined, { entry });
    await this.folder.index.flush();
    return summaryOf(entry);
  }

  async lastPage(id: string, limit: number): Promise<MessagePage> {
    await this.folder.entry(id);
    const page = await this.folder.guard(id, () => this.folder.logFor(id).lastPage(limit));
    return page ? { messages: await this.folder.settle(id, page.states), hasOlder: page.hasOlder } : { messages: [], hasOlder: false };
  }

  async pageBefore(id: string, beforeId: string, limit: number): Promise<MessagePage> {
    await this.folder.entry(id);
    const page = await this.folder.guard(id, () => this.folder.logFor(id).pageBefore(beforeId, limit));
    if (!page) return this.lastPage(id, limit); // An unknown id (a message since deleted) pages from the end.
    return { messages: await this.folder.settle(id, page.states), hasOlder: page.hasOlder };
  }

  async appendMessage(id: string, message: ChatMessageRecord): Promise<void> {
    await this.folder.entry(id);
    const streaming = message.status === 'streaming';
    const writer = { pid: process.pid, host: thisHost };
    await this.folder.logFor(id).append([{ v, t: 'message', at: Date.now(), message, ...(streaming ? writer : {}) }]);
    if (streaming) this.folder.live.set(message.id, message.text);
    // An open stream is written to the index right away, so recovery finds it if this window dies.
    this.folder.index.update(id, (e) => {
      e.messageCount++;
      e.updatedAt = Date.now();
      if (streaming) e.streaming = [...(e.streaming ?? []), { messageId: message.id, ...writer }];
    }, { now: streaming });
  }

  async checkpoint(id: string, messageId: string, text: string): Promise<void> {
    await this.folder.entry(id);
    // Only the text added since this instance's previous checkpoint is written (from = where it goes).
    const live = this.folder.live;
    const prev = live.get(messageId);
    const from = prev !== undefined && text.startsWith(prev) ? prev.length : 0;
    if (prev !== undefined && from === text.length) return;
    if (prev !== undefined) live.set(messageId, text);
    try {
      await this.folder.logFor(id).append([{ v, t: 'checkpoint', at: Date.now(), messageId, from, text: text.slice(from) }]);
    } catch (e) {
      if (live.has(messageId)) live.set(messageId, ''); // The next checkpoint writes the whole text.
      throw e;
    }
  }

  async completeMessage(id: string, message: ChatMessageRecord): Promise<void> {
    await this.folder.entry(id);
    await this.folder.logFor(id).append([{ v, t: 'completed', at: Date.now(), message }], true);
    this.folder.live.delete(message.id);
    this.folder.index.update(id, (e) => {
      e.updatedAt = Date.now();
      dropStreams(e, new Set([message.id]));
    });
    await this.folder.index.flush();
  }

  async recordUsage(id: string, messageId: string, usage: TokenUsage, cost: number | undefined): Promise<void> {
    await this.folder.entry(id);
    await this.folder.logFor(id).append([{ v, t: 'usage', at: Date.now(), messageId, usage, ...(cost === undefined ? {} : { cost }) }]);
    // The index counts it from the log (as it counts messages), so another window's answers add up too.
    this.folder.index.update(id, () => undefined);
    await this.folder.index.flush();
  }

  async usageTotals(id: string): Promise<UsageTotals> {
    const entry = await this.folder.entry(id);
    if (!entry.usage) {
      // An index from before totals were kept: the next write counts them from the log.
      this.folder.index.update(id, () => undefined);
      await this.folder.index.flush();
    }
    return structuredClone(this.folder.index.get(id)?.usage ?? {});
  }

  async rename(id: string, title: string): Promise<void> {
    await this.folder.entry(id);
    await this.folder.logFor(id).append([{ v, t: 'renamed', at: Date.now(), title }]);
    this.folder.index.update(id, (e) => Object.assign(e, { title, updatedAt: Date.now() }));
    await this.folder.index.flush();
  }

  async delete(id: string): Promise<void> {
    assertId(id);
    await this.folder.remove([id]);
  }

  async exportMarkdown(id: string, t?: Translate, locale?: string): Promise<string> {
    const entry = await this.folder.entry(id);
    const fold = new ForwardFold();
    for await (const r of this.folder.readLog(id)) fold.add(r);
    const messages = fold.messages().map((s) => (this.folder.isDead(s) ? { ...s.message, status: 'interrupted' as const } : s.message));
    return toMarkdown(entry.title, messages, t, locale);
  }

  async saveEdit(id: string, edit: { messageId: string; turnId: string; change: AppliedChange }): Promise<void> {
    await this.folder.entry(id);
    const editId = newId('e');
    // The bytes first: a crash between the two leaves an unused file, never a record without its bytes.
    const preImage = edit.change.preImage && (await this.edits.keep(id, editId, edit.change.preImage));
    await this.appendRecords(id, [{ t: 'editApplied', messageId: edit.messageId, turnId: edit.turnId, editId, change: toStored(edit.change, preImage) }]);
  }

  async turnEdits(id: string, turnId: string): Promise<TurnEdits> {
    await this.folder.entry(id);
    return this.edits.turn(id, turnId, this.folder.readLog(id));
  }

  /** The turns of a conversation that still have changes to undo, oldest first. */
  async pendingTurns(id: string): Promise<string[]> {
    await this.folder.entry(id);
    return this.edits.pendingTurns(this.folder.readLog(id));
  }

  async editsUndone(id: string, messageId: string, editIds: string[]): Promise<void> {
    await this.appendRecords(id, editIds.map((editId) => ({ t: 'editUndone' as const, messageId, editId })));
  }

  recoverInterrupted(): Promise<RecoveryReport> {
    return recoverInterrupted(this.folder);
  }

  applyRetention(maxConversations: number): Promise<string[]> {
    return applyRetention(this.folder, maxConversations);
  }

  clearAll(): Promise<void> {
    return clearAll(this.folder);
  }

  problems(): HistoryProblem[] {
    return this.folder.problems();
  }

  flush(): Promise<void> {
    return this.folder.flush();
  }

  async dispose(): Promise<void> {
    await this.flush();
  }

  /** Appends the undo archive's records in one write, synced: undo relies on them surviving a power cut. */
  private async appendRecords(id: string, records: ActivityRecordInput[]): Promise<void> {
    await this.folder.entry(id);
    const at = Date.now();
    await this.folder.logFor(id).append(records.map((r) => ({ v, at, ...r }) as HistoryRecord), true);
    this.folder.index.update(id, (e) => (e.updatedAt = at));
  }
}
