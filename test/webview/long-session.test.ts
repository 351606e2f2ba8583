// Very long sessions: the transcript keeps only the messages near the viewport on the page, however many
// the conversation has, and still shows every one of them as the user scrolls; one answer with 200 tool
// calls keeps only the rows near the viewport and updates one row per change. Counts of elements are asserted, never times.
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
const writeCall = (i: number, status: ToolCallView['status']): ToolCallView => ({ id: `t${i}`, name: 'write_file', argumentsText: `{"path":"f${i}.ts"}`, status, summary: `Write f${i}.ts` });
/** The tool rows and row spacers that intersect the transcript's viewport, and how many rows are on the page. */
const inView = `(() => {
  const t = document.querySelector('.transcript');
  const v = t.getBoundingClientRect();
  const within = (n) => { const b = n.getBoundingClientRect(); return b.height > 0 && b.bottom > v.top + 1 && b.top < v.bottom - 1; };
  return {
    ids: [...document.querySelectorAll('.tool-call')].filter(within).map((n) => n.dataset.toolCallId),
    spacerInView: [...document.querySelectorAll('.tool-rows-spacer')].some(within),
    rows: document.querySelectorAll('.tool-call').length,
    atBottom: t.scrollHeight - t.scrollTop - t.clientHeight < 2,
  };
})()`;
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

  it('a message scrolled back into view shows the elements it had, not a new rendering of its text', async () => {
    const page = await open();
    await hostSends(page, snapshot(range(0, 300), false));
    await page.locator('[data-message-id="m299"]').waitFor();
    await page.evaluate(`document.querySelector('[data-message-id="m299"]').dataset.marked = '1'`);
    // Up, a few screens at a time, until the newest message has left the page; then back down to it.
    for (let i = 0; i < 100 && (await page.locator('[data-message-id="m299"]').count()); i++) {
      await page.evaluate(`(() => { const t = document.querySelector('.transcript'); t.scrollTop = Math.max(0, t.scrollTop - t.clientHeight * 2); })()`);
      await page.waitForTimeout(50);
    }
    assert.equal(await page.locator('[data-message-id="m299"]').count(), 0, 'the newest message left the page');
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await page.locator('[data-message-id="m299"]').waitFor();
    assert.equal(await page.locator('[data-message-id="m299"]').getAttribute('data-marked'), '1', 'the same element came back');
    assert.match(await page.locator('[data-message-id="m299"] .content').innerText(), /Answer 299/);
    await page.close();
  });

  it('a new page fills in the rest of the messages it keeps after its first paint without reading where each one is', async () => {
    const page = await open();
    // Positions read from the snapshot on, until the 50 messages it brings are all on the page.
    await page.evaluate(`(() => {
      window.__positionReads = 0;
      const d = Object.getOwnPropertyDescriptor(Element.prototype, 'getBoundingClientRect');
      Object.defineProperty(Element.prototype, 'getBoundingClientRect', { ...d, value(...a) { window.__positionReads++; return d.value.apply(this, a); } });
    })()`);
    await hostSends(page, snapshot(range(950, 1000), true));
    await until(page, `document.querySelectorAll('[role="log"] article[data-message-id]').length === 50`, 'the rest of the messages after the first paint');
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(r)))))');
    const reads = (await page.evaluate('window.__positionReads')) as number;
    console.log(`      ${reads} positions read to show 50 messages`);
    assert.ok(reads < 20, `${reads} positions read to show 50 messages (the ones above the first screen are counted in, not measured)`);
    const t = (await page.evaluate(`(() => { const t = document.querySelector('.transcript'); return t.scrollHeight - t.scrollTop - t.clientHeight; })()`)) as number;
    assert.ok(t < 2, 'the view stays at the bottom');
    await page.close();
  });

  it('an answer with 200 tool calls rebuilds only the row whose call changed', async () => {
    const page = await open();
    const calls = Array.from({ length: 200 }, (_, i) => writeCall(i, 'running'));
    await hostSends(page, snapshot([message(0), { ...message(1), status: 'streaming', toolCalls: calls }], false));
    // The page settles first: after its first paint the transcript places the messages (and their rows) by the
    // viewport, over a few frames on a busy machine: wait until the rows on the page stop changing.
    await rowsSettled(page);
    await page.evaluate(`document.querySelectorAll('.tool-call').forEach((n) => (n.dataset.marked = '1'))`);
    // The newest rows are the ones in view (the page keeps only the rows near the viewport, see below).
    await hostSends(page, { type: 'toolCallUpdated', messageId: 'm1', toolCall: writeCall(190, 'done') });
    const rows = (await page.evaluate(`[...document.querySelectorAll('.tool-call')].map((n) => n.dataset.toolCallId + ':' + n.dataset.toolStatus + ':' + (n.dataset.marked ?? ''))`)) as string[];
    assert.ok(rows.includes('t190:done:'), 'the changed call has a new row');
    assert.deepEqual(rows.filter((r) => !r.endsWith(':1')), ['t190:done:'], 'every other row is the same element as before');
    await page.close();
  });

  it('a tool-call update among 200 rows moves no other row: the rows kept stay in place, spacers included', async () => {
    const page = await open();
    const calls = Array.from({ length: 200 }, (_, i) => writeCall(i, 'running'));
    await hostSends(page, snapshot([message(0), { ...message(1), status: 'streaming', toolCalls: calls }], false));
    await page.locator('[data-tool-call-id="t199"]').waitFor();
    // Rows far above the viewport stand as a spacer before the ones on the page.
    await until(page, `document.querySelector('[data-message-id="m1"] .tools')?.firstElementChild?.classList.contains('tool-rows-spacer')`, 'a spacer above the rows on the page');
    // The first placement settled (on a busy machine it can take a few frames) before the watching starts.
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(r)))))');
    // Every element put into the rows' container (a row moved is taken out and put back), until the next frames are done.
    await page.evaluate(`(() => {
      window.__inserted = [];
      new MutationObserver((list) => list.forEach((m) => m.addedNodes.forEach((n) => window.__inserted.push(n.dataset.toolCallId ?? n.className)))).observe(document.querySelector('[data-message-id="m1"] .tools'), { childList: true });
    })()`);
    for (const i of [198, 199]) await hostSends(page, { type: 'toolCallUpdated', messageId: 'm1', toolCall: writeCall(i, 'done') });
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(r)))))');
    const inserted = (await page.evaluate('window.__inserted')) as string[];
    assert.deepEqual(inserted.filter((n) => n !== 'tool-rows-spacer'), ['t198', 't199'], 'only the changed rows are put in');
    assert.ok(inserted.length <= 4, `${inserted.length} elements put in for two changed rows: ${inserted.join(' ')}`);
    await page.close();
  });

  it('a burst of tool-call updates reads no layout per update, and the view follows the newest row after it', async () => {
    const page = await open();
    const calls = Array.from({ length: 100 }, (_, i) => writeCall(i, 'done'));
    await hostSends(page, snapshot([message(0), { ...message(1), status: 'streaming', toolCalls: calls }], false));
    await page.locator('[data-tool-call-id="t99"]').waitFor();
    const updates = Array.from({ length: 100 }, (_, i) => [writeCall(100 + i, 'running'), writeCall(100 + i, 'done')]).flat();
    // Every update delivered in one task (as a backlog of posts is), with the page's layout reads counted meanwhile.
    const reads = (await page.evaluate(`(() => {
      let count = 0;
      const watch = (proto, name) => {
        const d = Object.getOwnPropertyDescriptor(proto, name);
        const wrapped = d.get ? { ...d, get() { count++; return d.get.call(this); } } : { ...d, value(...a) { count++; return d.value.apply(this, a); } };
        Object.defineProperty(proto, name, wrapped);
        return () => Object.defineProperty(proto, name, d);
      };
      const undo = [watch(Element.prototype, 'getBoundingClientRect'), watch(Element.prototype, 'scrollHeight'), watch(Element.prototype, 'clientHeight'), watch(HTMLElement.prototype, 'offsetHeight')];
      for (const toolCall of ${JSON.stringify(updates)}) window.dispatchEvent(new MessageEvent('message', { data: { type: 'toolCallUpdated', messageId: 'm1', toolCall } }));
      undo.forEach((u) => u());
      return count;
    })()`)) as number;
    assert.ok(reads < 10, `${reads} layout reads for ${updates.length} tool-call updates`);
    await page.locator('[data-tool-call-id="t199"][data-tool-status="done"]').waitFor();
    await until(page, `(() => { const t = document.querySelector('.transcript'); return t.scrollHeight - t.scrollTop - t.clientHeight < 2; })()`, 'the view to follow the newest row');
    await page.close();
  });

  it('a burst of 200 new tool calls puts only the newest rows on the page until the next frame places them', async () => {
    const page = await open();
    await hostSends(page, snapshot([message(0), { ...message(1), status: 'streaming', toolCalls: [writeCall(0, 'done')] }], false));
    await page.locator('[data-tool-call-id="t0"]').waitFor();
    const calls = Array.from({ length: 200 }, (_, i) => writeCall(i + 1, 'running'));
    // Delivered and counted in one task: what the next frame has to lay out.
    const rows = (await page.evaluate(`(() => {
      window.dispatchEvent(new MessageEvent('message', { data: { type: 'toolCallsUpdated', messageId: 'm1', toolCalls: ${JSON.stringify(calls)} } }));
      return document.querySelectorAll('.tool-call').length;
    })()`)) as number;
    assert.ok(rows <= 81, `${rows} of 201 rows on the page before the frame that places them (at most the 40 placed before and the newest 40)`);
    await page.locator('[data-tool-call-id="t200"]').waitFor();
    await until(page, `(() => { const t = document.querySelector('.transcript'); return t.scrollHeight - t.scrollTop - t.clientHeight < 2; })()`, 'the view to follow the newest row');
    await page.close();
  });

  it('an answer with 200 tool calls keeps only the rows near the viewport on the page, and shows each one as the user scrolls', async () => {
    const page = await open();
    const calls = Array.from({ length: 200 }, (_, i) => writeCall(i, 'running'));
    await hostSends(page, snapshot([message(0), { ...message(1), status: 'streaming', toolCalls: calls }], false));
    await page.locator('[data-tool-call-id="t199"]').waitFor();
    const seen = new Set<string>();
    let most = 0;
    // From the top to the bottom, half a screen at a time: the rows in view are real rows, never a blank stand-in.
    await page.evaluate(`document.querySelector('.transcript').scrollTop = 0`);
    for (let step = 0; step < 200; step++) {
      await page.waitForTimeout(40);
      const view = (await page.evaluate(inView)) as { ids: string[]; spacerInView: boolean; rows: number; atBottom: boolean };
      assert.ok(!view.spacerInView, `no blank space where rows belong (step ${step}, rows in view ${view.ids.join(' ')})`);
      view.ids.forEach((id) => seen.add(id));
      most = Math.max(most, view.rows);
      if (view.atBottom) break;
      await page.evaluate(`(() => { const t = document.querySelector('.transcript'); t.scrollTop += t.clientHeight / 2; })()`);
    }
    console.log(`      at most ${most} of 200 tool rows were on the page at once`);
    assert.equal(seen.size, 200, `every call was shown in view at some point (${seen.size})`);
    assert.ok(most <= 80, `at most ${most} of 200 rows were on the page at once`);
    assert.equal(await page.locator('[data-tool-call-id="t0"]').count(), 0, 'the first row left the page while the user reads the last');
    await page.close();
  });

  it('200 reads fold into one line whose rows are built when it is opened, and it stays open as more come', async () => {
    const page = await open();
    const read = (i: number): ToolCallView => ({ id: `r${i}`, name: 'list_directory', argumentsText: '{"path":"."}', status: 'done', summary: `List . (${i})`, result: 'a\nb' });
    const reads = Array.from({ length: 200 }, (_, i) => read(i));
    await hostSends(page, snapshot([message(0), { ...message(1), status: 'streaming', toolCalls: reads }], false));
    const label = page.locator('details.tool-group > summary');
    assert.equal((await label.innerText()).trim(), 'Looked at the workspace (200 steps)');
    assert.equal(await page.locator('.tool-group .tool-call').count(), 0, 'no hidden rows are built for a closed line of 200');
    await label.click();
    await page.locator('[data-tool-call-id="r199"]').waitFor();
    assert.equal(await page.locator('.tool-group .tool-call').count(), 200);
    await hostSends(page, { type: 'toolCallUpdated', messageId: 'm1', toolCall: read(200) });
    assert.equal((await label.innerText()).trim(), 'Looked at the workspace (201 steps)');
    assert.equal(await page.locator('details.tool-group[open]').count(), 1, 'the line the user opened stays open');
    assert.equal(await page.locator('.tool-group .tool-call').count(), 201);
    await page.close();
  });
});

/** Waits until the tool rows on the page are the same before and after two frames (bounded). */
async function rowsSettled(page: Page): Promise<void> {
  const ids = () => page.evaluate(`new Promise((r) => requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(() => r([...document.querySelectorAll('.tool-call')].map((n) => n.dataset.toolCallId).join(' ')))))))`) as Promise<string>;
  let last = await ids();
  for (let i = 0; i < 20; i++) {
    const now = await ids();
    if (now === last) return;
    last = now;
  }
}
