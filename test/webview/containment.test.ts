// Every message contains its layout and style, so Chromium gives it a paint layer of its own: a frame that grows
// the streaming answer walks and repaints that message only, however many settled ones are on the page (see
// chat.css). Asserted through Chromium's own view of the page (DevTools protocol), never through times.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord } from '../../src/core/protocol/chat-message';
import { hostSends, useChatPage } from './chat-page';
import { snapshotOf } from './two-messages';

const message = (i: number): ChatMessageRecord => i % 2
  ? { id: `m${i}`, role: 'assistant', author: 'backend', text: `Answer ${i}. ${'Some words to read. '.repeat(12)}\n\n- a point\n- another`, status: 'complete', createdAt: 0 }
  : { id: `m${i}`, role: 'user', author: 'user', text: `Question ${i}`, status: 'complete', createdAt: 0 };

interface Snapshot {
  documents: { nodes: { attributes: number[][] }; layout: { nodeIndex: number[]; stackingContexts: { index: number[] } } }[];
  strings: string[];
}

/** The message ids on the page, each with whether Chromium paints it as a stacking context of its own. */
async function messagesAsPainted(page: Page): Promise<Map<string, boolean>> {
  const cdp = await page.context().newCDPSession(page);
  const { documents, strings } = (await cdp.send('DOMSnapshot.captureSnapshot', { computedStyles: [], includePaintOrder: true })) as unknown as Snapshot;
  const doc = documents[0]!;
  const contexts = new Set(doc.layout.stackingContexts.index.map((i) => doc.layout.nodeIndex[i]));
  const found = new Map<string, boolean>();
  doc.nodes.attributes.forEach((flat, node) => {
    for (let k = 0; k + 1 < flat.length; k += 2) {
      if (strings[flat[k]!] === 'data-message-id') found.set(strings[flat[k + 1]!]!, contexts.has(node));
    }
  });
  await cdp.detach();
  return found;
}

describe('webview: each message contained', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('paints every message, settled or streaming, as a layer of its own', async () => {
    const page = await open();
    await hostSends(page, snapshotOf('Contained', Array.from({ length: 60 }, (_, i) => message(i))));
    await hostSends(page,
      { type: 'messageAdded', message: { id: 'live', role: 'assistant', author: 'backend', text: '', status: 'streaming', createdAt: Date.now() } },
      { type: 'textDelta', messageId: 'live', seq: 1, text: 'Streaming words ' });
    await page.locator('[data-message-id="live"] .content', { hasText: 'Streaming words' }).waitFor();
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('[data-message-id]').length >= 60);
    const painted = await messagesAsPainted(page);
    assert.ok(painted.size >= 60, `${painted.size} messages on the page`);
    const loose = [...painted].filter(([, own]) => !own).map(([id]) => id);
    assert.deepEqual(loose, [], `messages painted with the rest of the transcript: ${loose.join(', ')}`);
  });
});
