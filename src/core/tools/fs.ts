// The file-system seam the tools use. Core cannot import `vscode`, so the extension backs this with
// `vscode.workspace.fs` (remote and virtual workspaces); tests use a Node implementation (test/doubles).
import type { PlatformPath } from 'node:path';
import type { OpenedCheck } from './local-io';

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
