// One agent turn is one block for assistive technology, however many model rounds it took: in the page's
// accessibility tree (Chromium's own, as a screen reader gets it) the turn is one labelled article, and its
// later rounds are not articles of their own, while their text and tool calls stay readable in order.
import * as assert from 'node:assert/strict';
import type { ChatMessageRecord, ToolCallView } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, useChatPage } from './chat-page';

const agents = [{ name: 'backend', description: 'backend work' }];
const read = (id: string, path: string): ToolCallView => ({ id, name: 'read_file', argumentsText: JSON.stringify({ path }), status: 'done', summary: `Read ${path}` });
const question: ChatMessageRecord = { id: 'q1', role: 'user', author: 'user', text: 'Fix the port.', status: 'complete', createdAt: 0 };
const round = (n: number, text: string, more: Partial<ChatMessageRecord> = {}): ChatMessageRecord => ({
  id: `r${n}`, role: 'assistant', author: 'backend', text, status: 'complete', createdAt: n, replyTo: 'q1', turnId: 'r1', ...more,
});
const snapshot = (messages: ChatMessageRecord[]): HostToWebview => ({
  type: 'snapshot', conversation: { id: 'c1', title: 'Port', updatedAt: 0, messageCount: messages.length }, messages, hasOlder: false, agents, defaultAgent: 'backend', model: 'fake · model',
});

describe('webview: one turn, one block', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('a turn of three rounds is one labelled article in the accessibility tree, its rounds\' content inside the log in order', async () => {
    const page = await open();
    const rounds = [round(1, 'Looking.', { toolCalls: [read('t1', 'src/a.ts')] }), round(2, 'Still looking.', { toolCalls: [read('t2', 'src/b.ts')] }), round(3, 'The port is 8080.')];
    await hostSends(page, snapshot([question, ...rounds]));
    await page.waitForSelector('[data-message-id="r3"]');
    const tree = await page.locator('[role="log"]').ariaSnapshot();
    const articles = tree.split('\n').flatMap((line) => /^\s*- article "[^"]*"/.exec(line)?.[0].trim() ?? []);
    assert.deepEqual(articles, ['- article "You says"', '- article "@backend says"'], `articles in the tree:\n${tree}`);
    const order = ['Fix the port.', 'Looking.', 'Still looking.', 'The port is 8080.'].map((t) => tree.indexOf(t));
    assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!)), `every round's text is in the tree, in order:\n${tree}`);
    await page.close();
  });
});
