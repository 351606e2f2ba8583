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
  /** The preview documents last opened for each tool call, so the tab can close once the change is decided. */
  private readonly opened = new Map<string, string>();
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
    const name = change.path.split('/').pop() ?? change.path;
    const left = this.document(name, change.before ?? '');
    const right = this.document(name, change.after ?? '');
    if (toolCallId) this.opened.set(toolCallId, right.query);
    await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0} (proposed)', change.shown ?? change.summary), {
      preview: true,
      preserveFocus: true,
      viewColumn: vscode.ViewColumn.Active,
    } satisfies vscode.TextDocumentShowOptions);
  }

  /** Reopens the diff of a tool call's proposed change. */
  async reopen(toolCallId: string): Promise<void> {
    const request = this.requests.get(toolCallId);
    if (request) await this.show(request, toolCallId);
  }

  /** The change was approved or rejected: its "(proposed)" tab would only mislead now, so it closes. */
  async decided(toolCallId: string): Promise<void> {
    const query = this.opened.get(toolCallId);
    if (!query) return;
    this.opened.delete(toolCallId);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === scheme && t.input.modified.query === query);
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  }

  /** A read-only document with `text`, named like the file it stands for. */
  document(name: string, text: string): vscode.Uri {
    const id = `${++this.counter}`;
    this.texts.set(id, text);
    // Keep memory bounded: old previews are not reopened.
    for (const key of [...this.texts.keys()].slice(0, Math.max(0, this.texts.size - 40))) this.texts.delete(key);
    return vscode.Uri.from({ scheme, path: `/${name}`, query: id });
  }

  /** A diff of `before` and `after` texts, e.g. a code block the user wants to apply to a file. */
  async showTexts(title: string, name: string, before: string, after: string): Promise<void> {
    await this.show({ tool: 'apply', kind: 'write', summary: title, args: {}, change: { tool: 'apply', path: name, absolute: name, kind: 'modify', before, after, beforeDigest: '', summary: title } });
  }
}
