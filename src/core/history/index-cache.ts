// This window's view of index.json. Changes are made in memory and written coalesced (at most one
// write per debounce interval), each write a locked read-merge-replace so two windows never lose
// each other's conversations.
import { readFile, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../log';
import { mergeIndex, parseIndex, serializeIndex, type Entries, type IndexEntry } from './index-format';
import { withLock, writeFileAtomic, type ReplaceFile } from './lock';
import { recountMessages } from './message-count';

export class IndexCache {
  private entries: Entries = new Map();
  private dirty = new Set<string>();
  /** Identity of index.json as last read or written; a different one means another window wrote. */
  private seen = '';
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<unknown> = Promise.resolve();
  readonly path: string;

  constructor(root: string, private readonly log: Logger, private readonly debounceMs: number, private readonly replace?: ReplaceFile) {
    this.path = join(root, 'index.json');
  }

  /** Reads index.json; when it is missing or unreadable, `rebuild` recreates it from the logs. */
  async load(rebuild: () => Promise<Entries>): Promise<void> {
    const before = await this.stamp();
    const text = await this.readDisk();
    const parsed = text === undefined ? undefined : this.parse(text);
    if (parsed) {
      this.entries = parsed;
      this.seen = before;
      return;
    }
    if (text !== undefined) await this.moveAside('index.json is unreadable');
    this.entries = await rebuild();
    if (!this.entries.size) return;
    if (text === undefined) this.log.warn('History: index.json is missing; rebuilt it from the conversation logs.');
    for (const id of this.entries.keys()) this.dirty.add(id);
    await this.flush();
  }

  /** Picks up what other windows wrote, if anything. */
  async refresh(): Promise<void> {
    const now = await this.stamp();
    if (now === this.seen || !now) return;
    const parsed = this.parse(await readFile(this.path, 'utf8').catch(() => ''));
    if (!parsed) return; // Being replaced, or damaged: our next write repairs it.
    this.entries = mergeIndex(this.entries, parsed, this.dirty);
    this.seen = now;
  }

  get(id: string): IndexEntry | undefined {
    const e = this.entries.get(id);
    return e && !e.deletedAt ? e : undefined;
  }

  /** Live conversations, most recently updated first. */
  all(): IndexEntry[] {
    return [...this.entries.values()].filter((e) => !e.deletedAt).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** Changes an entry in memory and schedules (or, with `now`, starts) the write. */
  update(id: string, change: (e: IndexEntry) => void, opts: { now?: boolean; entry?: IndexEntry } = {}): void {
    const e = this.entries.get(id) ?? opts.entry;
    if (!e) return;
    change(e);
    this.entries.set(id, e);
    this.dirty.add(id);
    if (opts.now) void this.flush().catch((err) => this.log.error('History: writing index.json failed', err));
    else this.schedule();
  }

  /** Writes pending changes now (after any write in progress). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const run = this.writing.then(() => this.write());
    this.writing = run.catch(() => undefined);
    return run;
  }

  private schedule(): void {
    if (this.timer) return; // Not restarted: a steady stream of appends still writes every interval.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((err) => this.log.error('History: writing index.json failed', err));
    }, this.debounceMs);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    if (!this.dirty.size) return;
    const taken = this.dirty;
    this.dirty = new Set();
    try {
      await withLock(join(dirname(this.path), 'index.lock'), async () => {
        const text = await this.readDisk();
        const disk = (text === undefined ? undefined : this.parse(text)) ?? new Map<string, IndexEntry>();
        // Changes made while this write waited for the lock count as ours too.
        const ours = new Set([...taken, ...this.dirty]);
        this.entries = mergeIndex(this.entries, disk, ours);
        for (const id of ours) {
          const e = this.entries.get(id);
          if (e && !e.deletedAt) await recountMessages(join(dirname(this.path), `${id}.jsonl`), e, disk.get(id)).catch(() => undefined);
        }
        await writeFileAtomic(this.path, serializeIndex(this.entries), this.replace);
        this.seen = await this.stamp();
      }, { onProblem: (m) => this.log.warn(`History: ${m}`) });
    } catch (e) {
      for (const id of taken) this.dirty.add(id);
      throw e;
    }
  }

  private parse(text: string): Entries | undefined {
    const problems: string[] = [];
    const parsed = parseIndex(text, problems);
    if (parsed && problems.length) this.log.warn(`History: index.json: ${problems.join('; ')}.`);
    return parsed;
  }

  /**
   * The text of index.json, or undefined when there is none. Something there that cannot be read as
   * a file (a folder, an I/O error) is moved aside, so the index can be rebuilt instead of every call
   * failing on it forever.
   */
  private async readDisk(): Promise<string | undefined> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOENT') return undefined;
      if (!['EISDIR', 'EIO', 'EACCES', 'EPERM'].includes(code)) throw e;
      await this.moveAside(`index.json cannot be read (${code})`);
      return undefined;
    }
  }

  private async moveAside(why: string): Promise<void> {
    const aside = `${this.path}.corrupt-${Date.now()}`;
    this.log.warn(`History: ${why}; rebuilding it from the conversation logs (old copy: ${aside}).`);
    await rename(this.path, aside).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  private async stamp(): Promise<string> {
    const s = await stat(this.path).catch(() => undefined);
    return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : '';
  }
}
