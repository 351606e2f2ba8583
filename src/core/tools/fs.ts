// The file-system seam the tools use. Core cannot import `vscode`, so the extension backs this with
// `vscode.workspace.fs` (remote and virtual workspaces); tests use a Node implementation (test/doubles).
import type { PlatformPath } from 'node:path';

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
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  readDirectory(path: string): Promise<DirEntry[]>;
  /** Creates one directory; its parent exists (the tools create missing parents one by one for undo). */
  createDirectory(path: string): Promise<void>;
  delete(path: string, options: { recursive: boolean }): Promise<void>;
}
