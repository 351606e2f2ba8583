// The tools' file-system seam on the local disk (fs/promises), for tests that run the real tools
// against a temporary folder.
import { promises as nodeFs } from 'node:fs';
import * as nodePath from 'node:path';
import type { DirEntry, FileStat, FileType, ToolFileSystem, WorkspaceRoot } from '../../src/core/tools/fs';

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
    if (!l.isSymbolicLink()) return { type: typeOf(l), symlink: false, size: l.size, mtimeMs: l.mtimeMs };
    try {
      const s = await nodeFs.stat(path);
      return { type: typeOf(s), symlink: true, size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return { type: 'other', symlink: true, size: l.size, mtimeMs: l.mtimeMs };
    }
  }

  realpath(path: string): Promise<string> {
    return nodeFs.realpath(path);
  }

  async readFile(path: string): Promise<Uint8Array> {
    return nodeFs.readFile(path);
  }

  writeFile(path: string, data: Uint8Array): Promise<void> {
    return nodeFs.writeFile(path, data);
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

  async createDirectory(path: string): Promise<void> {
    await nodeFs.mkdir(path);
  }

  async delete(path: string, options: { recursive: boolean }): Promise<void> {
    if (options.recursive) return nodeFs.rm(path, { recursive: true });
    const s = await nodeFs.lstat(path);
    return s.isDirectory() ? nodeFs.rmdir(path) : nodeFs.unlink(path);
  }
}
