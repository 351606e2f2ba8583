// Very long sessions: the transcript keeps only the messages near the viewport on the page, however many
// the conversation has, and still shows every one of them as the user scrolls; one answer with 200 tool
// calls updates one row per change. Counts of elements are asserted, never times.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord, ToolCallView } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, posted, useChatPage } from './chat-page';

const agents = [{ name: 'backend', description: 'backend work' }];
const message = (i: number): ChatMessageRecord => i % 2
  ? { id: `m${i}`, role: 'assistant', author: 'backend', text: `Answer ${i}\n\n${'Some words to read. '.repeat(10)}`, status: 'complete', createdAt: 0 }
  : { id: `m${i}`, role: 'user', author: 'user', text: `Question ${i}`, status: 'complete', createdAt: 0 };
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => message(from + k));
const snapshot = (messages: ChatMessageRecord[], hasOlder: boolean): HostToWebview => ({
  type: 'snapshot', conversation: { id: 'c1', title: 'Long', updatedAt: 0, messageCount: 1000 }, messages, hasOlder, agents, defaultAgent: 'backend', model: 'fake · model',
});
const articles = (page: Page) => page.evaluate(`document.querySelectorAll('[role="log"] article[data-message-id]').length`) as Promise<number>;

async function until(page: Page, script: string, what: string): Promise<void> {
  await page.waitForFunction(script, undefined, { timeout: 10_000 }).catch(() => assert.fail(`timed out waiting for ${what}`));
}

describe('webview: very long sessions', function () {
  this.timeout(120_000);
  const open = useChatPage();

  it('scrolling back through 1,000 messages keeps the page to the few near the viewport and shows each one', async () => {
    const page = await open();
    const total = 1000;
    await hostSends(page, snapshot(range(total - 50, total), true));
    let loaded = 50;
    let most = await articles(page);
    while (loaded < total) {
      await page.evaluate(`document.querySelector('.transcript').scrollTop = 0`);
      await until(page, `window.__posted.filter((m) => m.type === 'loadOlder').length >= ${loaded / 50}`, `the page to ask for messages before the ${loaded} shown`);
      const asked = (await posted(page)).filter((m) => m.type === 'loadOlder').at(-1);
      assert.equal(asked?.beforeId, `m${total - loaded}`, 'it asks for what comes before the oldest message it has');
      await hostSends(page, { type: 'olderMessages', messages: range(total - loaded - 50, total - loaded), hasOlder: loaded + 50 < total });
      loaded += 50;
      most = Math.max(most, await articles(page));
    }
    // Scroll to the very top: the first message of the conversation is shown there.
    for (let i = 0; i < 30 && !(await page.locator('[data-message-id="m0"]').count()); i++) {
      await page.evaluate(`document.querySelector('.transcript').scrollTop = 0`);
      await page.waitForTimeout(50);
      most = Math.max(most, await articles(page));
    }
    await page.locator('[data-message-id="m0"]').waitFor();
    console.log(`      at most ${most} of ${total} messages were on the page at once`);
    assert.ok(most < 100, `at most ${most} of ${total} messages were on the page at once`);
    assert.equal(await page.locator('[data-message-id="m999"]').count(), 0, 'the newest message left the page while the user reads the oldest');
    // Back to the newest: Jump to latest brings it, and the page stays bounded.
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await page.locator('[data-message-id="m999"]').waitFor();
    assert.equal(await page.locator('[data-message-id="m0"]').count(), 0);
    assert.ok((await articles(page)) < 100);
    await page.close();
  });

  it('an answer with 200 tool calls rebuilds only the row whose call changed', async () => {
    const page = await open();
    const call = (i: number, status: ToolCallView['status']): ToolCallView => ({ id: `t${i}`, name: 'write_file', argumentsText: `{"path":"f${i}.ts"}`, status, summary: `Write f${i}.ts` });
    const calls = Array.from({ length: 200 }, (_, i) => call(i, 'running'));
    await hostSends(page, snapshot([message(0), { ...message(1), status: 'streaming', toolCalls: calls }], false));
    await page.evaluate(`document.querySelectorAll('.tool-call').forEach((n) => (n.dataset.marked = '1'))`);
    await hostSends(page, { type: 'toolCallUpdated', messageId: 'm1', toolCall: call(100, 'done') });
    const rows = (await page.evaluate(`[...document.querySelectorAll('.tool-call')].map((n) => n.dataset.toolCallId + ':' + n.dataset.toolStatus + ':' + (n.dataset.marked ?? ''))`)) as string[];
    assert.equal(rows.length, 200);
    assert.equal(rows[100], 't100:done:', 'the changed call has a new row');
    assert.deepEqual(rows.filter((r) => !r.endsWith(':1')), ['t100:done:'], 'every other row is the same element as before');
    await page.close();
  });
});
