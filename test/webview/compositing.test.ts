// The transcript scrolls on its own compositor layer: following a streaming answer to the bottom moves that layer
// rather than repainting the whole view, in a frame the workbench shares with the chat (see chat.css). Asserted
// through Chromium's own layer tree (DevTools protocol), never through times.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord } from '../../src/core/protocol/chat-message';
import { hostSends, useChatPage } from './chat-page';
import { snapshotOf } from './two-messages';

const message = (i: number): ChatMessageRecord => i % 2
  ? { id: `m${i}`, role: 'assistant', author: 'backend', text: `Answer ${i}. ${'Some words to read. '.repeat(12)}`, status: 'complete', createdAt: 0 }
  : { id: `m${i}`, role: 'user', author: 'user', text: `Question ${i}`, status: 'complete', createdAt: 0 };

interface Layer { layerId: string; backendNodeId?: number; drawsContent: boolean; width: number; height: number }

/** The page's compositor layers once the next layer tree arrives, and the transcript's node id. */
async function layersAndTranscript(page: Page): Promise<{ layers: Layer[]; transcript: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.getDocument');
  const layers = new Promise<Layer[]>((resolve) => cdp.on('LayerTree.layerTreeDidChange', (e: { layers?: Layer[] }) => { if (e.layers?.length) resolve(e.layers); }));
  await cdp.send('LayerTree.enable');
  // A change on the page makes a new frame, so that the tree is reported now.
  await page.evaluate(`document.querySelector('[role="log"]').scrollTop = 0`);
  const { result: object } = await cdp.send('Runtime.evaluate', { expression: `document.querySelector('[role="log"]')` });
  const { node } = await cdp.send('DOM.describeNode', { objectId: object.objectId! });
  return { layers: await layers, transcript: node.backendNodeId };
}

describe('webview: the transcript on its own layer', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('scrolls the conversation on a composited layer of its own', async () => {
    const page = await open();
    await hostSends(page, snapshotOf('Layers', Array.from({ length: 60 }, (_, i) => message(i))));
    await page.locator('[data-message-id="m59"]').waitFor();
    const { layers, transcript } = await layersAndTranscript(page);
    const own = layers.filter((l) => l.backendNodeId === transcript);
    assert.ok(own.length > 0, `a layer of the transcript's own among ${layers.length}: ${JSON.stringify(layers.map((l) => [l.backendNodeId, l.width, l.height]))}`);
  });
});
