// One conversation's append-only log: ordered appends, and pages read backwards from the end so
// opening a 100,000-message conversation reads a few kilobytes, not the whole file.
import { stat } from 'node:fs/promises';
import type { Logger } from '../log';
import { BackwardFold, type MessageState } from './fold';
import { appendLines, linesBackward, linesForward } from './lines';
import { decode, encode, messageIdOf, type HistoryRecord, type Migrations } from './records';

/** The log has no readable record at all (or the file system refuses to read it). */
export class CorruptLogError extends Error {}

export interface Page {
  states: MessageState[];
  hasOlder: boolean;
}

/** Where the previous page stopped, so the next older page continues there instead of rescanning. */
interface Cursor {
  ino: number;
  size: number;
  offset: number;
  fold: BackwardFold;
  emitted: Set<string>;
  oldestId: string;
}

const unreadable = new Set(['EISDIR', 'EIO']);

/** What one read met: records used, lines skipped, and the fields dropped from records that were kept. */
interface Tally {
  valid: number;
  bad: number;
  repaired: Set<string>;
}

export class ConversationLog {
  private queue: Promise<unknown> = Promise.resolve();
  private cursor: Cursor | undefined;

  constructor(readonly path: string, private readonly ctx: { log: Logger; migrations: Migrations }) {}

  /**
   * Appends in call order. Every append checks the file ends with a newline (one byte read): a line
   * cut off by a crash, ours or another window's, must not swallow the next record.
   */
  append(records: HistoryRecord[], sync = false): Promise<void> {
    const text = records.map(encode).join('');
    const run = this.queue.then(() => appendLines(this.path, text, { repairEnd: true, sync }));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async idle(): Promise<void> {
    await this.queue;
  }

  /** After the file was replaced or removed. */
  reset(): void {
    this.cursor = undefined;
  }

  async lastPage(limit: number): Promise<Page> {
    await this.idle();
    const st = await this.stat();
    if (!st) return { states: [], hasOlder: false };
    const fold = new BackwardFold();
    const offset = await this.scan(st.size, fold, () => fold.resolved.length > limit, true);
    return this.take(limit, { ino: st.ino, size: st.size, offset, fold, emitted: new Set(), oldestId: '' });
  }

  /** Undefined when `beforeId` is not in the log. */
  async pageBefore(beforeId: string, limit: number): Promise<Page | undefined> {
    await this.idle();
    const st = await this.stat();
    if (!st) return undefined;
    let c = this.cursor?.oldestId === beforeId ? await this.revalidate(this.cursor, st) : undefined;
    if (!c) {
      const fold = new BackwardFold();
      const offset = await this.scan(st.size, fold, () => fold.done.has(beforeId), true);
      const i = fold.resolved.findIndex((s) => s.id === beforeId);
      if (i < 0) return undefined;
      const emitted = new Set(fold.resolved.splice(0, i + 1).map((s) => s.id));
      c = { ino: st.ino, size: st.size, offset, fold, emitted, oldestId: beforeId };
    }
    const fold = c.fold;
    c.offset = await this.scan(c.offset, fold, () => fold.resolved.length > limit, false);
    return this.take(limit, c);
  }

  /** The latest state of the given messages, reading back only as far as the oldest of them. */
  async find(ids: ReadonlySet<string>): Promise<MessageState[]> {
    await this.idle();
    const st = await this.stat();
    if (!st) return [];
    const fold = new BackwardFold();
    await this.scan(st.size, fold, () => [...ids].every((id) => fold.done.has(id)), true);
    return fold.resolved.filter((s) => ids.has(s.id));
  }

  /** Every record, oldest first; unreadable lines are skipped and reported once per read. */
  async *records(): AsyncGenerator<HistoryRecord> {
    await this.idle();
    const tally: Tally = { valid: 0, bad: 0, repaired: new Set() };
    try {
      for await (const line of linesForward(this.path)) {
        const r = this.decodeLine(line.text, tally);
        if (r) yield r;
      }
    } catch (e) {
      if (code(e) === 'ENOENT') return;
      throw unreadable.has(code(e) ?? '') ? new CorruptLogError(String(e)) : e;
    }
    this.judge(tally, true);
  }

  private take(limit: number, c: Cursor): Page {
    const page = c.fold.resolved.splice(0, limit);
    for (const s of page) c.emitted.add(s.id);
    this.cursor = page.length ? { ...c, oldestId: page.at(-1)!.id } : undefined;
    return { states: page.reverse(), hasOlder: c.fold.resolved.length > 0 };
  }

  /** Reads lines backwards from `end` into `fold` until `enough()`; returns where it stopped. */
  private async scan(end: number, fold: BackwardFold, enough: () => boolean, fromEnd: boolean): Promise<number> {
    if (enough()) return end;
    let offset = end;
    const tally: Tally = { valid: 0, bad: 0, repaired: new Set() };
    try {
      for await (const line of linesBackward(this.path, end)) {
        offset = line.start;
        const r = this.decodeLine(line.text, tally);
        if (!r) continue;
        fold.add(r);
        if (enough()) break;
      }
    } catch (e) {
      if (code(e) === 'ENOENT') return 0;
      throw unreadable.has(code(e) ?? '') ? new CorruptLogError(String(e)) : e;
    }
    this.judge(tally, fromEnd);
    return offset;
  }

  private decodeLine(text: string, tally: Tally): HistoryRecord | undefined {
    if (!text.trim()) return undefined;
    const d = decode(text, this.ctx.migrations);
    if (d.ok || d.reason === 'unknown') tally.valid++;
    else tally.bad++;
    if (d.ok && d.repaired.length) tally.repaired.add(d.repaired.join(', '));
    return d.ok ? d.record : undefined;
  }

  private judge(tally: Tally, wholeFile: boolean): void {
    if (tally.repaired.size) this.ctx.log.warn(`History: ignored wrong fields (${[...tally.repaired].join('; ')}) in ${this.path}.`);
    if (!tally.bad) return;
    if (wholeFile && !tally.valid) throw new CorruptLogError(`${this.path}: no readable record`);
    this.ctx.log.warn(`History: skipped ${tally.bad} unreadable line(s) in ${this.path}.`);
  }

  /** A cursor stays valid while the file only grew by records about newer messages. */
  private async revalidate(c: Cursor, st: { ino: number; size: number }): Promise<Cursor | undefined> {
    if (st.ino !== c.ino || st.size < c.size) return undefined;
    if (st.size === c.size) return c;
    const added = new Set<string>();
    for await (const line of linesForward(this.path, c.size, st.size)) {
      const d = decode(line.text, this.ctx.migrations);
      const id = d.ok ? messageIdOf(d.record) : undefined;
      if (!d.ok || !id) continue;
      if (d.record.t === 'message') added.add(id);
      else if (!c.emitted.has(id) && !added.has(id)) return undefined;
    }
    c.size = st.size;
    return c;
  }

  private async stat(): Promise<{ ino: number; size: number } | undefined> {
    try {
      return await stat(this.path);
    } catch (e) {
      if (code(e) === 'ENOENT') return undefined;
      throw e;
    }
  }
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}
