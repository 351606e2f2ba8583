// What the host sends in one go reaches the page in one go: a question with its answer's placeholder and
// first text is on the page by the end of the task that received it (so it is painted in one frame), and an
// answer's tool calls gathered into one message all show their new states.
import * as assert from 'node:assert/strict';
import type { ChatMessageRecord, ToolCallView } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, useChatPage } from './chat-page';

const agents = [{ name: 'backend', description: 'backend work' }];
const snapshot: HostToWebview = {
  type: 'snapshot', conversation: { id: 'c1', title: 'New chat', updatedAt: 0, messageCount: 0 }, messages: [], hasOlder: false, agents, defaultAgent: 'backend', model: 'fake · model',
};
const question: ChatMessageRecord = { id: 'q1', role: 'user', author: 'user', text: 'Which port?', status: 'complete', createdAt: 0 };
const answer: ChatMessageRecord = { id: 'a1', role: 'assistant', author: 'backend', text: '', status: 'streaming', createdAt: 0, replyTo: 'q1', turnId: 'a1' };
const read = (i: number, status: ToolCallView['status']): ToolCallView => ({ id: `t${i}`, name: 'read_file', argumentsText: `{"path":"f${i}.ts"}`, status, summary: `Read f${i}.ts` });

describe('webview: messages that cross together', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('a question, its answer\'s placeholder and first text are on the page by the end of the task that brought them', async () => {
    const page = await open();
    await hostSends(page, snapshot);
    const together: HostToWebview = {
      type: 'together',
      messages: [{ type: 'messageAdded', message: question }, { type: 'messageAdded', message: answer }, { type: 'textDelta', messageId: 'a1', seq: 1, text: 'Port 8080.' }],
    };
    // Delivered and read back in one task: nothing may wait for an animation frame.
    const seen = (await page.evaluate(`(() => {
      window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(together)} }));
      const text = (selector) => document.querySelector(selector)?.textContent ?? null;
      return { question: text('[data-message-id="q1"]'), answer: text('[data-message-id="a1"] .content') };
    })()`)) as { question: string | null; answer: string | null };
    assert.match(seen.question ?? '', /Which port\?/);
    assert.equal(seen.answer?.trim(), 'Port 8080.');
  });

  it('the first text is put on the page without laying the transcript out; the next frame shows it at the bottom', async () => {
    const page = await open();
    // Enough earlier messages that the transcript scrolls.
    const earlier = Array.from({ length: 30 }, (_, i): ChatMessageRecord => ({ id: `e${i}`, role: i % 2 ? 'assistant' : 'user', author: i % 2 ? 'backend' : 'user', text: `Earlier message ${i}\n\nwith a second paragraph`, status: 'complete', createdAt: 0 }));
    await hostSends(page, { ...snapshot, messages: earlier } as HostToWebview);
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))');
    const together: HostToWebview = {
      type: 'together',
      messages: [{ type: 'messageAdded', message: question }, { type: 'messageAdded', message: answer }, { type: 'textDelta', messageId: 'a1', seq: 1, text: 'Port' }],
    };
    // Every read of the transcript's layout while the page handles the message is counted.
    const seen = (await page.evaluate(`(() => {
      const list = document.querySelector('.transcript');
      const reads = [];
      const watch = (proto, name) => {
        const d = Object.getOwnPropertyDescriptor(proto, name);
        const wrapped = d.get ? { get() { if (list.contains(this)) reads.push(name); return d.get.call(this); } } : { value(...a) { if (list.contains(this)) reads.push(name); return d.value.apply(this, a); } };
        Object.defineProperty(proto, name, { ...d, ...wrapped });
        return () => Object.defineProperty(proto, name, d);
      };
      const undo = ['scrollHeight', 'scrollTop', 'clientHeight', 'getBoundingClientRect'].map((n) => watch(Element.prototype, n))
        .concat(['offsetHeight', 'offsetTop'].map((n) => watch(HTMLElement.prototype, n)));
      try {
        window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(together)} }));
      } finally {
        undo.forEach((u) => u());
      }
      return { reads, answer: document.querySelector('[data-message-id="a1"] .content')?.textContent ?? null };
    })()`)) as { reads: string[]; answer: string | null };
    assert.equal(seen.answer?.trim(), 'Port');
    assert.deepEqual(seen.reads, [], 'the transcript\'s layout was read while the first text was being put on the page');
    // The frame that paints it has the view at the bottom, with the new answer in sight.
    const bottom = (await page.evaluate(`new Promise((r) => requestAnimationFrame(() => {
      const list = document.querySelector('.transcript');
      r(list.scrollHeight - list.scrollTop - list.clientHeight);
    }))`)) as number;
    assert.ok(bottom < 2, `the view is ${bottom} px above the bottom after the frame`);
  });

  it('an answer\'s tool calls gathered into one message each show their new state', async () => {
    const page = await open();
    await hostSends(page, snapshot, { type: 'messageAdded', message: question }, { type: 'messageAdded', message: answer });
    await hostSends(page, { type: 'toolCallsUpdated', messageId: 'a1', toolCalls: [read(1, 'running'), read(2, 'pending'), read(3, 'pending')] });
    await hostSends(page, { type: 'toolCallsUpdated', messageId: 'a1', toolCalls: [read(1, 'done'), read(2, 'done'), read(3, 'running')] });
    await page.waitForFunction(`document.querySelectorAll('[data-message-id="a1"] [data-tool-call-id]').length === 3`, undefined, { timeout: 10_000 });
    // A folded line of reads builds its rows when opened: the statuses are read from the records the page keeps.
    const statuses = await page.evaluate(`[...document.querySelectorAll('[data-message-id="a1"] [data-tool-call-id]')].map((n) => n.dataset.toolCallId + ':' + n.dataset.toolStatus)`);
    assert.deepEqual(statuses, ['t1:done', 't2:done', 't3:running']);
  });
});
