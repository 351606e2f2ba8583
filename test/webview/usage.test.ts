// What answers cost, in a real Chromium: each finished answer's usage line (short, the breakdown on hover
// and on keyboard focus, `data-input-tokens` / `data-output-tokens`), no price for an unknown model, the
// conversation's running total and the context meter in the composer, and the compaction marker row.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord } from '../../src/core/protocol/chat-message';
import type { AgentInfo, ConversationUsage, HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, rgb, styleOf, useChatPage } from './chat-page';
import { themes } from './themes';

const team: AgentInfo[] = [{ name: 'backend', description: 'server work' }];
const snapshot = (messages: ChatMessageRecord[], usage?: ConversationUsage): HostToWebview => ({
  type: 'snapshot', conversation: { id: 'c1', title: 'Test', updatedAt: 0, messageCount: messages.length }, messages, hasOlder: false,
  agents: team, defaultAgent: 'backend', model: 'fake · model', ...(usage ? { usage } : {}),
});
const question: ChatMessageRecord = { id: 'u1', role: 'user', author: 'user', text: 'What does app.ts do?', status: 'complete', createdAt: 0 };
const priced: ChatMessageRecord = {
  id: 'a1', role: 'assistant', author: 'backend', text: 'It starts the server.', status: 'complete', createdAt: 0, turnId: 'a1',
  meta: { model: 'claude-sonnet-4-6', usage: { inputTokens: 700, outputTokens: 50 }, turnUsage: { inputTokens: 700, outputTokens: 50, cacheReadTokens: 12_000, cacheWriteTokens: 300 }, cost: 0.0123 },
};
const unpriced: ChatMessageRecord = {
  id: 'a2', role: 'assistant', author: 'backend', text: 'Local answer.', status: 'complete', createdAt: 0, turnId: 'a2',
  meta: { model: 'my-own-model', turnUsage: { inputTokens: 40, outputTokens: 8 } },
};
const shown = async (page: Page, selector: string) => ((await page.locator(selector).first().innerText()) ?? '').replace(/\s+/g, ' ').trim();

