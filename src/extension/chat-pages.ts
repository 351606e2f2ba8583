// The live chat pages and the `ready` handshake, for ChatViews. No VS Code API here (a page is whatever
// can be posted to), so the handshake is unit-tested. A page starts from the snapshot written into its
// HTML; if it has none, or something was posted while it loaded, it gets a fresh snapshot of its own
// (only it, so the other view keeps its scroll position and loaded pages) before the host goes on.
import { Outbox } from '../core/chat/outbox';
import type { HostToWebview } from '../core/protocol/messages';

export interface ChatPage {
  postMessage(message: HostToWebview): PromiseLike<unknown>;
}

export class ChatPages<P extends ChatPage> {
  /** Each live page, with whether something was posted to it since its HTML was written. */
  private readonly pages = new Map<P, { postedSinceHtml: boolean }>();

  /** What is posted crosses in as few messages as keep the pages current (core/chat/outbox.ts). */
  private readonly outbox = new Outbox((message) => this.send(message));

  constructor(private readonly snapshot: () => Promise<HostToWebview>) {}

  /** Call before reading the snapshot for its HTML, so a post made meanwhile counts as missed by it. */
  opened(page: P): void {
    this.pages.set(page, { postedSinceHtml: false });
  }

  /** The snapshot a new page's HTML starts from. */
  snapshotForHtml(): Promise<HostToWebview> {
    return this.snapshot();
  }

  closed(page: P): void {
    this.pages.delete(page);
  }

  post(message: HostToWebview): void {
    this.outbox.post(message);
  }

  private send(message: HostToWebview): void {
    for (const [page, state] of this.pages) {
      state.postedSinceHtml = true;
      void page.postMessage(message);
    }
  }

  /** The page said `ready`: resolves once it shows the current conversation. */
  async ready(page: P, hasSnapshot: boolean | undefined): Promise<void> {
    this.outbox.flush();
    if (hasSnapshot && this.pages.get(page)?.postedSinceHtml === false) return;
    const snapshot = await this.snapshot();
    // What was posted while the snapshot was read goes first: the snapshot, newer, has the last word.
    this.outbox.flush();
    await page.postMessage(snapshot);
  }
}
