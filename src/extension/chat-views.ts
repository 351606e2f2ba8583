// The sidebar view and the editor-tab panel. Both show the same conversation: every message the
// controller posts goes to every live webview, and each one that (re)loads gets a fresh snapshot.
import * as vscode from 'vscode';
import type { HostToWebview, WebviewToHost } from '../core/protocol/messages';
import { chatHtml } from './webview-html';

export const chatViewId = 'agentChat.chatView';

export class ChatViews implements vscode.WebviewViewProvider, vscode.Disposable {
  private readonly webviews = new Set<vscode.Webview>();
  private sidebar: vscode.WebviewView | undefined;
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: WebviewToHost) => void,
  ) {}

  post(message: HostToWebview): void {
    for (const webview of this.webviews) void webview.postMessage(message);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.sidebar = view;
    this.attach(view.webview, view);
    view.onDidDispose(() => (this.sidebar = undefined));
  }

  /** Reveals the sidebar chat (and returns once VS Code has been asked to). */
  async reveal(): Promise<void> {
    if (this.panel?.visible) return;
    await vscode.commands.executeCommand(`${chatViewId}.focus`);
  }

  openInEditor(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel('agentChat.chatPanel', 'Agent Chat', vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: this.roots(),
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'agent-chat.svg');
    this.panel = panel;
    this.attach(panel.webview, panel);
    panel.onDidDispose(() => (this.panel = undefined));
  }

  private attach(webview: vscode.Webview, owner: { onDidDispose: vscode.Event<void> }): void {
    webview.options = { enableScripts: true, localResourceRoots: this.roots() };
    webview.html = chatHtml(webview, this.extensionUri);
    this.webviews.add(webview);
    const sub = webview.onDidReceiveMessage((m: WebviewToHost) => this.onMessage(m));
    owner.onDidDispose(() => {
      this.webviews.delete(webview);
      sub.dispose();
    });
  }

  private roots(): vscode.Uri[] {
    return [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
