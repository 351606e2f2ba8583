// The file-system seam the tools use. Core cannot import `vscode`, so the extension backs this with
// `vscode.workspace.fs` (remote and virtual workspaces) and tests use the Node implementation below.
import { promises as nodeFs } from 'node:fs';
import * as nodePath from 'node:path';
import type { PlatformPath } from 'node:path';
import { deleteEntry, makeDirectory, readRegularFile, writeFileAtomically, type OpenedCheck } from './local-io';

export type { OpenedCheck } from './local-io';

export interface WorkspaceRoot {
  /** Folder name as shown to the model; the first path segment in multi-root workspaces. */
  readonly name: string;
  /** Absolute, normalized, in the flavour of `ToolFileSystem.path`. */
  readonly path: string;
}

/** The type of the entry after following symlinks; 'other' covers dangling links, sockets, devices. */
export type FileType = 'file' | 'directory' | 'other';

export interface FileStat {
  type: FileType;
  /** The entry itself is a symbolic link (its `type` is that of the target). */
  symlink: boolean;
  size: number;
  mtimeMs: number;
  /** Hard links to a file, where the file system tells (a second name may be outside the workspace). */
  links?: number;
}

export interface DirEntry {
  name: string;
  type: FileType;
  symlink: boolean;
}

export interface ToolFileSystem {
  readonly roots: readonly WorkspaceRoot[];
  /** Path arithmetic for these paths: `node:path` for local disks, `path.posix` for URI paths. */
  readonly path: PlatformPath;
  /** Undefined when nothing exists at `path` (not even a dangling link); throws on other failures. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Resolves every symlink; rejects when `path` does not exist. */
  realpath(path: string): Promise<string>;
  /**
   * Reads a regular file (anything else is refused, without blocking on a FIFO). `check` is told the
   * real path of what was actually opened, and may throw to refuse, before anything is read.
   */
  readFile(path: string, check?: OpenedCheck): Promise<Uint8Array>;
  /** Replaces the file through a new one renamed over it; `check` approves the real path first. */
  writeFile(path: string, data: Uint8Array, check?: OpenedCheck): Promise<void>;
  readDirectory(path: string): Promise<DirEntry[]>;
  /** Creates one directory; its parent exists (the tools create missing parents one by one for undo). */
  createDirectory(path: string, check?: OpenedCheck): Promise<void>;
  delete(path: string, options: { recursive: boolean }, check?: OpenedCheck): Promise<void>;
}

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
