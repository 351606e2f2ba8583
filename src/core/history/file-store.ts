// Durable conversation history: one append-only JSON-lines log per conversation plus index.json,
// under a folder the extension chooses. Writes cost the same at 10 or 100,000 messages; opening a
// conversation reads the index and the end of one log.
import { mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatMessageRecord } from '../chat/message';
import type { ConversationStore, HistoryProblem, MessagePage, RecoveryReport, TurnEdits } from '../chat/store';
import type { AppliedChange } from '../tools/types';
import { silentLogger, type Logger } from '../log';
import type { ConversationSummary } from '../protocol/messages';
import { newId } from '../util/ids';
import { ConversationLog, CorruptLogError } from './conversation-log';
import { EditArchive, toStored } from './edit-archive';
import { ForwardFold, type MessageState } from './fold';
import { HistoryIndex } from './history-index';
import { summaryOf, type IndexEntry } from './index-file';
import { processAlive, thisHost, type ReplaceFile } from './lock';
import { toMarkdown } from './markdown';
import { logIds, rebuildEntries } from './rebuild';
import { FORMAT_VERSION as v, migrations, type ActivityRecordInput, type HistoryRecord, type Migrations, type StreamWriter } from './records';

export interface FileStoreOptions {
  log?: Logger;
  /** Called once per problem the user should hear about (also returned by `recoverInterrupted`). */
  onProblem?: (problem: HistoryProblem) => void;
  /** Longest delay before an index change is written (ms). */
  indexDebounceMs?: number;
  /** Whether the window that started a stream may still be running it. Default: see `writerAlive`. */
  isWriterAlive?: (writer: StreamWriter | undefined, lastAt: number) => boolean;
  migrations?: Migrations;
  /** How a new index.json replaces the old one (default: rename). */
  replaceIndex?: ReplaceFile;
}

/** A stream silent this long is dead even if a process with its pid exists (pids get reused). */
const silentStreamMs = 10 * 60_000;

export function writerAlive(writer: StreamWriter | undefined, lastAt: number): boolean {
  if (Date.now() - lastAt > silentStreamMs) return false;
  // Another machine's process (a synced folder) cannot be checked; only the silence above tells.
  return !writer || writer.host !== thisHost || processAlive(writer.pid);
}

export class FileConversationStore implements ConversationStore {
  private readonly log: Logger;
  private readonly index: HistoryIndex;
  private loaded: Promise<void> | undefined;
  private readonly logs = new Map<string, ConversationLog>();
  /** Answers this instance is streaming: message id → text of its last checkpoint. */
  private readonly live = new Map<string, string>();
  private readonly problemList: HistoryProblem[] = [];
  private readonly edits: EditArchive;

  constructor(readonly root: string, private readonly options: FileStoreOptions = {}) {
    this.log = options.log ?? silentLogger;
    this.edits = new EditArchive(root);
    this.index = new HistoryIndex(root, this.log, options.indexDebounceMs ?? 250, options.replaceIndex);
  }

  async list(): Promise<ConversationSummary[]> {
    await this.ready();
    await this.index.refresh();
    return this.index.all().map(summaryOf);
  }

  /** Index entries with everything the index keeps (agent, createdAt, open streams). */
  async entries(): Promise<IndexEntry[]> {
    await this.ready();
    await this.index.refresh();
    return this.index.all().map((e) => structuredClone(e));
  }

  async create(title: string, options: { agent?: string } = {}): Promise<ConversationSummary> {
    await this.ready();
    const id = newId('c');
    const at = Date.now();
    await this.logFor(id).append([{ v, t: 'created', at, id, title, ...(options.agent ? { agent: options.agent } : {}) }], true);
    const entry: IndexEntry = { id, title, ...(options.agent ? { agent: options.agent } : {}), createdAt: at, updatedAt: at, messageCount: 0 };
    this.index.update(id, () => undefined, { entry });
    await this.index.flush();
    return summaryOf(entry);
  }

