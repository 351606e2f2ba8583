// The chat as a user meets it in the real workbench (fake Anthropic server): the agent picked beside the
// text and titles without it, hand-offs offered only from an explicit line and run on the user's word,
// sending while scrolled up, an approval out of sight (bar and badge), and a rejection in the user's words.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { answerCount, chatTitle, composer, conversationItems, messages, newChat, openChatWhenReady, send, settledAnswer, showConversations, toolCallWithStatus, viewTitleAction } from './chat-page';
import { runCommand, timeouts, useWorkbench } from './harness';
import { copySampleWorkspace } from './temp-workspace';

/** The transcript's scroll box, as plain numbers (this file compiles without the DOM lib). */
interface Scroll {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

async function scrollToTop(chat: FrameLocator): Promise<void> {
  await chat.locator('.transcript').evaluate((e) => {
    (e as unknown as Scroll).scrollTop = 0;
  });
}

async function distanceFromBottom(chat: FrameLocator): Promise<number> {
  return chat.locator('.transcript').evaluate((e) => {
    const s = e as unknown as Scroll;
    return s.scrollHeight - s.scrollTop - s.clientHeight;
  });
}

/** Switches the workbench's colour theme through "Preferences: Color Theme". */
async function useTheme(page: Page, label: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input.input, .quick-input-box input').first().fill(label);
  await widget.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) }).first().waitFor();
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden' });
}

/** What the page computes for code keywords, plain code, a theme variable and the Send button's border. */
interface Painted {
  kind: string;
  keywords: string[];
  plain: string;
  themeKeyword: string;
  /** Send's top border: width, style and colour (a missing border still has a colour, currentColor). */
  sendBorder: { width: string; style: string; color: string };
}

