// Review and file links for the chat: the changes of one agent turn in VS Code's multi-file diff editor
// (each file as it was before the turn beside the file as it is now), and opening a workspace file by the
// path the chat shows. Paths from the page are names, not trust: only files inside a workspace folder open.
import * as vscode from 'vscode';
import type { AppliedChange } from '../core/tools/types';
import type { ProposedContent } from './diff-preview';

/** Opens the turn's changes together; a single change opens as a plain diff. */
export async function reviewChanges(changes: readonly AppliedChange[], proposed: ProposedContent): Promise<void> {
  const files = changes.filter((c) => c.kind !== 'mkdir' && c.kind !== 'rmdir');
  if (!files.length) return void vscode.window.showInformationMessage(vscode.l10n.t('This answer has no file changes left to review.'));
  const resources = files.map((c) => {
    const name = c.path.split('/').pop() ?? c.path;
    const before = proposed.document(name, c.preImage ? new TextDecoder().decode(c.preImage) : '');
    const now = c.kind === 'delete' ? proposed.document(name, '') : uriOf(c.absolute);
    return [uriOf(c.absolute), before, now] as const;
  });
  const title = files.length === 1 ? vscode.l10n.t('Changes by the agent (1 file)') : vscode.l10n.t('Changes by the agent ({0} files)', files.length);
  if (resources.length === 1) {
    const [, left, right] = resources[0]!;
    await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0} (before ↔ now)', files[0]!.path), { preview: true });
    return;
  }
  await vscode.commands.executeCommand('vscode.changes', title, resources);
}

/** Opens `path` (workspace-relative, or prefixed with a folder's name) at `line`, if it is a file in the workspace. */
export async function openWorkspaceFile(path: string, line?: number): Promise<void> {
  const segments = path.replace(/\\/g, '/').split('/').filter((s) => s && s !== '.');
  if (!segments.length || segments.includes('..') || /^[a-z]+:/i.test(path) || path.startsWith('/')) return;
  for (const uri of candidates(segments)) {
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (!stat || !(stat.type & vscode.FileType.File)) continue;
    const at = line && line > 0 ? new vscode.Position(line - 1, 0) : undefined;
    await vscode.window.showTextDocument(uri, { preview: true, ...(at ? { selection: new vscode.Range(at, at) } : {}) });
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not a file in this workspace.', path));
}

function candidates(segments: string[]): vscode.Uri[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const named = folders.filter((f) => f.name === segments[0]).map((f) => vscode.Uri.joinPath(f.uri, ...segments.slice(1)));
  return [...folders.map((f) => vscode.Uri.joinPath(f.uri, ...segments)), ...named];
}

/** A tool's absolute path (the folder URI's path space) as a URI of the folder it lies in. */
function uriOf(absolute: string): vscode.Uri {
  const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => absolute === f.uri.path || absolute.startsWith(`${f.uri.path.replace(/\/$/, '')}/`));
  return folder ? folder.uri.with({ path: absolute }) : vscode.Uri.file(absolute);
}
