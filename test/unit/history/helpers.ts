// Shared by the history tests and bench/history.ts: temporary folders, messages, and big logs
// written directly (100,000 messages through the store would take longer than the whole suite).
import { appendFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../src/core/log';
import type { ChatMessageRecord } from '../../../src/core/protocol/chat-message';
import { FileConversationStore, type FileStoreOptions } from '../../../src/core/history/file-store';

export async function tempRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'agent-chat-history-'));
}

export async function removeRoot(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true, maxRetries: 3 });
}

/** A logger that keeps its warnings and errors, for tests that check what the user is told. */
export function recordingLog(): { log: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  return { log, warnings };
}

let seq = 0;
export function msg(text: string, over: Partial<ChatMessageRecord> = {}): ChatMessageRecord {
  const role = over.role ?? 'user';
  return { id: `m_${++seq}_${Math.random().toString(36).slice(2, 8)}`, role, author: role === 'user' ? 'user' : 'backend', text, status: 'complete', createdAt: Date.now(), ...over };
}

/** Message records for ids `m<from>` … `m<to - 1>`, alternating question and answer. */
export function bulkLines(from: number, to: number, textSize = 40): string {
  const filler = 'x'.repeat(Math.max(0, textSize - 12));
  const at = Date.now();
  const out: string[] = [];
  for (let i = from; i < to; i++) {
    // A template rather than JSON.stringify: the same bytes, several times faster for 100,000 lines.
    const [role, author] = i % 2 ? ['assistant', 'backend'] : ['user', 'user'];
    out.push(`{"v":1,"t":"message","at":${at},"message":{"id":"m${i}","role":"${role}","author":"${author}","text":"message ${i} ${filler}","status":"complete","createdAt":${at}}}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** A conversation with `count` messages (ids m0 … m<count-1>) whose index entry says so. */
export async function bigConversation(root: string, count: number, textSize = 40, options: FileStoreOptions = {}): Promise<string> {
  const store = new FileConversationStore(root, options);
  const { id } = await store.create(`Big ${count}`);
  await store.dispose();
  const log = join(root, `${id}.jsonl`);
  const batch = 20_000;
  for (let i = 0; i < count; i += batch) await appendFile(log, bulkLines(i, Math.min(count, i + batch), textSize));
  const indexPath = join(root, 'index.json');
  // The count as if the store had counted the log (message-count.ts): it counts on from `counted.to`.
  const size = (await stat(log)).size;
  const index = (await readFile(indexPath, 'utf8')).replace('"messageCount":0', `"messageCount":${count}`);
  await writeFile(indexPath, index.replace(/"counted":\{"ino":(\d+),"to":\d+\}/, `"counted":{"ino":$1,"to":${size}}`));
  return id;
}

export const logPath = (root: string, id: string) => join(root, `${id}.jsonl`);
