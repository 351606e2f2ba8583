// index.json: one entry per conversation, enough to list them without opening any log.
// Deletions are kept as tombstones for a while, so a window with a stale copy cannot resurrect them.
import type { ConversationSummary, UsageTotals } from '../protocol/messages';
import type { StreamWriter } from './records';
import { checkEntry } from './validate';

export const INDEX_VERSION = 1;
const tombstoneDays = 30;

export interface IndexEntry {
  id: string;
  title: string;
  agent?: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
  /** The log (inode) and byte offset up to which `messageCount` was counted from it (see message-count.ts). */
  counted?: { ino: number; to: number };
  /** The usage of every answer in the log up to `counted.to` (its `usage` records), counted with `messageCount`. */
  usage?: UsageTotals;
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

/**
 * The entries, or undefined when the text is not an index we understand. An entry without a valid
 * id is left out, wrong fields are repaired; each is described in `problems` (for the log).
 */
export function parseIndex(text: string, problems: string[] = []): Entries | undefined {
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
  for (const raw of conversations as unknown[]) {
    const checked = checkEntry(raw);
    if (!checked) problems.push(`left out an entry with an invalid id (${JSON.stringify((raw as { id?: unknown } | null)?.id)?.slice(0, 80)})`);
    else if (checked.repaired.length) problems.push(`repaired ${checked.repaired.join(', ')} of ${String(checked.entry.id)}`);
    if (checked) out.set(checked.entry.id as string, checked.entry as unknown as IndexEntry);
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
