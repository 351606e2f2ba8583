// Keeps `messageCount` exact when several windows add messages to one conversation: each index write
// counts the message records appended to the log since the count stored on disk, instead of trusting
// this window's own tally (which cannot see another window's messages, so merging tallies lost some).
import { open, stat } from 'node:fs/promises';
import type { IndexEntry } from './index-format';
import { linesForward } from './lines';
import { decode } from './records';

const NL = 0x0a;

/**
 * Sets `e.messageCount` and `e.counted` from `onDisk`'s count plus the messages appended to the log
 * since. Runs under the index lock, so counts on disk only ever move forward. A log that was replaced
 * (another inode) or shrank is counted from the start. Only whole lines count: a record being written
 * right now is counted by the next write.
 */
export async function recountMessages(logPath: string, e: IndexEntry, onDisk: IndexEntry | undefined): Promise<void> {
  const st = await stat(logPath).catch(() => undefined);
  if (!st?.isFile()) return; // Deleted or unreadable: the tally is all there is.
  const base = onDisk?.counted;
  const resume = base && base.ino === st.ino && base.to <= st.size;
  let count = resume ? onDisk.messageCount : 0;
  let to = resume ? base.to : 0;
  let pending: string | undefined; // The last line seen, whole only if a newline follows it.
  for await (const line of linesForward(logPath, to, st.size)) {
    if (pending !== undefined && isMessage(pending)) count++;
    pending = line.text;
    to = line.start;
  }
  if (pending !== undefined && (await lastByte(logPath, st.size)) === NL) {
    if (isMessage(pending)) count++;
    to = st.size;
  }
  e.messageCount = count;
  e.counted = { ino: st.ino, to };
}

function isMessage(line: string): boolean {
  const d = decode(line);
  return d.ok && d.record.t === 'message';
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
