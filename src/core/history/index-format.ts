// index.json: one entry per conversation, enough to list them without opening any log.
// Deletions are kept as tombstones for a while, so a window with a stale copy cannot resurrect them.
import type { ConversationSummary } from '../protocol/messages';
import type { StreamWriter } from './records';

export const INDEX_VERSION = 1;
const tombstoneDays = 30;

export interface IndexEntry {
  id: string;
  title: string;
  agent?: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
  /** Answers started and not completed yet: what `recoverInterrupted` has to look at. */
  streaming?: (StreamWriter & { messageId: string })[];
  /** Set when deleted; the entry is then a tombstone. */
  deletedAt?: number;
}

export type Entries = Map<string, IndexEntry>;

export function summaryOf(e: IndexEntry): ConversationSummary {
  return { id: e.id, title: e.title, updatedAt: e.updatedAt, messageCount: e.messageCount };
}

/** One entry per line: small diffs when inspected, and still a single JSON document. */
export function serializeIndex(entries: Entries): string {
  const cutoff = Date.now() - tombstoneDays * 86_400_000;
  const rows = [...entries.values()].filter((e) => !e.deletedAt || e.deletedAt > cutoff).map((e) => JSON.stringify(e));
  return `{"version":${INDEX_VERSION},"conversations":[\n${rows.join(',\n')}\n]}\n`;
}

/** The entries, or undefined when the text is not an index we understand. */
export function parseIndex(text: string): Entries | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) return undefined;
  const { version, conversations } = doc as { version?: unknown; conversations?: unknown };
  if (typeof version !== 'number' || version > INDEX_VERSION || !Array.isArray(conversations)) return undefined;
  const out: Entries = new Map();
  for (const e of conversations as Partial<IndexEntry>[]) {
    if (typeof e?.id !== 'string' || typeof e.title !== 'string' || typeof e.updatedAt !== 'number') return undefined;
    out.set(e.id, { createdAt: e.updatedAt, messageCount: 0, ...e } as IndexEntry);
  }
  return out;
}

/**
 * Combines what is on disk with this window's view. For entries this window changed since its last
 * write, the newer `updatedAt` wins; for the rest the disk is at least as fresh. Entries only this
 * window has are kept (another writer's rebuild or a lost update must not drop a conversation).
 */
export function mergeIndex(local: Entries, disk: Entries, dirty: ReadonlySet<string>): Entries {
  const out: Entries = new Map(disk);
  for (const [id, mine] of local) {
    const theirs = disk.get(id);
    if (!theirs || (dirty.has(id) && mine.updatedAt >= theirs.updatedAt)) out.set(id, mine);
  }
  return out;
}
