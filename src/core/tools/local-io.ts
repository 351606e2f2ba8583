// File reads and writes on a local disk that act on exactly what was checked. Confinement resolves a
// path and then uses it; in between, a folder can be swapped for a symlink to elsewhere, or a file for
// a FIFO. So each operation opens first, asks `check` about the real path of what it opened, and only
// then reads or writes through that handle (on Linux, through /proc/self/fd, which names the opened
// folder itself rather than the path to it). Writes go to a new file in the same folder, renamed over
// the target: a symlink or a hard link at the target is replaced, never written through.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as nodePath from 'node:path';

/** Told the real path of what was opened; throws to refuse before any byte is read or written. */
export type OpenedCheck = (real: string) => Promise<void>;

/** A failure with an errno-like code, so describeFsError can phrase it. */
export function fsError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** True where /proc/self/fd names open handles (Linux); elsewhere the narrower path re-check is used. */
const hasProcFd = process.platform === 'linux';

/**
 * The real path of what `handle` opened, and a path that reaches that same object from now on:
 * its /proc/self/fd entry where there is one, else the real path (then a swap between this call and
 * the use remains possible, in a much narrower window).
 */
async function realOf(handle: FileHandle, path: string): Promise<{ real: string; reach: string }> {
  if (hasProcFd) {
    const reach = `/proc/self/fd/${handle.fd}`;
    try {
      return { real: await fs.readlink(reach), reach };
    } catch {
      // /proc not mounted: fall back to resolving the path again.
    }
  }
  const real = await fs.realpath(path);
  return { real, reach: real };
}

/** Reads a regular file; a FIFO, socket or device is refused without blocking on it. */
export async function readRegularFile(path: string, check?: OpenedCheck): Promise<Uint8Array> {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw fsError('ENOTREG', `'${path}' is not a regular file`);
    await check?.((await realOf(handle, path)).real);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Runs `op` with names inside the folder of `path` as it is now, after `check` approved the real path
 * `path` would have there. `inside(name)` reaches that very folder even if its path changes meanwhile.
 */
async function inCheckedFolder<T>(path: string, check: OpenedCheck | undefined, op: (inside: (name: string) => string, name: string) => Promise<T>): Promise<T> {
  const name = nodePath.basename(path);
  const folder = await fs.open(nodePath.dirname(path), constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    const { real, reach } = await realOf(folder, nodePath.dirname(path));
    await check?.(nodePath.join(real, name));
    return await op((n) => `${reach}${nodePath.sep}${n}`, name);
  } finally {
    await folder.close();
  }
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  return fs.lstat(path).catch((err: { code?: string }) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
}

/** Replaces (or creates) `path` with `data` through a temporary file in the same folder. */
export async function writeFileAtomically(path: string, data: Uint8Array, check?: OpenedCheck): Promise<void> {
  // A link inside the workspace (`docs.md -> notes/docs.md`) keeps working: its target is written.
  const target = await fs.realpath(path).catch(() => path);
  await inCheckedFolder(target, check, async (inside, name) => {
    const existing = await lstatOrUndefined(inside(name));
    if (existing && !existing.isFile() && !existing.isSymbolicLink()) throw fsError('ENOTREG', `'${path}' is not a regular file`);
    const temp = inside(`.${name.slice(0, 100)}.${randomBytes(6).toString('hex')}.tmp`);
    const mode = existing?.isFile() ? existing.mode & 0o7777 : 0o666;
    const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    try {
      try {
        await handle.writeFile(data);
        if (existing?.isFile()) await handle.chmod(mode); // the umask must not strip an executable bit
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temp, inside(name));
    } catch (err) {
      await fs.unlink(temp).catch(() => undefined);
      throw err;
    }
  });
}

export async function makeDirectory(path: string, check?: OpenedCheck): Promise<void> {
  await inCheckedFolder(path, check, (inside, name) => fs.mkdir(inside(name)));
}

/** Deletes a file, link or empty folder without following a link at the last step. */
export async function deleteEntry(path: string, check?: OpenedCheck): Promise<void> {
  await inCheckedFolder(path, check, async (inside, name) => {
    const s = await fs.lstat(inside(name));
    await (s.isDirectory() ? fs.rmdir(inside(name)) : fs.unlink(inside(name)));
  });
}
