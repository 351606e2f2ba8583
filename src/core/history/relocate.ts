// Brings conversations kept in an earlier history folder into the current one, once. Used when the
// folder a workspace's history lives in changes (VS Code gives a workspace a new storage folder when
// a folder becomes a multi-root workspace; earlier versions kept history there). Copy first, mark
// the old folder as moved only when everything is in place, never delete it: a crash at any point
// leaves both copies readable, and the next start finishes the job.
import { createHash, randomUUID } from 'node:crypto';
import { copyFile, cp, mkdir, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { ConversationLog } from './conversation-log';
import { parseIndex, serializeIndex, type Entries } from './index-format';
import { withLock, writeFileAtomic } from './lock';
import { entryFromLog, logIds } from './rebuild';
import { migrations } from './records';

/** The folder name for a workspace's history: derived from its first folder's URI (or its workspace file's), which stays the same when folders are added. */
export function historyKey(uri: string): string {
  return `w-${createHash('sha256').update(uri).digest('hex').slice(0, 20)}`;
}

/** Written into an old folder once its conversations are all in the new one. */
export const movedMarker = 'moved.json';

const exists = (path: string) => stat(path).then(() => true, () => false);

async function readEntries(root: string): Promise<Entries | undefined> {
  const text = await readFile(join(root, 'index.json'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseIndex(text);
}

/**
 * Copies the conversations of `from` that `to` does not have (nor has deleted) into `to`, adds them
 * to `to`'s index, then marks `from` as moved. Returns the ids brought along (none when `from` is
 * missing or was moved before).
 */
export async function bringAlong(from: string, to: string, log: Logger): Promise<string[]> {
  if (!(await exists(from)) || (await exists(join(from, movedMarker)))) return [];
  await mkdir(to, { recursive: true });
  const source = (await readEntries(from)) ?? new Map();
  const deletedThere = (id: string) => source.get(id)?.deletedAt !== undefined;
  const ids = (await logIds(from)).filter((id) => !deletedThere(id));
  const deletedHere = new Set([...((await readEntries(to)) ?? new Map()).values()].filter((e) => e.deletedAt).map((e) => e.id));
  const wanted = ids.filter((id) => !deletedHere.has(id));
  const copied: string[] = [];
  const failed: unknown[] = [];
  for (const id of wanted) {
    // One conversation that cannot be copied does not hold back the others; the move is then not marked done.
    const done = await copyConversation(from, to, id).catch((e: unknown) => void failed.push(e));
    if (done) copied.push(id);
  }
  await addToIndex(to, wanted, source, log);
  if (failed.length) throw failed[0];
  await writeFileAtomic(join(from, movedMarker), `${JSON.stringify({ to, at: Date.now(), conversations: wanted })}\n`);
  if (copied.length) log.info(`History: brought ${copied.length} conversation(s) along from ${from} to ${to}.`);
  return copied;
}

/** Copies one conversation unless `to` has it already: the kept bytes for undo first, the log last and whole. */
async function copyConversation(from: string, to: string, id: string): Promise<boolean> {
  const target = join(to, `${id}.jsonl`);
  if (await exists(target)) return false;
  const edits = join(from, `${id}.edits`);
  if (await exists(edits)) await cp(edits, join(to, `${id}.edits`), { recursive: true, force: true });
  // Under a temporary name until complete: a log that exists in `to` is always whole.
  const tmp = `${target}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await copyFile(join(from, `${id}.jsonl`), tmp);
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  return true;
}

/**
 * Adds entries for `ids` that `to`'s index lacks, from `from`'s index or else from the log itself.
 * With no index in `to` yet there is nothing to do: the store rebuilds it from the logs.
 */
async function addToIndex(to: string, ids: string[], source: Entries, log: Logger): Promise<void> {
  await withLock(join(to, 'index.lock'), async () => {
    const here = await readEntries(to);
    if (!here) return;
    let added = 0;
    for (const id of ids.filter((i) => !here.has(i))) {
      if (!(await exists(join(to, `${id}.jsonl`)))) continue; // Not copied (yet).
      const records = new ConversationLog(join(to, `${id}.jsonl`), { log, migrations }).records();
      const entry = source.get(id) ?? (await entryFromLog(id, records));
      if (!entry) continue;
      delete entry.counted; // Counted again from the copy (another file).
      here.set(id, entry);
      added++;
    }
    if (added) await writeFileAtomic(join(to, 'index.json'), serializeIndex(here));
  }, { onProblem: (m) => log.warn(`History: ${m}`) });
}

/**
 * History folders an earlier version kept for the same folder in other workspace storage folders:
 * `<storageRoot>/<any>/<extensionDir>/history` whose `workspace.json` names `folderUri`. VS Code
 * writes that file into each workspace's storage folder.
 */
export async function earlierFolders(storageRoot: string, extensionDir: string, folderUri: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(storageRoot).catch(() => [] as string[])) {
    const history = join(storageRoot, name, extensionDir, 'history');
    if (!(await exists(history)) || (await exists(join(history, movedMarker)))) continue;
    const about = await readFile(join(storageRoot, name, 'workspace.json'), 'utf8').then((t) => JSON.parse(t) as unknown, () => undefined);
    if (typeof about === 'object' && about !== null && (about as { folder?: unknown }).folder === folderUri) found.push(history);
  }
  return found;
}
