// Cross-process exclusion for the index (two windows on one workspace share the folder) and the
// atomic replace that keeps a reader from ever seeing half an index.
import { randomUUID } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';

export const thisHost = hostname();

/** Whether a process on this machine is running. EPERM means it exists but is not ours. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LockOptions {
  /** A lock older than this is abandoned: holders keep it for milliseconds. */
  staleMs?: number;
  timeoutMs?: number;
  /** Told when a lock left in a state no holder leaves it in is cleared. */
  onProblem?: (message: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` while holding `lockPath`, created exclusively (`wx`). */
export async function withLock<T>(lockPath: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const token = await acquire(lockPath, opts.staleMs ?? 10_000, opts.timeoutMs ?? 30_000, opts.onProblem ?? (() => undefined));
  try {
    return await fn();
  } finally {
    // Only remove our own lock: if ours was (wrongly) broken as stale, another holder's is there now.
    const now = await readFile(lockPath, 'utf8').catch(() => '');
    if (now.includes(token)) await unlink(lockPath).catch(() => undefined);
  }
}

async function acquire(lockPath: string, staleMs: number, timeoutMs: number, onProblem: (m: string) => void): Promise<string> {
  const token = randomUUID();
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(lockPath, 'wx');
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, host: thisHost, at: Date.now(), token }));
      } finally {
        await fh.close();
      }
      return token;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const seen = await readFile(lockPath, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : e));
    if (seen instanceof Error) {
      // Not a file we could have created (a folder, say): no holder will ever remove it.
      await moveAside(lockPath, onProblem, `${lockPath} is not a lock file (${seen.code ?? seen.message})`);
      continue;
    }
    if (seen !== undefined && (await isStale(lockPath, seen, staleMs))) {
      // Re-read just before removing, so a lock taken over by someone else meanwhile survives.
      const again = await readFile(lockPath, 'utf8').catch(() => undefined);
      if (again === seen) await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`History index is locked by another window (${lockPath}).`);
    await sleep(Math.min(50, 2 + attempt * 2) * (0.5 + Math.random()));
  }
}

/** Keeps whatever was there (it is not ours to delete) under another name, out of the way. */
async function moveAside(lockPath: string, onProblem: (m: string) => void, why: string): Promise<void> {
  const aside = `${lockPath}.corrupt-${Date.now()}-${randomUUID().slice(0, 8)}`;
  const moved = await rename(lockPath, aside).then(() => true, (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
  if (!moved) throw new Error(`${why}, and it cannot be moved aside.`);
  onProblem(`${why}; moved it to ${aside}.`);
}

async function isStale(lockPath: string, content: string, staleMs: number): Promise<boolean> {
  const info = parseLock(content);
  if (info?.host === thisHost && typeof info.pid === 'number' && !processAlive(info.pid)) return true;
  // A time in the future is as untrustworthy as an old one (a clock set back, or a forged file):
  // holders keep the lock for milliseconds, so any time this far from now means it is abandoned.
  if (typeof info?.at === 'number') return Math.abs(Date.now() - info.at) > staleMs;
  // Empty or torn: its creator died between creating and writing it, or is writing it right now.
  const s = await stat(lockPath).catch(() => undefined);
  return s !== undefined && Math.abs(Date.now() - s.mtimeMs) > staleMs;
}

function parseLock(content: string): { pid?: unknown; host?: unknown; at?: unknown } | undefined {
  try {
    const info: unknown = JSON.parse(content);
    return typeof info === 'object' && info !== null ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Moves a finished file over its target; a parameter so a failing replace can be tested. */
export type ReplaceFile = (from: string, to: string) => Promise<void>;

/** Replaces `path` with `data` so that readers see either the old or the new file, never a mix. */
export async function writeFileAtomic(path: string, data: string, replace: ReplaceFile = rename): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(data, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await renameRetrying(tmp, path, replace);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Windows refuses to replace a file another process has open for a moment; try again briefly. */
async function renameRetrying(from: string, to: string, replace: ReplaceFile): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await replace(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (i >= 20 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw e;
      await sleep(5 + i * 5);
    }
  }
}
