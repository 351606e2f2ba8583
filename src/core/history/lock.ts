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
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` while holding `lockPath`, created exclusively (`wx`). */
export async function withLock<T>(lockPath: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const token = await acquire(lockPath, opts.staleMs ?? 10_000, opts.timeoutMs ?? 30_000);
  try {
    return await fn();
  } finally {
    // Only remove our own lock: if ours was (wrongly) broken as stale, another holder's is there now.
    const now = await readFile(lockPath, 'utf8').catch(() => '');
    if (now.includes(token)) await unlink(lockPath).catch(() => undefined);
  }
}

async function acquire(lockPath: string, staleMs: number, timeoutMs: number): Promise<string> {
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
    const seen = await readFile(lockPath, 'utf8').catch(() => undefined);
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

async function isStale(lockPath: string, content: string, staleMs: number): Promise<boolean> {
  try {
    const info = JSON.parse(content) as { pid?: number; host?: string; at?: number };
    if (info.host === thisHost && typeof info.pid === 'number' && !processAlive(info.pid)) return true;
    return typeof info.at === 'number' && Date.now() - info.at > staleMs;
  } catch {
    // Empty or torn: its creator died between creating and writing it, or is writing it right now.
    const s = await stat(lockPath).catch(() => undefined);
    return s !== undefined && Date.now() - s.mtimeMs > staleMs;
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
