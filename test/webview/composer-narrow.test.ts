// The composer bar in a narrow sidebar (250 px, as when the view shares the side bar): the agent chip, the model
// picker, the context meter and Send stay on one line, and the model's name keeps enough room to be read.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AgentInfo } from '../../src/core/protocol/messages';
import { hostSends, useChatPage } from './chat-page';

const team: AgentInfo[] = ['orchestrator', 'backend'].map((name) => ({ name, description: `${name} work` }));
const model = 'anthropic · claude-sonnet-4-6';

interface Box {
  top: number;
  bottom: number;
  width: number;
}

function box(page: Page, selector: string): Promise<Box> {
  return page.locator(selector).first().evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, width: r.width };
  });
}

describe('webview: the composer bar in a narrow sidebar', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('keeps the agent chip, the model picker, the meter and Send on one line at 250 px, the model name readable', async () => {
    const page = await open('dark', 250);
    await hostSends(
      page,
      { type: 'snapshot', conversation: { id: 'c1', title: 'Test', updatedAt: 0, messageCount: 0 }, messages: [], hasOlder: false, agents: team, defaultAgent: 'orchestrator', model },
      { type: 'usage', usage: { total: { inputTokens: 3_000, outputTokens: 2_000 }, context: { tokens: 60_000, window: 200_000, limit: 160_000 } } },
    );
    const parts = ['.agent-chip', '.model-picker', '.context-meter', '.composer .send'];
    const boxes = await Promise.all(parts.map((s) => box(page, s)));
    const bar = await box(page, '.composer-bar');
    for (const [i, b] of boxes.entries()) {
      assert.ok(b.top >= bar.top - 1 && b.bottom <= bar.bottom + 1, `${parts[i]} sits inside the bar's one line (${JSON.stringify(b)} in ${JSON.stringify(bar)})`);
    }
    const tallest = Math.max(...boxes.map((b) => b.bottom - b.top));
    assert.ok(bar.bottom - bar.top < tallest * 1.8, `the bar is one line high (${bar.bottom - bar.top} px for items of ${tallest} px)`);
    // Readable: at least half of "anthropic · claude-sonnet-4-6" shows, not a few letters.
    const name = await page.locator('.model-name').evaluate((e) => ({ shown: e.clientWidth, full: e.scrollWidth }));
    assert.ok(name.shown >= name.full / 2, `the model name shows ${name.shown} of its ${name.full} px`);
    // The agent can still be changed from the chip (the picker stays in the bar, focusable, with the agents).
    const picker = page.getByRole('combobox', { name: 'Agent' });
    await picker.selectOption('backend');
    assert.equal(await picker.inputValue(), 'backend');
    await page.close();
  });
});
