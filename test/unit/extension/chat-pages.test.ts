// The `ready` handshake of the chat pages: a page that shows the snapshot written into its HTML, with
// nothing posted since, is not sent another; every other page gets a fresh one of its own.
import assert from 'node:assert/strict';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { ChatPages } from '../../../src/extension/chat-pages';

class Page {
  readonly received: HostToWebview[] = [];
  postMessage(message: HostToWebview): Promise<boolean> {
    this.received.push(message);
    return Promise.resolve(true);
  }
  snapshots(): number {
    return this.received.filter((m) => m.type === 'snapshot').length;
  }
}

const snapshot: HostToWebview = {
  type: 'snapshot',
  conversation: { id: 'c1', title: 'New chat', updatedAt: 0, messageCount: 0 },
  messages: [],
  hasOlder: false,
  agents: [],
  defaultAgent: 'orchestrator',
  model: 'auto',
};

describe('chat pages', () => {
  it('answers `ready` with a snapshot, unless the page already shows the one written into it', async () => {
    const pages = new ChatPages<Page>(async () => snapshot);
    const page = new Page();
    pages.opened(page);
    await pages.ready(page, true);
    assert.equal(page.snapshots(), 0);
    await pages.ready(page, undefined);
    assert.equal(page.snapshots(), 1);
  });

  it('a page that missed a post while it loaded gets a snapshot; only that page does', async () => {
    const pages = new ChatPages<Page>(async () => snapshot);
    const [loading, other] = [new Page(), new Page()];
    pages.opened(other);
    pages.opened(loading);
    pages.post({ type: 'busy', busy: true });
    await pages.ready(loading, true);
    assert.equal(loading.snapshots(), 1);
    assert.equal(other.snapshots(), 0);
    assert.deepEqual(other.received, [{ type: 'busy', busy: true }]);
  });

  it('a closed page gets nothing more', async () => {
    const pages = new ChatPages<Page>(async () => snapshot);
    const page = new Page();
    pages.opened(page);
    pages.closed(page);
    pages.post({ type: 'busy', busy: false });
    assert.deepEqual(page.received, []);
  });
});