  async lastPage(id: string, limit: number): Promise<MessagePage> {
    await this.entry(id);
    const page = await this.guard(id, () => this.logFor(id).lastPage(limit));
    return page ? { messages: await this.settle(id, page.states), hasOlder: page.hasOlder } : { messages: [], hasOlder: false };
  }

  async pageBefore(id: string, beforeId: string, limit: number): Promise<MessagePage> {
    await this.entry(id);
    const page = await this.guard(id, () => this.logFor(id).pageBefore(beforeId, limit));
    if (!page) return this.lastPage(id, limit); // Like the memory store: an unknown id pages from the end.
    return { messages: await this.settle(id, page.states), hasOlder: page.hasOlder };
  }

  async appendMessage(id: string, message: ChatMessageRecord): Promise<void> {
    await this.entry(id);
    const streaming = message.status === 'streaming';
    const writer = { pid: process.pid, host: thisHost };
    await this.logFor(id).append([{ v, t: 'message', at: Date.now(), message, ...(streaming ? writer : {}) }]);
    if (streaming) this.live.set(message.id, message.text);
    // An open stream is written to the index right away, so recovery finds it if this window dies.
    this.index.update(id, (e) => {
      e.messageCount++;
      e.updatedAt = Date.now();
      if (streaming) e.streaming = [...(e.streaming ?? []), { messageId: message.id, ...writer }];
    }, { now: streaming });
  }

  async checkpoint(id: string, messageId: string, text: string): Promise<void> {
    await this.entry(id);
    // Only the text added since this instance's previous checkpoint is written (from = where it goes).
    const prev = this.live.get(messageId);
    const from = prev !== undefined && text.startsWith(prev) ? prev.length : 0;
    if (prev !== undefined && from === text.length) return;
    if (prev !== undefined) this.live.set(messageId, text);
    try {
      await this.logFor(id).append([{ v, t: 'checkpoint', at: Date.now(), messageId, from, text: text.slice(from) }]);
    } catch (e) {
      if (this.live.has(messageId)) this.live.set(messageId, ''); // The next checkpoint writes the whole text.
      throw e;
    }
  }

  async completeMessage(id: string, message: ChatMessageRecord): Promise<void> {
    await this.entry(id);
    await this.logFor(id).append([{ v, t: 'completed', at: Date.now(), message }], true);
    this.live.delete(message.id);
    this.index.update(id, (e) => {
      e.updatedAt = Date.now();
      dropStreams(e, new Set([message.id]));
    });
    await this.index.flush();
  }

  async rename(id: string, title: string): Promise<void> {
    await this.entry(id);
    await this.logFor(id).append([{ v, t: 'renamed', at: Date.now(), title }]);
    this.index.update(id, (e) => Object.assign(e, { title, updatedAt: Date.now() }));
    await this.index.flush();
  }

  /** For tool calls, tool results and edits: appended to the log, applied when messages are read. */
  async appendRecord(id: string, record: ActivityRecordInput): Promise<void> {
    await this.appendRecords(id, [record], false);
  }

  async saveEdit(id: string, edit: { messageId: string; turnId: string; change: AppliedChange }): Promise<void> {
    await this.entry(id);
    const editId = newId('e');
    // The bytes first: a crash between the two leaves an unused file, never a record without its bytes.
    const preImage = edit.change.preImage && (await this.edits.keep(id, editId, edit.change.preImage));
    await this.appendRecords(id, [{ t: 'editApplied', messageId: edit.messageId, turnId: edit.turnId, editId, change: toStored(edit.change, preImage) }], true);
  }

  async turnEdits(id: string, turnId: string): Promise<TurnEdits> {
    await this.entry(id);
    return this.edits.turn(id, turnId, this.readLog(id));
  }

  async editsUndone(id: string, messageId: string, editIds: string[]): Promise<void> {
    await this.appendRecords(id, editIds.map((editId) => ({ t: 'editUndone' as const, messageId, editId })), true);
  }

