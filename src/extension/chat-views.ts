// The sidebar view and the editor-tab panel. Both show the same conversation: every message the
// controller posts goes to every live webview (see chat-pages.ts for the `ready` handshake).
// Both keep their page while hidden: switching away and back is instant, keeps the scroll position
// and the draft, and an answer goes on streaming into it.
import * as vscode from 'vscode';
import type { HostToWebview, WebviewToHost } from '../core/protocol/messages';
import { pageTranslations } from '../core/protocol/page-strings';
import { parseWebviewMessage } from '../core/protocol/validate';
import { Disposable, DisposableStore, toDisposable } from '../core/util/dispose';
import { ChatPages } from './chat-pages';
import { PageAssets } from './page-assets';
import { chatViewId } from './view-ids';
import { chatHtml } from './webview-html';

/** The page's strings in VS Code's display language (none in English), worked out for the first page. */
let translatedPageText: Record<string, string> | undefined;

export class ChatViews extends Disposable implements vscode.WebviewViewProvider {
  private readonly pages: ChatPages<vscode.Webview>;
  /** What each live webview's lifetime holds (its listeners), released when it goes or we do. */
  private readonly pageListeners = new Map<vscode.Webview, DisposableStore>();
  private sidebar: vscode.WebviewView | undefined;
  private panel: vscode.WebviewPanel | undefined;
  /** Tool calls waiting for approval, counted on the sidebar view's badge so a hidden chat still shows them. */
  private readonly awaiting = new Set<string>();
  private readonly assets: PageAssets;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onMessage: (message: WebviewToHost) => void,
    snapshot: () => Promise<HostToWebview>,
    private readonly log: { warn(message: string): void; error(message: string, err?: unknown): void },
  ) {
    super();
    this.pages = new ChatPages(snapshot);
    this.assets = new PageAssets(extensionUri, log);
    this._register(toDisposable(() => this.panel?.dispose()));
    this._register(toDisposable(() => [...this.pageListeners.values()].forEach((o) => o.dispose())));
  }

  post(message: HostToWebview): void {
    this.countApprovals(message);
    this.showTitle(message);
    this.pages.post(message);
  }

  async resolveWebviewView(view: vscode.WebviewView): Promise<void> {
    this.sidebar = view;
    this.showBadge();
    await this.attach(view.webview, view, () => (this.sidebar = undefined));
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
    void this.attach(panel.webview, panel, () => (this.panel = undefined));
  }

  private async attach(webview: vscode.Webview, owner: { onDidDispose: vscode.Event<void> }, gone: () => void): Promise<void> {
    const owned = new DisposableStore();
    this.pageListeners.set(webview, owned);
    owned.add(webview.onDidReceiveMessage((raw: unknown) => this.receive(webview, raw)));
    owned.add(
      owner.onDidDispose(() => {
        gone();
        this.pages.closed(webview);
        this.pageListeners.delete(webview);
        owned.dispose();
      }),
    );
    webview.options = { enableScripts: true, localResourceRoots: this.roots() };
    this.pages.opened(webview);
    const [snapshot, inline] = await Promise.all([
      this.pages.snapshotForHtml().catch((err: unknown) => {
        this.log.error('could not read the conversation for the chat page; it will ask for it', err);
        return undefined;
      }),
      this.assets.forPage(webview),
    ]);
    if (owned.isDisposed) return;
    if (snapshot) this.showTitle(snapshot);
    const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    webview.html = chatHtml({ cspSource: webview.cspSource, asset, language: vscode.env.language, ...(inline ? { inline } : {}) }, snapshot, (translatedPageText ??= pageTranslations((s) => vscode.l10n.t(s))));
  }

  private receive(webview: vscode.Webview, raw: unknown): void {
    const m = parseWebviewMessage(raw);
    if (!m) return this.log.warn(`ignored a malformed message from the chat page (type: ${describe(raw)})`);
    if (m.type !== 'ready') return this.onMessage(m);
    // The rest of `ready` (the setup screen when nothing is configured) comes after the page shows the conversation.
    this.pages.ready(webview, m.hasSnapshot).then(
      () => this.onMessage({ type: 'ready', hasSnapshot: true }),
      (err: unknown) => this.log.error('could not send the chat page its snapshot', err),
    );
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

  /** The open conversation's title beside the view's name (the page itself has no title row). */
  private showTitle(message: HostToWebview): void {
    const title = message.type === 'snapshot' ? message.conversation.title : message.type === 'conversations' ? message.items.find((c) => c.id === message.activeId)?.title : undefined;
    if (title === undefined) return;
    if (this.sidebar) this.sidebar.description = title;
    if (this.panel) this.panel.title = `Agent Chat · ${title}`;
  }

  private showBadge(): void {
    if (!this.sidebar) return;
    const n = this.awaiting.size;
    this.sidebar.badge = n ? { value: n, tooltip: n === 1 ? vscode.l10n.t('1 change waiting for your approval') : vscode.l10n.t('{0} changes waiting for your approval', n) } : undefined;
  }

  private roots(): vscode.Uri[] {
    return [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
  }
}

/** What a malformed message was, for the log (never its content, which could be anything). */
function describe(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return typeof raw;
  const type = (raw as { type?: unknown }).type;
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type;
}
