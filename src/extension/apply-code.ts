// "Apply to File" on a code block: the path named in the fence must be inside the workspace and not
// a secret or a file agents may not change (the same rules and settings as the agents' tools, since
// the code comes from a model); the user sees the diff and confirms; the change is an ordinary editor
// edit, so Undo in the editor reverts it.
import * as vscode from 'vscode';
import { resolveInWorkspace } from '../core/tools/confine';
import type { SecretPolicy } from '../core/tools/secrets';
import { WorkspaceToolFileSystem } from './workspace-fs';

export async function applyCodeToFile(
  path: string,
  code: string,
  secrets: Readonly<SecretPolicy>,
  diff: { showTexts(title: string, name: string, before: string, after: string): Promise<void> },
): Promise<void> {
  const fs = new WorkspaceToolFileSystem();
  if (!fs.roots.length) return void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to apply code to its files.'));
  const resolved = await resolveInWorkspace(fs, path, secrets, 'write');
  if (!resolved.ok) return void vscode.window.showWarningMessage(vscode.l10n.t('Cannot apply to {0}: {1}', path, resolved.error));
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === resolved.root.name) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const uri = folder.uri.with({ path: resolved.absolute });
  let before = '';
  let exists = true;
  try {
    before = (await vscode.workspace.openTextDocument(uri)).getText();
  } catch {
    exists = false;
  }
  const after = code.endsWith('\n') ? code : `${code}\n`;
  await diff.showTexts(exists ? vscode.l10n.t('Replace {0}', resolved.relative) : vscode.l10n.t('Create {0}', resolved.relative), resolved.relative, before, after);
  const choice = await vscode.window.showInformationMessage(
    exists ? vscode.l10n.t('Replace the content of {0} with the code from the chat?', resolved.relative) : vscode.l10n.t('Create {0} with the code from the chat?', resolved.relative),
    { modal: true },
    vscode.l10n.t('Apply'),
  );
  if (choice !== vscode.l10n.t('Apply')) return;
  const edit = new vscode.WorkspaceEdit();
  if (exists) {
    const doc = await vscode.workspace.openTextDocument(uri);
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), after);
  } else {
    edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(after) });
  }
  if (!(await vscode.workspace.applyEdit(edit))) return void vscode.window.showErrorMessage(vscode.l10n.t('Could not apply the code to {0}.', resolved.relative));
  if (exists) await (await vscode.workspace.openTextDocument(uri)).save();
  await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: true });
}
