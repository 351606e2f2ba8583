// A running command's output and the conversation around it, in a real Chromium: the conversation stays at its end
// while the output block grows; once the block is full (a fixed height), output that streams into it does not make
// the conversation read the page's layout to stay there (that read laid the page out in every frame of a flood).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord, ToolCallView } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, useChatPage } from './chat-page';

const call: ToolCallView = { id: 'toolu_follow', name: 'run_command', argumentsText: '{"command":"npm test"}', status: 'running', kind: 'command', output: '' };

/** Enough earlier questions and answers that the conversation scrolls, then the answer running the command. */
function conversation(): ChatMessageRecord[] {
  const earlier: ChatMessageRecord[] = [];
  for (let i = 0; i < 12; i++) {
    earlier.push({ id: `u${i}`, role: 'user', author: 'user', text: `Question ${i}?`, status: 'complete', createdAt: 10 * i });
    earlier.push({ id: `a${i}`, role: 'assistant', author: 'qa', text: `Answer ${i}. `.repeat(30), status: 'complete', createdAt: 10 * i + 1, replyTo: `u${i}` });
  }
  return [
    ...earlier,
    { id: 'u-run', role: 'user', author: 'user', text: 'Run the tests.', status: 'complete', createdAt: 500 },
    { id: 'a-run', role: 'assistant', author: 'qa', text: '', status: 'streaming', createdAt: 501, replyTo: 'u-run', turnId: 'a-run', toolCalls: [call] },
  ];
}

const frames = (page: Page, n = 2) => page.evaluate(`new Promise((r) => { let left = ${n}; const next = () => (--left ? requestAnimationFrame(next) : setTimeout(r, 0)); requestAnimationFrame(next); })`);
const log = `document.querySelector('[role="log"]')`;
const block = `document.querySelector('[data-tool-call-id="toolu_follow"] pre.command-output')`;
/** How far a scroller is from its end (0: its last pixel is in view). */
const fromEnd = (page: Page, scroller: string) => page.evaluate(`(() => { const s = ${scroller}; return s.scrollHeight - s.scrollTop - s.clientHeight; })()`) as Promise<number>;
const lines = (from: number, n: number) => Array.from({ length: n }, (_, i) => `line ${from + i} ${'x'.repeat(60)}\n`).join('');
const output = (text: string): HostToWebview => ({ type: 'toolOutput', messageId: 'a-run', toolCallId: call.id, text });

describe('webview: the conversation around a running command', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('follows the block while it grows, and stops reading the layout once the block is full', async () => {
    const page = await open();
    const snapshot: HostToWebview = {
      type: 'snapshot', conversation: { id: 'c1', title: 'Tests', updatedAt: 0, messageCount: 26 }, messages: conversation(), hasOlder: false,
      agents: [{ name: 'qa', description: 'tests' }], defaultAgent: 'qa', model: 'fake · model',
    };
    await hostSends(page, snapshot);
    await frames(page, 3);
    assert.ok(((await page.evaluate(`${log}.scrollHeight - ${log}.clientHeight`)) as number) > 500, 'the conversation scrolls');
    assert.ok((await fromEnd(page, log)) <= 4, 'the conversation starts at its end');

    // A few lines at a time: the block grows, and the conversation follows it.
    for (let i = 0; i < 6; i++) {
      await hostSends(page, output(lines(i * 5, 5)));
      await frames(page);
      assert.ok((await fromEnd(page, log)) <= 4, `the conversation is at its end after ${(i + 1) * 5} lines`);
    }
    await hostSends(page, output(lines(30, 40)));
    await frames(page);
    assert.equal(await page.evaluate(`${block}.classList.contains('output-full')`), true, 'the block is full');
    assert.ok((await fromEnd(page, log)) <= 4, 'the conversation is at its end with the block full');

    // Counts the reads of the conversation's layout that keep it at its end (its scroll height).
    await page.evaluate(`(() => {
      const list = ${log};
      const height = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollHeight');
      window.__logHeightReads = 0;
      Object.defineProperty(list, 'scrollHeight', { configurable: true, get() { window.__logHeightReads++; return height.get.call(list); } });
    })()`);
    const top = await page.evaluate(`${log}.scrollTop`);
    for (let i = 0; i < 20; i++) {
      await hostSends(page, output(lines(70 + i * 10, 10)));
      await frames(page, 1);
    }
    await frames(page);
    assert.equal(await page.evaluate('window.__logHeightReads'), 0, 'output streaming into a full block reads none of the conversation\'s layout');
    assert.equal(await page.evaluate(`${log}.scrollTop`), top, 'the conversation stays where it was');
    assert.ok((await fromEnd(page, log)) <= 4, 'which is its end');
    assert.ok((await fromEnd(page, block)) <= 4, 'the block follows its own end');
    assert.match(await page.evaluate(`${block}.textContent`) as string, /line 269 x{60}$/);
  });
});
