// Housekeeping on the history folder: settling answers whose window died, keeping at most the
// configured number of conversations, and deleting them all on request.
import type { RecoveryReport } from '../chat/store';
import type { IndexEntry } from './index-format';
import { dropStreams, type HistoryFolder } from './history-folder';
import { logIds } from './rebuild';

/** Settles answers left streaming by a window that died (run on activation). */
export async function recoverInterrupted(folder: HistoryFolder): Promise<RecoveryReport> {
  await folder.ready();
  await folder.index.refresh();
  const interrupted: RecoveryReport['interrupted'] = [];
  for (const e of folder.index.all()) {
    const open = new Set((e.streaming ?? []).map((s) => s.messageId).filter((m) => !folder.live.has(m)));
    if (!open.size) continue;
    const states = (await folder.guard(e.id, () => folder.logFor(e.id).find(open))) ?? [];
    const dead = states.filter((s) => s.message.status === 'streaming' && folder.isDead(s));
    await folder.interrupt(e.id, dead);
    interrupted.push(...dead.map((s) => ({ conversationId: e.id, messageId: s.message.id })));
    // Markers for answers that finished, or that are not in the log at all, are simply dropped.
    const settled = new Set([...open].filter((m) => !states.some((s) => s.message.id === m && s.message.status === 'streaming')));
    if (settled.size) folder.index.update(e.id, (x) => dropStreams(x, settled));
  }
  await folder.index.flush();
  return { interrupted, problems: folder.problems() };
}

/** Deletes the least recently updated conversations beyond `maxConversations` (none streaming here). */
export async function applyRetention(folder: HistoryFolder, maxConversations: number): Promise<string[]> {
  await folder.ready();
  await folder.index.refresh();
  const streamingHere = (e: IndexEntry) => e.streaming?.some((s) => folder.live.has(s.messageId));
  const victims = folder.index.all().slice(Math.max(0, maxConversations)).filter((e) => !streamingHere(e)).map((e) => e.id);
  await folder.remove(victims);
  return victims;
}

/** Deletes every conversation: those listed, and logs the index does not know about. */
export async function clearAll(folder: HistoryFolder): Promise<void> {
  await folder.ready();
  await folder.index.refresh();
  await folder.remove([...new Set([...folder.index.all().map((e) => e.id), ...(await logIds(folder.root))])]);
}
