// Whether a workspace folder has a shell behind it, so run_command can be offered for it: a folder on this host's
// disk (a local or a remote window's folder), not a virtual one served by an extension or an untitled workspace.
import { existsSync } from 'node:fs';

/** The parts of a workspace folder's URI the decision reads (VS Code's `Uri` has both). */
export interface FolderLocation {
  scheme: string;
  fsPath: string;
}

/** Schemes whose folders never have a shell behind them, even if a path of the same name exists on this disk. */
const virtualSchemes = new Set(['untitled', 'vscode-vfs', 'github', 'memfs', 'vsls']);

/**
 * True when commands can run in `folder`: it exists on this host's disk. A virtual workspace (e.g. a GitHub
 * repository opened through Remote Repositories) has no shell; its path is a name, not a place on a disk.
 */
export function shellBehindFolder(folder: FolderLocation | undefined, hasShell = typeof process === 'object'): boolean {
  if (!folder || !hasShell || virtualSchemes.has(folder.scheme)) return false;
  return existsSync(folder.fsPath);
}