  /** Appends in one write; `sync` when the records must survive a power cut (what undo relies on). */
  private async appendRecords(id: string, records: ActivityRecordInput[], sync: boolean): Promise<void> {
    await this.entry(id);
    const at = Date.now();
    await this.logFor(id).append(records.map((r) => ({ v, at, ...r }) as HistoryRecord), sync);
    this.index.update(id, (e) => (e.updatedAt = at));
  }

  /** Every record of a conversation, oldest first (migrated; unreadable lines skipped). */
  async *readRecords(id: string): AsyncGenerator<HistoryRecord> {
    assertId(id);
    await this.ready();
    yield* this.readLog(id);
  }

  private async *readLog(id: string): AsyncGenerator<HistoryRecord> {
    try {
      yield* this.logFor(id).records();
    } catch (e) {
      if (!(e instanceof CorruptLogError)) throw e;
      await this.moveAside(id, e);
    }
  }

  async exportMarkdown(id: string): Promise<string> {
    const entry = await this.entry(id);
    const fold = new ForwardFold();
    for await (const r of this.readLog(id)) fold.add(r);
    const messages = fold.messages().map((s) => (this.isDead(s) ? { ...s.message, status: 'interrupted' as const } : s.message));
    return toMarkdown(entry.title, messages);
  }

  async delete(id: string): Promise<void> {
    assertId(id);
    await this.remove([id]);
  }

  async clearAll(): Promise<void> {
    await this.ready();
    await this.index.refresh();
    await this.remove([...new Set([...this.index.all().map((e) => e.id), ...(await logIds(this.root))])]);
  }

  async applyRetention(maxConversations: number): Promise<string[]> {
    await this.ready();
    await this.index.refresh();
    const streamingHere = (e: IndexEntry) => e.streaming?.some((s) => this.live.has(s.messageId));
    const victims = this.index.all().slice(Math.max(0, maxConversations)).filter((e) => !streamingHere(e)).map((e) => e.id);
    await this.remove(victims);
    return victims;
  }

  async recoverInterrupted(): Promise<RecoveryReport> {
    await this.ready();
    await this.index.refresh();
    const interrupted: RecoveryReport['interrupted'] = [];
    for (const e of this.index.all()) {
      const open = new Set((e.streaming ?? []).map((s) => s.messageId).filter((m) => !this.live.has(m)));
      if (!open.size) continue;
      const states = (await this.guard(e.id, () => this.logFor(e.id).find(open))) ?? [];
      const dead = states.filter((s) => s.message.status === 'streaming' && this.isDead(s));
      await this.interrupt(e.id, dead);
      interrupted.push(...dead.map((s) => ({ conversationId: e.id, messageId: s.message.id })));
      // Markers for answers that finished, or that are not in the log at all, are simply dropped.
      const settled = new Set([...open].filter((m) => !states.some((s) => s.message.id === m && s.message.status === 'streaming')));
      if (settled.size) this.index.update(e.id, (x) => dropStreams(x, settled));
    }
    await this.index.flush();
    return { interrupted, problems: this.problems() };
  }

  problems(): HistoryProblem[] {
    return [...this.problemList];
  }

  async flush(): Promise<void> {
    await Promise.all([...this.logs.values()].map((l) => l.idle()));
    await this.index.flush();
  }

  async dispose(): Promise<void> {
    await this.flush();
  }

  private ready(): Promise<void> {
    this.loaded ??= (async () => {
      await mkdir(this.root, { recursive: true });
      await this.index.load(() => rebuildEntries(this.root, (id) => this.readLog(id)));
    })().catch((e: unknown) => {
      this.loaded = undefined; // Try again on the next call rather than failing forever.
      throw e;
    });
    return this.loaded;
  }

  private async entry(id: string): Promise<IndexEntry> {
    assertId(id);
    await this.ready();
    let e = this.index.get(id);
    if (!e) {
      await this.index.refresh(); // Perhaps another window created it.
      e = this.index.get(id);
    }
    if (!e) throw new Error(`No conversation ${id}`);
    return e;
  }

