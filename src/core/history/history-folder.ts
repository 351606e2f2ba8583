// What every operation on the history folder shares: the index, the open logs, the answers this
// instance streams, and the steps they all need (loading once, finding a conversation, reading a log
// that may be unreadable, settling answers whose window died, removing conversations).
import { mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryProblem } from '../chat/store';
import type { Logger } from '../log';
import type { ChatMessageRecord } from '../protocol/chat-message';
import { inEnglish, type Translate } from '../protocol/translate';
import { ConversationLog, CorruptLogError } from './conversation-log';
import type { EditArchive } from './edit-archive';
import type { MessageState } from './fold';
import { IndexCache } from './index-cache';
import type { IndexEntry } from './index-format';
import { processAlive, thisHost, type ReplaceFile } from './lock';
import { rebuildEntries } from './rebuild';
import { FORMAT_VERSION as v, migrations, type HistoryRecord, type Migrations, type StreamWriter } from './records';
import { assertConversationId } from './validate';

export interface FileStoreOptions {
  log?: Logger;
  /** Called once per problem the user should hear about (also returned by `recoverInterrupted`). */
  onProblem?: (problem: HistoryProblem) => void;
  /** Longest delay before an index change is written (ms). */
  indexDebounceMs?: number;
  /** Whether the window that started a stream may still be running it. Default: see `writerAlive`. */
  isWriterAlive?: (writer: StreamWriter | undefined, lastAt: number) => boolean;
  migrations?: Migrations;
  /** Runs once before the folder is first read (e.g. bringing history along from an earlier folder). */
  beforeLoad?: () => Promise<void>;
  /** How a new index.json replaces the old one (default: rename); a parameter so a failing replace can be tested. */
  replaceIndex?: ReplaceFile;
  /** The user's language for the problems reported to them (vscode.l10n.t from the host). */
  t?: Translate;
}

/** A stream silent this long is dead even if a process with its pid exists (pids get reused). */
const silentStreamMs = 10 * 60_000;

export function writerAlive(writer: StreamWriter | undefined, lastAt: number): boolean {
  if (Date.now() - lastAt > silentStreamMs) return false;
  // Another machine's process (a synced folder) cannot be checked; only the silence above tells.
  return !writer || writer.host !== thisHost || processAlive(writer.pid);
}

export class HistoryFolder {
  readonly index: IndexCache;
  /** Answers this instance is streaming: message id → text of its last checkpoint. */
  readonly live = new Map<string, string>();
  private loaded: Promise<void> | undefined;
  private readonly logs = new Map<string, ConversationLog>();
  private readonly problemList: HistoryProblem[] = [];

  constructor(
    readonly root: string,
    readonly log: Logger,
    private readonly edits: EditArchive,
    private readonly options: FileStoreOptions,
  ) {
    this.index = new IndexCache(root, log, options.indexDebounceMs ?? 250, options.replaceIndex);
  }

  ready(): Promise<void> {
    this.loaded ??= (async () => {
      await mkdir(this.root, { recursive: true });
      await this.options.beforeLoad?.();
      await this.index.load(() => rebuildEntries(this.root, (id) => this.readLog(id), (this.options.t ?? inEnglish)('Recovered chat')));
    })().catch((e: unknown) => {
      this.loaded = undefined; // Try again on the next call rather than failing forever.
      throw e;
    });
    return this.loaded;
  }

  async entry(id: string): Promise<IndexEntry> {
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

  logFor(id: string): ConversationLog {
    assertId(id); // Every path built from an id is built here or in EditArchive, which checks too.
    let l = this.logs.get(id);
    if (!l) this.logs.set(id, (l = new ConversationLog(join(this.root, `${id}.jsonl`), { log: this.log, migrations: this.options.migrations ?? migrations })));
    return l;
  }

  /** Every record of a conversation, oldest first; an unreadable log is moved aside and reads as empty. */
  async *readLog(id: string): AsyncGenerator<HistoryRecord> {
    try {
      yield* this.logFor(id).records();
    } catch (e) {
      if (!(e instanceof CorruptLogError)) throw e;
      await this.moveAside(id, e);
    }
  }

  /** Runs a read; a log with nothing readable is moved aside (never deleted) and the user told. */
  async guard<T>(id: string, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (e) {
      if (!(e instanceof CorruptLogError)) throw e;
      await this.moveAside(id, e);
      return undefined;
    }
  }

  isDead(s: MessageState): boolean {
    if (s.message.status !== 'streaming' || this.live.has(s.message.id)) return false;
    return !(this.options.isWriterAlive ?? writerAlive)(s.writer, s.lastAt);
  }

  /** Messages as shown: an answer whose window died is settled as interrupted, durably. */
  async settle(id: string, states: MessageState[]): Promise<ChatMessageRecord[]> {
    await this.interrupt(id, states.filter((s) => this.isDead(s)));
    return states.map((s) => s.message);
  }

  async interrupt(id: string, dead: MessageState[]): Promise<void> {
    if (!dead.length) return;
    for (const s of dead) {
      s.message.status = 'interrupted';
      delete s.message.deltaSeq;
    }
    await this.logFor(id).append(dead.map((s) => ({ v, t: 'completed', at: Date.now(), message: s.message })), true);
    this.index.update(id, (e) => dropStreams(e, new Set(dead.map((s) => s.message.id))));
  }

  async remove(ids: string[]): Promise<void> {
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

  problems(): HistoryProblem[] {
    return [...this.problemList];
  }

  async flush(): Promise<void> {
    await Promise.all([...this.logs.values()].map((l) => l.idle()));
    await this.index.flush();
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
    const t = this.options.t ?? inEnglish;
    this.report({
      kind: 'unreadableLog',
      conversationId: id,
      message: moved ? t('The chat "{0}" could not be read. Its file was kept as {1}.', title, movedTo) : t('The chat "{0}" could not be read ({1}).', title, l.path),
      ...(moved ? { movedTo } : {}),
    });
  }

  private report(p: HistoryProblem): void {
    if (this.problemList.some((q) => q.kind === p.kind && q.conversationId === p.conversationId && q.movedTo === p.movedTo)) return;
    this.problemList.push(p);
    this.log.warn(p.message);
    this.options.onProblem?.(p);
  }
}

export function dropStreams(e: IndexEntry, ids: ReadonlySet<string>): void {
  const left = e.streaming?.filter((s) => !ids.has(s.messageId));
  if (left?.length) e.streaming = left;
  else delete e.streaming;
}

/** Ids become file names: nothing that could reach outside the folder (one rule, in validate.ts). */
export function assertId(id: string): void {
  assertConversationId(id);
}
