// ToolFileSystem over vscode.workspace.fs, so the agents' tools work in remote (SSH, WSL,
// containers) and virtual workspaces too. Paths are URI paths (always '/'-separated), hence
// path.posix; each maps back to a URI through the workspace folder that contains it. On a local disk
// (the extension host's, which is the remote machine in remote workspaces) reads and writes go through
// local-io.ts, which checks what it opened rather than the path it was given.
import { promises as nodeFs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isInside } from '../core/tools/confine';
import type { DirEntry, FileStat, FileType, OpenedCheck, ToolFileSystem, WorkspaceRoot } from '../core/tools/fs';
import { deleteEntry, makeDirectory, readRegularFile, writeFileAtomically } from '../core/tools/local-io';

function typeOf(t: vscode.FileType): FileType {
  if (t & vscode.FileType.File) return 'file';
  if (t & vscode.FileType.Directory) return 'directory';
  return 'other';
}

function isMissing(err: unknown): boolean {
  return err instanceof vscode.FileSystemError && (err.code === 'FileNotFound' || err.code === 'FileNotADirectory');
}

export class WorkspaceToolFileSystem implements ToolFileSystem {
  readonly path = path.posix;
  readonly roots: readonly WorkspaceRoot[];
  private readonly folders: readonly { root: WorkspaceRoot; uri: vscode.Uri }[];

  constructor(folders: readonly vscode.WorkspaceFolder[] = vscode.workspace.workspaceFolders ?? []) {
    this.folders = folders.map((f) => ({ root: { name: f.name, path: path.posix.normalize(f.uri.path).replace(/(.)\/$/, '$1') }, uri: f.uri }));
    this.roots = this.folders.map((f) => f.root);
  }

  /** The URI for a path inside (or a parent of a path inside) a workspace folder. */
  private uri(p: string): vscode.Uri {
    const inside = this.folders
      .filter((f) => isInside(path.posix, f.root.path, p))
      .sort((a, b) => b.root.path.length - a.root.path.length)[0];
    // Parents of a folder (reached while resolving the longest existing prefix) use its scheme too.
    const folder = inside ?? this.folders.find((f) => isInside(path.posix, p, f.root.path));
    if (!folder) throw new Error(`'${p}' is not in a workspace folder`);
    return folder.uri.with({ path: p });
  }

  async stat(p: string): Promise<FileStat | undefined> {
    const uri = this.uri(p);
    try {
      const s = await vscode.workspace.fs.stat(uri);
      const links = uri.scheme === 'file' && s.type & vscode.FileType.File ? (await nodeFs.stat(uri.fsPath).catch(() => undefined))?.nlink : undefined;
      return { type: typeOf(s.type), symlink: (s.type & vscode.FileType.SymbolicLink) !== 0, size: s.size, mtimeMs: s.mtime, ...(links ? { links } : {}) };
    } catch (err) {
      if (!isMissing(err)) throw err;
      // A dangling link must not look absent: confinement would then treat it as a new file and the
      // write would follow it wherever it points. VS Code reports those, but do not rely on every provider.
      if (uri.scheme === 'file') {
        const l = await nodeFs.lstat(uri.fsPath).catch(() => undefined);
        if (l?.isSymbolicLink()) return { type: 'other', symlink: true, size: l.size, mtimeMs: l.mtimeMs };
      }
      return undefined;
    }
  }

  async realpath(p: string): Promise<string> {
    const uri = this.uri(p);
    // Only local disks (the extension host's, which is the remote machine in remote workspaces) have
    // symlinks we can resolve; virtual file systems are taken as they are.
    if (uri.scheme === 'file') return vscode.Uri.file(await nodeFs.realpath(uri.fsPath)).path;
    await vscode.workspace.fs.stat(uri); // rejects when missing, as the contract requires
    return p;
  }

  /** `check` in this file system's paths, for local-io's native ones. */
  private static local(check: OpenedCheck | undefined): OpenedCheck | undefined {
    return check && ((real) => check(vscode.Uri.file(real).path));
  }

  async readFile(p: string, check?: OpenedCheck): Promise<Uint8Array> {
    const uri = this.uri(p);
    if (uri.scheme === 'file') return readRegularFile(uri.fsPath, WorkspaceToolFileSystem.local(check));
    // Virtual file systems have no links: the path is what gets read.
    await check?.(p);
    return vscode.workspace.fs.readFile(uri);
  }

  async writeFile(p: string, data: Uint8Array, check?: OpenedCheck): Promise<void> {
    const uri = this.uri(p);
    if (uri.scheme === 'file') return writeFileAtomically(uri.fsPath, data, WorkspaceToolFileSystem.local(check));
    await check?.(p);
    await vscode.workspace.fs.writeFile(uri, data);
  }

  async readDirectory(p: string): Promise<DirEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(p));
    return entries.map(([name, t]) => ({ name, type: typeOf(t), symlink: (t & vscode.FileType.SymbolicLink) !== 0 }));
  }

  async createDirectory(p: string, check?: OpenedCheck): Promise<void> {
    const uri = this.uri(p);
    if (uri.scheme === 'file') return makeDirectory(uri.fsPath, WorkspaceToolFileSystem.local(check));
    await check?.(p);
    await vscode.workspace.fs.createDirectory(uri);
  }

  async delete(p: string, options: { recursive: boolean }, check?: OpenedCheck): Promise<void> {
    const uri = this.uri(p);
    if (uri.scheme === 'file' && !options.recursive) return deleteEntry(uri.fsPath, WorkspaceToolFileSystem.local(check));
    await check?.(p);
    await vscode.workspace.fs.delete(uri, { recursive: options.recursive, useTrash: false });
  }
}