describe('webview: usage and cost', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('shows a short usage line under a finished answer, and the breakdown on hover and on keyboard focus', async () => {
    const page = await open();
    await hostSends(page, snapshot([question, priced, unpriced]));
    const article = page.locator('article[data-message-id="a1"]');
    assert.equal(await article.getAttribute('data-input-tokens'), String(700 + 12_000 + 300), 'every prompt token, cached or not');
    assert.equal(await article.getAttribute('data-output-tokens'), '50');
    const line = '[data-message-id="a1"] .usage-line';
    assert.equal(await shown(page, line), '13K in · 50 out · $0.012');
    await page.hover(line);
    assert.equal(await shown(page, line), '13,000 in · 50 out · 12,000 read from cache · 300 written to cache · 700 uncached · $0.012', 'the breakdown on hover');
    await page.mouse.move(0, 0);
    assert.equal(await shown(page, line), '13K in · 50 out · $0.012', 'short again when the pointer leaves');
    await page.focus(line);
    assert.match(await shown(page, line), /12,000 read from cache/, 'the breakdown on keyboard focus');
    assert.match((await page.getAttribute(line, 'aria-label')) ?? '', /^Tokens for this answer \(claude-sonnet-4-6\): 13,000 in .* 12,000 read from cache .* \$0\.012$/);
    // An unknown model: tokens, never a price.
    const other = '[data-message-id="a2"] .usage-line';
    assert.equal(await shown(page, other), '40 in · 8 out');
    assert.doesNotMatch((await page.getAttribute(other, 'aria-label')) ?? '', /\$/);
    assert.match((await page.getAttribute(other, 'aria-label')) ?? '', /price unknown$/);
    await page.close();
  });

  it('adds the usage only once an answer has finished, and only on the turn\'s last round', async () => {
    const page = await open();
    // Even a record that already carries usage shows none while it streams (the figures are not final).
    const streaming: ChatMessageRecord = { ...priced, id: 'a3', text: '', status: 'streaming' };
    await hostSends(page, snapshot([question]), { type: 'messageAdded', message: streaming });
    const article = page.locator('article[data-message-id="a3"]');
    assert.equal(await article.getAttribute('data-input-tokens'), null);
    assert.equal(await page.locator('[data-message-id="a3"] .usage-line').count(), 0);
    await hostSends(page, { type: 'messageCompleted', message: { ...priced, id: 'a3' } });
    await page.locator('[data-message-id="a3"] .usage-line').waitFor();
    assert.equal(await article.getAttribute('data-output-tokens'), '50');
    const round: ChatMessageRecord = { ...priced, id: 'a4', meta: { usage: { inputTokens: 1, outputTokens: 1 } } };
    await hostSends(page, { type: 'messageAdded', message: round });
    assert.equal(await page.locator('[data-message-id="a4"] .usage-line').count(), 0, 'a round without the turn\'s usage has no line');
    await page.close();
  });

  it('shows the conversation\'s running total and the context meter in the composer, and updates them', async () => {
    const page = await open('dark');
    const usage: ConversationUsage = {
      total: { inputTokens: 2_000, outputTokens: 1_500, cacheReadTokens: 40_000 }, cost: 0.25, costPartial: true,
      context: { tokens: 60_000, window: 200_000, limit: 160_000 },
    };
    await hostSends(page, snapshot([question, priced], usage));
    const total = page.locator('.usage-total');
    assert.equal(await shown(page, '.usage-total'), 'Σ 43.5K tokens · ≥ $0.25');
    assert.equal(await total.getAttribute('data-input-tokens'), '42000');
    assert.equal(await total.getAttribute('data-output-tokens'), '1500');
    assert.match((await total.getAttribute('aria-label')) ?? '', /^This conversation so far: 42,000 in · 1,500 out · 40,000 read from cache .*\(some answers have no known price\)$/);
    const meter = page.locator('.context-meter');
    assert.equal(await shown(page, '.context-meter'), '30% context');
    assert.equal(await meter.getAttribute('aria-valuenow'), '60000');
    assert.equal(await meter.getAttribute('aria-valuemax'), '200000');
    assert.match((await meter.getAttribute('aria-valuetext')) ?? '', /Next request ≈ 60,000 of 200,000 tokens .* compacts above 160,000/);
    const normal = (await styleOf(page, '.context-meter', 'color')).color;
    // The next answer: the host posts the new total and reading; near the limit the meter warns.
    await hostSends(page, { type: 'usage', usage: { total: { inputTokens: 3_000, outputTokens: 2_000 }, context: { tokens: 150_000, window: 200_000, limit: 160_000 } } });
    assert.equal(await shown(page, '.usage-total'), 'Σ 5,000 tokens', 'no price known: tokens only');
    assert.equal(await shown(page, '.context-meter'), '75% context');
    assert.equal(await meter.getAttribute('class'), 'context-meter near-limit');
    const warning = (await styleOf(page, '.context-meter', 'color')).color;
    assert.equal(warning, rgb(themes.dark.vars['editorWarning-foreground']!));
    assert.notEqual(warning, normal);
    await hostSends(page, { type: 'usage', usage: {} });
    assert.ok(await total.isHidden() && await meter.isHidden(), 'nothing to show in a new chat');
    await page.close();
  });

  it('marks where the summary starts as its own row, not an answer, with the summary one click away', async () => {
    const page = await open();
    const marker: ChatMessageRecord = {
      id: 's1', role: 'assistant', author: 'backend', text: '', status: 'complete', createdAt: 0,
      compaction: { summary: 'The user asked about app.ts; it starts the server.', upTo: 'a1', messages: 2 }, meta: { model: 'claude-haiku-4-5' },
    };
    await hostSends(page, snapshot([question, priced, marker]));
    const row = page.locator('article[data-message-id="s1"]');
    assert.equal(await row.getAttribute('class'), 'message compaction-marker', 'its own kind: not an answer');
    assert.equal(await page.locator('article.assistant').count(), 1, 'answer counts leave it out');
    assert.equal(await row.getAttribute('aria-label'), 'Earlier messages summarised');
    assert.ok(await row.locator('header').isHidden(), 'no speaker header');
    assert.equal(await shown(page, '[data-message-id="s1"] .compaction-row'), 'Earlier messages summarised · from here on the model reads a summary instead of the 2 messages above (you still see them all).');
    const summary = row.locator('.compaction-summary');
    assert.ok(await summary.isHidden(), 'the summary is folded');
    await row.getByText('Earlier messages summarised').click();
    assert.ok(await summary.isVisible());
    assert.equal(await summary.innerText(), 'The user asked about app.ts; it starts the server.');
    await page.close();
  });
});
