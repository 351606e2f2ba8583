// Shows a proposed change in VS Code's diff editor without taking focus from where the user is typing.
import * as vscode from 'vscode';
import type { ApprovalRequest } from '../core/tools/runner';

const scheme = 'agent-chat-proposed';

/** Serves the before/after texts of proposed changes as read-only documents. */
export class ProposedContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private counter = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.query) ?? '';
  }

  async show(request: ApprovalRequest): Promise<void> {
    const change = request.change;
    if (!change || change.kind === 'mkdir' || change.kind === 'rmdir') return;
    const id = String(++this.counter);
    this.texts.set(`${id}-before`, change.before ?? '');
    this.texts.set(`${id}-after`, change.after ?? '');
    // Keep memory bounded: old previews are not reopened.
    for (const key of [...this.texts.keys()].slice(0, Math.max(0, this.texts.size - 40))) this.texts.delete(key);
    const name = change.path.split('/').pop() ?? change.path;
    const left = vscode.Uri.from({ scheme, path: `/${name}`, query: `${id}-before` });
    const right = vscode.Uri.from({ scheme, path: `/${name}`, query: `${id}-after` });
    await vscode.commands.executeCommand('vscode.diff', left, right, `${change.summary} (proposed)`, {
      preview: true,
      preserveFocus: true,
      viewColumn: vscode.ViewColumn.Active,
    } satisfies vscode.TextDocumentShowOptions);
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }
}