describe('chat UX in the workbench', () => {
  const fake: { server?: FakeServer } = {};
  const settings: Record<string, unknown> = { 'agentChat.provider': 'anthropic', 'agentChat.maxRetries': 0 };
  const ws = copySampleWorkspace('ux');
  before(async () => {
    fake.server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = fake.server.url;
  });
  const wb = useWorkbench({ name: 'ux', settings, env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret' }, workspace: ws.dir });
  after(async () => {
    await fake.server?.close();
    ws.remove();
  });
  const server = () => fake.server!;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await runCommand(wb().page, 'Agent Chat: Stop').catch(() => undefined);
  });

  it('the agent chip follows a typed mention, and neither the message nor the title carries the agent', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    await newChat(page, chat);
    const before = await answerCount(chat);
    server().enqueue({ tokens: ['On it.'] });
    await composer(chat).click();
    await page.keyboard.type('@qa ');
    await page.keyboard.type('cover the 400 path');
    assert.equal(await chat.getByRole('combobox', { name: 'Agent' }).inputValue(), 'qa', 'the picker follows the typed mention');
    await page.keyboard.press('Enter');
    const { answer } = await settledAnswer(chat, before);
    assert.equal(await answer.getAttribute('data-author'), 'qa');
    assert.equal((await messages(chat).filter({ has: chat.locator('.author', { hasText: 'You' }) }).last().locator('.content').innerText()).trim(), 'cover the 400 path');
    await chatTitle(chat).filter({ hasText: /^cover the 400 path$/ }).waitFor({ timeout: timeouts.ui });

    // A message without a mention goes to the picked agent; its title has no agent prefix either.
    await newChat(page, chat);
    server().enqueue({ tokens: ['Summary.'] });
    await send(chat, 'Summarize README.md');
    await settledAnswer(chat, 0);
    await chatTitle(chat).filter({ hasText: /^Summarize README\.md$/ }).waitFor({ timeout: timeouts.ui });
    await showConversations(page, chat);
    const titles = await conversationItems(chat).locator('.conversation-title').allInnerTexts();
    assert.ok(titles.includes('Summarize README.md') && titles.includes('cover the 400 path'), JSON.stringify(titles));
    assert.deepEqual(titles.filter((t) => t.startsWith('@')), [], 'no title starts with an agent');
    await viewTitleAction(page, 'Show Conversations').click();
    await chat.locator('nav.conversations').waitFor({ state: 'hidden', timeout: timeouts.ui });
  });

  it('a mention inside prose hands nothing over; an explicit hand-off line offers a chip that Run now runs', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const before = await answerCount(chat);
    const requests = server().chatRequests().length;
    server().enqueue({ tokens: ['The endpoint is done. Ask **@qa** to cover the 400 and 500 paths.'] });
    await send(chat, '@backend Add the endpoint');
    await settledAnswer(chat, before);
    await chat.getByRole('button', { name: 'Send' }).waitFor(); // the turn is over
    assert.equal(server().chatRequests().length, requests + 1, 'nobody else was asked');
    assert.equal(await chat.locator('.handoff-offer').count(), 0);

    server().enqueue({ tokens: ['The endpoint is done.\n\n→ @qa: cover the 400 and 500 paths'] }, { tokens: ['Tests for 400 and 500 added.'] });
    await send(chat, '@backend And now?');
    const offered = await settledAnswer(chat, before + 1);
    const offer = offered.answer.locator('.handoff-offer');
    await offer.waitFor({ timeout: timeouts.ui });
    assert.equal((await offer.locator('.handoff-chip').innerText()).replace(/\s+/g, ' ').trim(), '@qa · cover the 400 and 500 paths');
    await chat.getByRole('button', { name: 'Send' }).waitFor();
    assert.equal(server().chatRequests().length, requests + 2, 'the hand-off waits for the user');
    await offer.getByRole('button', { name: 'Run now' }).click();
    const handed = await settledAnswer(chat, before + 2);
    assert.equal(await handed.answer.getAttribute('data-author'), 'qa');
    assert.equal(handed.text, 'Tests for 400 and 500 added.');
    assert.equal((await handed.answer.locator('header .handoff').innerText()).trim(), 'handed over by @backend');
    assert.equal(await offer.count(), 0, 'the chip is gone once the hand-off ran');
  });

  it('sending while scrolled up goes to the message; an approval out of sight shows a bar and a badge; a rejection shows the reason', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const before = await answerCount(chat);
    server().enqueue({ tokens: [Array.from({ length: 80 }, (_, i) => `Line ${i} of a long answer.`).join('\n\n')] });
    await send(chat, 'Something long please');
    await settledAnswer(chat, before);
    await scrollToTop(chat);
    assert.ok((await distanceFromBottom(chat)) > 200, 'scrolled up');

    const reason = 'Keep the notes in the wiki, not in the repository';
    server().enqueue(
      { toolCalls: [{ id: 'toolu_notes', name: 'write_file', arguments: { path: 'notes.txt', content: 'notes\n' } }] },
      { tokens: ['Understood, no notes file.'] },
    );
    await send(chat, '@backend Write notes.txt');
    const call = await toolCallWithStatus(chat, 'toolu_notes', 'awaitingApproval');
    assert.ok((await distanceFromBottom(chat)) < 40, 'the view went to the new message and the approval');
    const bar = chat.getByRole('region', { name: 'Waiting for your approval' });
    assert.ok(await bar.isHidden(), 'no bar while the approval is in view');
    const badge = page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="Agent Chat"]') }).locator('.badge-content');
    await badge.filter({ hasText: /^1$/ }).waitFor({ timeout: timeouts.ui });

    await scrollToTop(chat);
    await bar.waitFor({ timeout: timeouts.ui });
    assert.match(await bar.innerText(), /notes\.txt[\s\S]*waits for your approval/);
    await bar.getByRole('button', { name: 'Show' }).click();
    await bar.waitFor({ state: 'hidden' });
    await call.getByRole('button', { name: 'Reject with feedback…' }).click();
    await call.getByRole('textbox', { name: 'Reason for rejecting' }).fill(reason);
    await call.getByRole('button', { name: 'Reject' }).click();
    const rejected = await toolCallWithStatus(chat, 'toolu_notes', 'rejected');
    assert.equal((await rejected.locator('.tool-result').innerText()).trim(), `Rejected: ${reason}`);
    assert.doesNotMatch(await rejected.innerText(), /Do not retry/);
    assert.equal((await settledAnswer(chat, before + 2)).text, 'Understood, no notes file.');
    await badge.waitFor({ state: 'hidden', timeout: timeouts.ui });
  });

  it('colours code keywords with the theme in Dark, Light and High Contrast, and HC buttons have borders', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const before = await answerCount(chat);
    server().enqueue({ tokens: ['```ts\nimport { a } from "b";\nconst x = 1;\nexport function f() { return x; }\n```'] });
    await send(chat, 'Some code please');
    await settledAnswer(chat, before);
    const code = chat.locator('[role="log"] article.assistant pre code').last();
    for (const [label, kind] of [['Dark Modern', 'vscode-dark'], ['Light Modern', 'vscode-light'], ['Dark High Contrast', 'vscode-high-contrast']] as const) {
      await useTheme(page, label);
      await chat.locator(`body.${kind}`).waitFor({ state: 'attached', timeout: timeouts.ui });
      const painted = (await code.evaluate((e) => {
        const g = globalThis as unknown as { getComputedStyle(n: unknown): { color: string; borderTopColor: string; borderTopStyle: string; borderTopWidth: string; getPropertyValue(p: string): string }; document: { body: { className: string }; querySelector(s: string): unknown; documentElement: unknown } };
        const node = e as unknown as { querySelectorAll(s: string): ArrayLike<unknown> };
        const send = g.getComputedStyle(g.document.querySelector('.composer .send'));
        return {
          kind: g.document.body.className,
          keywords: Array.from(node.querySelectorAll('.hljs-keyword'), (k) => g.getComputedStyle(k).color),
          plain: g.getComputedStyle(e).color,
          themeKeyword: g.getComputedStyle(g.document.documentElement).getPropertyValue('--vscode-debugTokenExpression-boolean').trim(),
          sendBorder: { width: send.borderTopWidth, style: send.borderTopStyle, color: send.borderTopColor },
        };
      })) as Painted;
      assert.equal(painted.keywords.length, 6, label);
      assert.ok(painted.themeKeyword, `${label} sets the colour the keywords take`);
      for (const color of painted.keywords) assert.notEqual(color, painted.plain, `${label}: keywords are coloured, not plain`);
      if (kind === 'vscode-high-contrast') {
        assert.deepEqual({ ...painted.sendBorder, color: undefined }, { width: '1px', style: 'solid', color: undefined }, 'Send has a border in High Contrast');
        assert.notEqual(painted.sendBorder.color, 'rgba(0, 0, 0, 0)', 'and it is visible');
      }
    }
    await useTheme(page, 'Dark Modern');
  });
});
