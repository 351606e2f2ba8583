// Scrolling back through a long conversation: older messages come onto the page a few at a time, their
// Markdown sanitized together, and what the reader looks at stays where it is while they come.
// Positions and counts are asserted, never times.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, useChatPage } from './chat-page';

const agents = [{ name: 'backend', description: 'backend work' }];
/** Answers of several kinds of Markdown and of different heights, so that estimates of their heights are off. */
const answerText = (i: number): string => [
  `Answer ${i}: **bold**, \`code\`, a [link](https://example.com/${i}) and @backend.`,
  i % 3 ? '- one\n- two\n- three' : '```ts\nconst x = 1;\nconst y = 2;\n```',
  i % 4 ? 'Some words to read. '.repeat(i % 7 * 4 + 2) : '| a | b |\n| - | - |\n| 1 | 2 |',
  i % 5 ? '' : '</div></div><img src=x onerror="window.__hacked = 1"><b>raw</b>',
].join('\n\n');
const message = (i: number): ChatMessageRecord => i % 2
  ? { id: `m${i}`, role: 'assistant', author: 'backend', text: answerText(i), status: 'complete', createdAt: 0 }
  : { id: `m${i}`, role: 'user', author: 'user', text: `Question ${i}`, status: 'complete', createdAt: 0 };
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => message(from + k));
const snapshot = (messages: ChatMessageRecord[]): HostToWebview => ({
  type: 'snapshot', conversation: { id: 'c1', title: 'Long', updatedAt: 0, messageCount: messages.length }, messages, hasOlder: false, agents, defaultAgent: 'backend', model: 'fake · model',
});
/** Resolves after a few frames and the tasks after them: the window's work for a scroll is done by then. */
const frames = (page: Page, n = 4) => page.evaluate(`new Promise((r) => { let k = ${n}; const step = () => (--k ? requestAnimationFrame(() => setTimeout(step)) : r()); requestAnimationFrame(() => setTimeout(step)); })`);

describe('webview: scrolling back', function () {
  this.timeout(120_000);
  const open = useChatPage();

  it('keeps what the reader looks at in place while older messages come onto the page above it', async () => {
    const page = await open();
    await hostSends(page, snapshot(range(0, 400)));
    await page.locator('[data-message-id="m399"]').waitFor();
    await frames(page);
    let worst = 0;
    let steps = 0;
    for (; steps < 120 && !(await page.locator('[data-message-id="m0"]').count()); steps++) {
      // Scroll up a screen and a half, and note the message at the viewport's top, in the same task.
      const seen = (await page.evaluate(`(() => {
        const t = document.querySelector('.transcript');
        t.scrollTop = Math.max(0, t.scrollTop - t.clientHeight * 1.5);
        const top = t.getBoundingClientRect().top;
        const a = [...t.querySelectorAll('article[data-message-id]')].find((n) => n.getBoundingClientRect().bottom > top + 1);
        return { id: a.dataset.messageId, y: a.getBoundingClientRect().top - top };
      })()`)) as { id: string; y: number };
      await frames(page);
      const now = (await page.evaluate(`(() => {
        const t = document.querySelector('.transcript');
        return document.querySelector('[data-message-id="${seen.id}"]').getBoundingClientRect().top - t.getBoundingClientRect().top;
      })()`)) as number;
      worst = Math.max(worst, Math.abs(now - seen.y));
    }
    console.log(`      ${steps} steps back to the first message; the message read moved by at most ${worst.toFixed(1)} px`);
    assert.ok(await page.locator('[data-message-id="m0"]').count(), 'the first message was reached');
    assert.ok(worst <= 1, `the message at the viewport's top moved by ${worst.toFixed(1)} px while older ones came above it`);
    await page.close();
  });

  it('sanitizes the Markdown of the answers that come onto the page together in one pass', async () => {
    const page = await open();
    await hostSends(page, snapshot(range(0, 400)));
    await page.locator('[data-message-id="m399"]').waitFor();
    await frames(page);
    // The sanitizer parses what it cleans with a DOMParser of its own: one parse per pass. Answers coming on are counted.
    await page.evaluate(`(() => {
      window.__parses = 0;
      window.__answersAdded = 0;
      const parse = DOMParser.prototype.parseFromString;
      DOMParser.prototype.parseFromString = function (...a) { window.__parses++; return parse.apply(this, a); };
      new MutationObserver((list) => list.forEach((m) => m.addedNodes.forEach((n) => { if (n.classList?.contains('assistant')) window.__answersAdded++; })))
        .observe(document.querySelector('.transcript'), { childList: true, subtree: true });
    })()`);
    for (let i = 0; i < 20; i++) {
      await page.evaluate(`(() => { const t = document.querySelector('.transcript'); t.scrollTop = Math.max(0, t.scrollTop - t.clientHeight * 3); })()`);
      await frames(page, 2);
    }
    const { parses, answers } = (await page.evaluate('({ parses: window.__parses, answers: window.__answersAdded })')) as { parses: number; answers: number };
    console.log(`      ${parses} sanitizer passes for ${answers} answers that came onto the page`);
    assert.ok(answers >= 40, `${answers} answers came onto the page`);
    // One by one, every answer here takes a pass at least (some two); together, a pass serves several.
    assert.ok(parses * 3 <= answers * 2, `${parses} sanitizer passes for ${answers} answers (at most two for every three)`);
    await page.close();
  });

  it('shows each answer brought on with others exactly as one brought on alone, raw HTML as text', async () => {
    const answers = range(0, 24).filter((m) => m.role === 'assistant');
    const page = await open();
    await hostSends(page, snapshot(answers));
    // The newest first, then the older ones after the first paint (together, as the window brings them).
    await page.locator(`[data-message-id="${answers[0]!.id}"]`).waitFor();
    const together = await contents(page);
    await page.close();
    const single = await open();
    await hostSends(single, snapshot([]));
    for (const message of answers) await hostSends(single, { type: 'messageAdded', message });
    await single.locator(`[data-message-id="${answers.at(-1)!.id}"]`).waitFor();
    await frames(single, 2);
    const alone = await contents(single);
    assert.equal(await single.evaluate('window.__hacked'), undefined);
    await single.close();
    assert.equal(together.length, answers.length);
    assert.deepEqual(together, alone);
    assert.ok(together.some((html) => html.includes('&lt;img src=x')), 'raw HTML is shown as text');
  });
});

/** Every answer's rendered content on the page, in order. */
function contents(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('article.assistant .content')].map((n) => n.innerHTML)`) as Promise<string[]>;
}
