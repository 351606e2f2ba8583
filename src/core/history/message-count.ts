// Keeps `messageCount` and the conversation's usage totals exact when several windows add to one
// conversation: each index write counts the records appended to the log since the count stored on disk,
// instead of trusting this window's own tally (which cannot see another window's messages, so merging
// tallies lost some).
import { open, stat } from 'node:fs/promises';
import { addToTotals } from '../models/cost';
import type { TokenUsage } from '../protocol/chat-message';
import type { UsageTotals } from '../protocol/messages';
import type { IndexEntry } from './index-format';
import { linesForward } from './lines';
import { decode, type HistoryRecord } from './records';

const NL = 0x0a;

/**
 * Sets `e.messageCount`, `e.usage` and `e.counted` from `onDisk`'s counts plus the records appended to
 * the log since. Runs under the index lock, so counts on disk only ever move forward. A log that was
 * replaced (another inode) or shrank, or an entry without usage totals (an older index), is counted from
 * the start. Only whole lines count: a record being written right now is counted by the next write.
 */
export async function recountMessages(logPath: string, e: IndexEntry, onDisk: IndexEntry | undefined): Promise<void> {
  const st = await stat(logPath).catch(() => undefined);
  if (!st?.isFile()) return; // Deleted or unreadable: the tally is all there is.
  const base = onDisk?.counted;
  const resume = base && base.ino === st.ino && base.to <= st.size && onDisk.usage !== undefined;
  const tally = new Tally(resume ? onDisk.messageCount : 0, resume ? onDisk.usage! : {}, !resume);
  let to = resume ? base.to : 0;
  let pending: string | undefined; // The last line seen, whole only if a newline follows it.
  for await (const line of linesForward(logPath, to, st.size)) {
    if (pending !== undefined) tally.add(pending);
    pending = line.text;
    to = line.start;
  }
  if (pending !== undefined && (await lastByte(logPath, st.size)) === NL) {
    tally.add(pending);
    to = st.size;
  }
  e.messageCount = tally.messages;
  e.usage = tally.totals();
  e.counted = { ino: st.ino, to };
}

/** Counts message records and sums `usage` records. */
class Tally {
  /** From the start of a log only: answers settled before `usage` records existed, summed from their last state. */
  private readonly legacy: Map<string, { usage: TokenUsage; cost: number | undefined }> | undefined;
  private readonly recorded = new Set<string>();

  constructor(public messages: number, private usage: UsageTotals, fromStart: boolean) {
    this.legacy = fromStart ? new Map() : undefined;
  }

  add(line: string): void {
    const d = decode(line);
    if (d.ok) this.record(d.record);
  }

  totals(): UsageTotals {
    let out = this.usage;
    for (const [id, l] of this.legacy ?? []) if (!this.recorded.has(id)) out = addToTotals(out, l.usage, l.cost);
    return out;
  }

  private record(r: HistoryRecord): void {
    if (r.t === 'message') this.messages++;
    if (r.t === 'usage') {
      this.usage = addToTotals(this.usage, r.usage, r.cost);
      this.recorded.add(r.messageId);
    }
    const turn = r.t === 'completed' && r.message.meta?.turnUsage;
    if (r.t === 'completed' && turn && this.legacy) this.legacy.set(r.message.id, { usage: turn, cost: r.message.meta?.cost });
  }
}

async function lastByte(path: string, size: number): Promise<number | undefined> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(1);
    const { bytesRead } = await fh.read(b, 0, 1, size - 1);
    return bytesRead ? b[0] : undefined;
  } finally {
    await fh.close();
  }
}
