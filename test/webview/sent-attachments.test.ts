// A sent question shows what it attached as chips under its text, in a real Chromium: each as the reference the
// user typed (`#selection`, `#file:…`, `#problems`, `#terminal`; the stored label names it for screen readers; the
// content is never on the page), files and selections open on click, and the same chips come back for a question
// loaded from history, even after the transcript window dropped it and brought it back.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AttachmentRecord } from '../../src/core/protocol/attachments';
import type { ChatMessageRecord } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, posted, useChatPage } from './chat-page';

const agents = [{ name: 'backend', description: 'backend work' }];
const snapshot = (messages: ChatMessageRecord[]): HostToWebview => ({
  type: 'snapshot', conversation: { id: 'c1', title: 'Test', updatedAt: 0, messageCount: messages.length }, messages, hasOlder: false, agents, defaultAgent: 'backend', model: 'fake · model',
});
const secret = '<img src=x onerror="window.__ran = 1">SECRET-CONTENT';
const attachments: AttachmentRecord[] = [
  { kind: 'selection', path: 'src/server.ts', range: { startLine: 3, endLine: 9 }, label: 'src/server.ts:3-9', language: 'typescript', content: secret },
  { kind: 'file', path: 'README.md', label: 'README.md', content: secret },
  { kind: 'problems', label: 'Problems (1 error)', content: secret },
  { kind: 'terminal', label: 'Terminal output', content: '', note: 'not attached: no command has run' },
];
const question = (id: string, text: string, attached = true): ChatMessageRecord =>
  ({ id, role: 'user', author: 'user', text, status: 'complete', createdAt: 0, ...(attached ? { attachments } : {}) });
const answer = (id: string): ChatMessageRecord => ({ id, role: 'assistant', author: 'backend', text: `Answer ${id}\n\n${'Some words to read. '.repeat(12)}`, status: 'complete', createdAt: 0 });

const sentList = (page: Page, id: string) => page.locator(`[data-message-id="${id}"]`).getByRole('list', { name: 'Context sent with this message' });
const chipTexts = async (page: Page, id: string) => (await sentList(page, id).getByRole('listitem').allInnerTexts()).map((t) => t.trim());
const chipNames = (page: Page, id: string) =>
  page.evaluate(`[...document.querySelectorAll('[data-message-id="${id}"] .sent-attachments [aria-label]')].map((n) => n.getAttribute('aria-label'))`) as Promise<string[]>;

async function assertChips(page: Page, id: string): Promise<void> {
  assert.deepEqual(await chipTexts(page, id), ['#selection src/server.ts:3-9', '#file:README.md', '#problems', '#terminal']);
  assert.deepEqual(await chipNames(page, id), ['Open selection src/server.ts:3-9', 'Open file README.md', 'Problems: Problems (1 error)', 'Terminal output: Terminal output']);
  const article = page.locator(`[data-message-id="${id}"]`);
  assert.doesNotMatch(await article.innerText(), /SECRET-CONTENT/, 'what was attached is not shown');
  assert.equal(await article.locator('img').count(), 0, 'nor parsed as HTML');
}

async function scrollToTop(page: Page): Promise<void> {
  for (let i = 0; i < 60 && !(await page.locator('[data-message-id="m0"]').count()); i++) {
    await page.evaluate(`document.querySelector('.transcript').scrollTop = 0`);
    await page.waitForTimeout(50);
  }
  await page.locator('[data-message-id="m0"]').waitFor();
}

describe('webview: the context a sent message carried', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('shows chips under a sent question; a file or selection chip opens it, the others are plain', async () => {
    const page = await open();
    await hostSends(page, snapshot([]));
    await hostSends(page, { type: 'attachmentAdded', attachment: { kind: 'selection', path: 'src/server.ts', range: { startLine: 3, endLine: 9 } } });
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.focus();
    await page.keyboard.type('Why does this fail?');
    await page.keyboard.press('Enter');
    // The host resolves the items and adds the question as it was stored.
    await hostSends(page, { type: 'messageAdded', message: question('q1', 'Why does this fail?') });
    await assertChips(page, 'q1');
    assert.equal(await sentList(page, 'q1').getByRole('button').count(), 2, 'only files and selections are buttons');

    await sentList(page, 'q1').getByRole('button', { name: 'Open selection src/server.ts:3-9' }).click();
    await sentList(page, 'q1').getByRole('button', { name: 'Open file README.md' }).focus();
    await page.keyboard.press('Enter');
    const opens = (await posted(page)).filter((m) => m.type === 'openFile');
    assert.deepEqual(opens, [{ type: 'openFile', path: 'src/server.ts', line: 3 }, { type: 'openFile', path: 'README.md' }]);
    assert.equal(await page.evaluate('window.__ran'), undefined);
    await page.close();
  });

  it('shows them for a question from history, also when it comes back onto the page after scrolling away', async () => {
    const page = await open();
    const messages = [question('m0', 'First question'), ...Array.from({ length: 149 }, (_, k) => (k % 2 ? question(`m${k + 1}`, `Question ${k + 1}`, false) : answer(`m${k + 1}`)))];
    messages.push(question('m150', 'Latest question'));
    await hostSends(page, snapshot(messages));
    await page.locator('[data-message-id="m150"]').waitFor();
    await assertChips(page, 'm150');
    assert.equal(await page.locator('[data-message-id="m148"] .sent-attachments').count(), 0, 'a question without attachments has no chips');

    assert.equal(await page.locator('[data-message-id="m0"]').count(), 0, 'the oldest question is kept as data only');
    await scrollToTop(page);
    await assertChips(page, 'm0');
    // It leaves the page again, and comes back from what the page kept of it.
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    await page.locator('[data-message-id="m150"]').waitFor();
    assert.equal(await page.locator('[data-message-id="m0"]').count(), 0, 'the oldest question left the page');
    await scrollToTop(page);
    await assertChips(page, 'm0');
    await page.close();
  });
});
