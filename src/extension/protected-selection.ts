// Whether an editor's selection comes from a protected file (.env, keys, git internals…): such text never goes to a
// model from Explain Selection or a slash command in VS Code's Chat, as `#selection` and the read tools refuse it.
import * as vscode from 'vscode';
import { secretRule, type SecretPolicy } from '../core/tools/secrets';

/** What to tell the user when the editor's selection is from a protected file; undefined when it may be sent. */
export function protectedSelectionNote(editor: vscode.TextEditor | undefined, policy: Readonly<SecretPolicy>): string | undefined {
  if (!editor || editor.selection.isEmpty) return undefined;
  const uri = editor.document.uri;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  // Outside the workspace the whole path is matched, so `.env` and `**/.aws/credentials` still apply.
  const path = folder ? uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1) : uri.path.replace(/^\//, '');
  const rule = secretRule(path, policy, 'read');
  if (!rule) return undefined;
  return vscode.l10n.t(
    '"{0}" is a protected file (it matches \'{1}\'), so its text is not sent to a model. To allow it, add a pattern to agentChat.secrets.allow in your user settings.',
    vscode.workspace.asRelativePath(uri),
    rule,
  );
}
