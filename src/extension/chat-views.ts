// The sidebar view and the editor-tab panel. Both show the same conversation: every message the
// controller posts goes to every live webview. A page starts from the snapshot written into its HTML;
// if anything was posted while it loaded, it gets a fresh snapshot when it says `ready`.
// Both keep their page while hidden: switching away and back is instant, keeps the scroll position
// and the draft, and an answer goes on streaming into it.
import * as vscode from 'vscode';
import type { HostToWebview, WebviewToHost } from '../core/protocol/messages';
import { parseWebviewMessage } from '../core/protocol/validate';
import { chatHtml } from './webview-html';

export const chatViewId = 'agentChat.chatView';

export class ChatViews implements vscode.WebviewViewProvider, vscode.Disposable {
  /** Live webviews, each with whether something was posted to it since its HTML was written. */
  private readonly webviews = new Map<vscode.Webview, { postedSinceHtml: boolean }>();
  private sidebar: vscode.WebviewView | undefined;
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Tool calls waiting for approval, counted on the sidebar view's badge so a hidden chat still shows them. */
  private readonly awaiting = new Set<string>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: WebviewToHost) => void,
    private readonly snapshot: () => Promise<HostToWebview>,
    private readonly log: { warn(message: string): void; error(message: string, err?: unknown): void },
  ) {}

  post(message: HostToWebview): void {
    this.countApprovals(message);
    for (const [webview, state] of this.webviews) {
      state.postedSinceHtml = true;
      void webview.postMessage(message);
    }
  }

  async resolveWebviewView(view: vscode.WebviewView): Promise<void> {
    this.sidebar = view;
    this.showBadge();
    view.onDidDispose(() => (this.sidebar = undefined));
    await this.attach(view.webview, view);
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
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'agent-chat.svg');
    this.panel = panel;
    panel.onDidDispose(() => (this.panel = undefined));
    void this.attach(panel.webview, panel);
  }

  private async attach(webview: vscode.Webview, owner: { onDidDispose: vscode.Event<void> }): Promise<void> {
    let disposed = false;
    const sub = webview.onDidReceiveMessage((raw: unknown) => {
      const m = parseWebviewMessage(raw);
      if (!m) return this.log.warn(`ignored a malformed message from the chat page (type: ${describe(raw)})`);
      // A page without its built-in snapshot, or that missed a post while loading, gets a fresh one: only
      // this page, so the other view keeps its scroll position and loaded pages.
      if (m.type === 'ready' && (!m.hasSnapshot || this.webviews.get(webview)?.postedSinceHtml !== false)) {
        void this.snapshot()
          .then((s) => webview.postMessage(s))
          .then(() => this.onMessage({ type: 'ready', hasSnapshot: true }), (err: unknown) => this.log.error('could not send the chat page its snapshot', err));
        return;
      }
      this.onMessage(m);
    });
    owner.onDidDispose(() => {
      disposed = true;
      this.webviews.delete(webview);
      sub.dispose();
    });
    webview.options = { enableScripts: true, localResourceRoots: this.roots() };
    // Registered before the snapshot is read, so a post made meanwhile counts as missed by it.
    this.webviews.set(webview, { postedSinceHtml: false });
    const snapshot = await this.snapshot().catch((err: unknown) => {
      this.log.error('could not read the conversation for the chat page; it will ask for it', err);
      return undefined;
    });
    if (disposed) return;
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    webview.html = chatHtml({ cspSource: webview.cspSource, asset }, snapshot);
  }

  private countApprovals(message: HostToWebview): void {
    const before = this.awaiting.size;
    if (message.type === 'toolCallUpdated') {
      if (message.toolCall.status === 'awaitingApproval') this.awaiting.add(message.toolCall.id);
      else this.awaiting.delete(message.toolCall.id);
    } else if (message.type === 'snapshot') {
      this.awaiting.clear();
      for (const m of message.messages) for (const c of m.toolCalls ?? []) if (c.status === 'awaitingApproval') this.awaiting.add(c.id);
    } else if (message.type === 'busy' && !message.busy) this.awaiting.clear();
    if (this.awaiting.size !== before) this.showBadge();
  }

  private showBadge(): void {
    if (!this.sidebar) return;
    const n = this.awaiting.size;
    this.sidebar.badge = n ? { value: n, tooltip: `${n} change${n === 1 ? '' : 's'} waiting for your approval` } : undefined;
  }

  private roots(): vscode.Uri[] {
    return [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** What a malformed message was, for the log (never its content, which could be anything). */
function describe(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type;
}
