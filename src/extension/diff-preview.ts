// Shows a proposed change in VS Code's diff editor without taking focus from where the user is typing.
import * as vscode from 'vscode';
import type { ApprovalRequest } from '../core/tools/runner';
import { Disposable, toDisposable } from '../core/util/dispose';

const scheme = 'agent-chat-proposed';

/** Serves the before/after texts of proposed changes as read-only documents. */
export class ProposedContent extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  /** Requests by tool call, so "View Diff" in the chat can reopen one. */
  private readonly requests = new Map<string, ApprovalRequest>();
  private counter = 0;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(scheme, this));
    this._register(toDisposable(() => this.texts.clear()));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.query) ?? '';
  }

  async show(request: ApprovalRequest, toolCallId?: string): Promise<void> {
    if (toolCallId) {
      this.requests.set(toolCallId, request);
      for (const key of [...this.requests.keys()].slice(0, Math.max(0, this.requests.size - 20))) this.requests.delete(key);
    }
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

  /** Reopens the diff of a tool call's proposed change. */
  async reopen(toolCallId: string): Promise<void> {
    const request = this.requests.get(toolCallId);
    if (request) await this.show(request);
  }

  /** A diff of `before` and `after` texts, e.g. a code block the user wants to apply to a file. */
  async showTexts(title: string, name: string, before: string, after: string): Promise<void> {
    await this.show({ tool: 'apply', kind: 'write', summary: title, args: {}, change: { tool: 'apply', path: name, absolute: name, kind: 'modify', before, after, beforeDigest: '', summary: title } });
  }
}
