// The tools' file-system seam on the local disk, for tests that run the real tools against a temporary
// folder. Reads and writes go through the same local-io checks the extension uses on a local disk.
import { promises as nodeFs } from 'node:fs';
import * as nodePath from 'node:path';
import type { DirEntry, FileStat, FileType, OpenedCheck, ToolFileSystem, WorkspaceRoot } from '../../src/core/tools/fs';
import { deleteEntry, makeDirectory, readRegularFile, writeFileAtomically } from '../../src/core/tools/local-io';

function isMissing(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function typeOf(s: { isFile(): boolean; isDirectory(): boolean }): FileType {
  return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
}

/** Local disk via fs/promises. */
export class NodeToolFileSystem implements ToolFileSystem {
  readonly path = nodePath;
  readonly roots: readonly WorkspaceRoot[];

  constructor(roots: readonly (string | WorkspaceRoot)[]) {
    this.roots = roots.map((r) => {
      const p = nodePath.resolve(typeof r === 'string' ? r : r.path);
      return { name: typeof r === 'string' ? nodePath.basename(p) : r.name, path: p };
    });
  }

  async stat(path: string): Promise<FileStat | undefined> {
    let l;
    try {
      l = await nodeFs.lstat(path);
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
    if (!l.isSymbolicLink()) return { type: typeOf(l), symlink: false, size: l.size, mtimeMs: l.mtimeMs, links: l.nlink };
    try {
      const s = await nodeFs.stat(path);
      return { type: typeOf(s), symlink: true, size: s.size, mtimeMs: s.mtimeMs, links: s.nlink };
    } catch {
      return { type: 'other', symlink: true, size: l.size, mtimeMs: l.mtimeMs };
    }
  }

  realpath(path: string): Promise<string> {
    return nodeFs.realpath(path);
  }

  readFile(path: string, check?: OpenedCheck): Promise<Uint8Array> {
    return readRegularFile(path, check);
  }

  writeFile(path: string, data: Uint8Array, check?: OpenedCheck): Promise<void> {
    return writeFileAtomically(path, data, check);
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const dirents = await nodeFs.readdir(path, { withFileTypes: true });
    return Promise.all(
      dirents.map(async (d): Promise<DirEntry> => {
        if (!d.isSymbolicLink()) return { name: d.name, type: typeOf(d), symlink: false };
        const s = await this.stat(nodePath.join(path, d.name));
        return { name: d.name, type: s?.type ?? 'other', symlink: true };
      }),
    );
  }

  createDirectory(path: string, check?: OpenedCheck): Promise<void> {
    return makeDirectory(path, check);
  }

  async delete(path: string, options: { recursive: boolean }, check?: OpenedCheck): Promise<void> {
    if (options.recursive) return nodeFs.rm(path, { recursive: true });
    return deleteEntry(path, check);
  }
}