  private logFor(id: string): ConversationLog {
    let l = this.logs.get(id);
    if (!l) this.logs.set(id, (l = new ConversationLog(join(this.root, `${id}.jsonl`), { log: this.log, migrations: this.options.migrations ?? migrations })));
    return l;
  }

  private isDead(s: MessageState): boolean {
    if (s.message.status !== 'streaming' || this.live.has(s.message.id)) return false;
    return !(this.options.isWriterAlive ?? writerAlive)(s.writer, s.lastAt);
  }

  /** Messages as shown: an answer whose window died is settled as interrupted, durably. */
  private async settle(id: string, states: MessageState[]): Promise<ChatMessageRecord[]> {
    await this.interrupt(id, states.filter((s) => this.isDead(s)));
    return states.map((s) => s.message);
  }

  private async interrupt(id: string, dead: MessageState[]): Promise<void> {
    if (!dead.length) return;
    for (const s of dead) {
      s.message.status = 'interrupted';
      delete s.message.deltaSeq;
    }
    await this.logFor(id).append(dead.map((s) => ({ v, t: 'completed', at: Date.now(), message: s.message })), true);
    this.index.update(id, (e) => dropStreams(e, new Set(dead.map((s) => s.message.id))));
  }

  /** Runs a read; a log with nothing readable is moved aside (never deleted) and the user told. */
  private async guard<T>(id: string, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (e) {
      if (!(e instanceof CorruptLogError)) throw e;
      await this.moveAside(id, e);
      return undefined;
    }
  }

  private async moveAside(id: string, cause: Error): Promise<void> {
    const l = this.logFor(id);
    const movedTo = `${l.path}.corrupt-${Date.now()}`;
    const moved = await rename(l.path, movedTo).then(() => true, () => false);
    l.reset();
    const title = this.index.get(id)?.title ?? id;
    this.log.error(`History: conversation log ${l.path} is unreadable`, cause);
    if (moved && this.index.get(id)) {
      // The conversation goes on, empty, under the same id, so an open view keeps working.
      await l.append([{ v, t: 'created', at: Date.now(), id, title }], true);
      this.index.update(id, (e) => Object.assign(e, { messageCount: 0, updatedAt: Date.now(), streaming: undefined }));
      await this.index.flush();
    }
    this.report({
      kind: 'unreadableLog',
      conversationId: id,
      message: moved ? `The chat "${title}" could not be read. Its file was kept as ${movedTo}.` : `The chat "${title}" could not be read (${l.path}).`,
      ...(moved ? { movedTo } : {}),
    });
  }

  private report(p: HistoryProblem): void {
    if (this.problemList.some((q) => q.kind === p.kind && q.conversationId === p.conversationId && q.movedTo === p.movedTo)) return;
    this.problemList.push(p);
    this.log.warn(p.message);
    this.options.onProblem?.(p);
  }

  private async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.ready();
    const at = Date.now();
    for (const id of ids) {
      const tombstone: IndexEntry = { id, title: '', createdAt: at, updatedAt: at, messageCount: 0 };
      this.index.update(id, (e) => Object.assign(e, { deletedAt: at, updatedAt: at, streaming: undefined }), { entry: tombstone });
    }
    // The tombstone goes first: a crash after it leaves a stray file, never a listed conversation without one.
    await this.index.flush();
    for (const id of ids) {
      const l = this.logFor(id);
      await l.idle();
      await unlink(l.path).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
      this.logs.delete(id);
      await this.edits.drop(id);
    }
  }
}

function dropStreams(e: IndexEntry, ids: ReadonlySet<string>): void {
  const left = e.streaming?.filter((s) => !ids.has(s.messageId));
  if (left?.length) e.streaming = left;
  else delete e.streaming;
}

/** Ids become file names: nothing that could reach outside the folder. */
function assertId(id: string): void {
  if (!/^[\w-]{1,128}$/.test(id)) throw new Error(`Invalid conversation id ${JSON.stringify(id)}`);
}
