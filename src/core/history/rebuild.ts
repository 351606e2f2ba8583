// Recreates index entries from the logs themselves, for when index.json is missing or damaged.
// Reads every log in full: slow for huge histories, but it only runs after something went wrong.
import { readdir } from 'node:fs/promises';
import type { Entries, IndexEntry } from './index-format';
import type { HistoryRecord, StreamWriter } from './records';
import { isConversationId } from './validate';

export async function logIds(root: string): Promise<string[]> {
  const names = await readdir(root).catch(() => [] as string[]);
  return names.flatMap((n) => {
    const id = n.endsWith('.jsonl') ? n.slice(0, -'.jsonl'.length) : undefined;
    return isConversationId(id) ? [id] : [];
  });
}

export async function rebuildEntries(root: string, read: (id: string) => AsyncIterable<HistoryRecord>, recoveredTitle?: string): Promise<Entries> {
  const out: Entries = new Map();
  for (const id of await logIds(root)) {
    const e = await entryFromLog(id, read(id), recoveredTitle);
    if (e) out.set(id, e);
  }
  return out;
}

/** `recoveredTitle`: what a log without its created record is called (in the user's language). */
export async function entryFromLog(id: string, records: AsyncIterable<HistoryRecord>, recoveredTitle = 'Recovered chat'): Promise<IndexEntry | undefined> {
  let e: IndexEntry | undefined;
  const streaming = new Map<string, StreamWriter>();
  for await (const r of records) {
    e ??= { id, title: recoveredTitle, createdAt: r.at, updatedAt: r.at, messageCount: 0 };
    e.updatedAt = Math.max(e.updatedAt, r.at);
    switch (r.t) {
      case 'created':
        Object.assign(e, { title: r.title, createdAt: r.at }, r.agent ? { agent: r.agent } : {});
        break;
      case 'renamed':
        e.title = r.title;
        break;
      case 'message':
        e.messageCount++;
        if (r.message.status === 'streaming') streaming.set(r.message.id, { pid: r.pid ?? 0, host: r.host ?? '' });
        break;
      case 'completed':
        streaming.delete(r.message.id);
        break;
      case 'checkpoint':
      case 'editApplied':
      case 'editUndone':
      case 'usage':
        break; // The conversation's usage is counted with its messages (message-count.ts).
    }
  }
  if (e && streaming.size) e.streaming = [...streaming].map(([messageId, w]) => ({ messageId, ...w }));
  return e;
}
