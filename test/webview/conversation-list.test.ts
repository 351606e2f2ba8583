// The list of past conversations in a real Chromium: each row says how long ago it was used, and the
// search box narrows the rows by title as you type.
import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../src/core/protocol/messages';
import { hostSends, posted, useChatPage } from './chat-page';

const minute = 60_000;
const ago = (ms: number) => Date.now() - ms;

describe('webview: the conversation list', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('dates each row relative to now, and search narrows the rows by title', async () => {
    const page = await open();
    const month = ago(30 * 24 * 60 * minute);
    const items: ConversationSummary[] = [
      { id: 'c1', title: 'Login endpoint', updatedAt: ago(20_000), messageCount: 4 },
      { id: 'c2', title: 'Fix the LOGIN form', updatedAt: ago(5 * minute), messageCount: 2 },
      { id: 'c3', title: 'Deploy script', updatedAt: ago(3 * 60 * minute), messageCount: 6 },
      { id: 'c4', title: 'Release notes', updatedAt: ago(26 * 60 * minute), messageCount: 8 },
      { id: 'c5', title: 'Flaky tests', updatedAt: ago(4 * 24 * 60 * minute), messageCount: 10 },
      { id: 'c6', title: 'Old idea', updatedAt: month, messageCount: 1 },
    ];
    await hostSends(page, { type: 'conversations', items, activeId: 'c1', open: true });
    const list = page.getByRole('navigation', { name: 'Past conversations' });
    const rows = list.getByRole('listitem');
    const dates = await list.locator('time').allInnerTexts();
    const monthAgo = (await page.evaluate(`new Date(${month}).toLocaleDateString()`)) as string;
    assert.deepEqual(dates, ['just now', '5 min ago', '3 h ago', 'yesterday', '4 days ago', monthAgo]);
    assert.match(await rows.nth(1).innerText(), /5 min ago · 2 messages/);

    const search = list.getByRole('searchbox', { name: 'Search conversations' });
    assert.equal(await page.evaluate('document.activeElement?.className'), 'conversation-search', 'the search box has focus when the list opens');
    await page.keyboard.type('login');
    assert.deepEqual(await list.locator('.conversation-title').allInnerTexts(), ['Login endpoint', 'Fix the LOGIN form'], 'matches any case, anywhere in the title');
    await search.fill('deploy scr');
    assert.deepEqual(await list.locator('.conversation-title').allInnerTexts(), ['Deploy script']);
    await search.fill('nothing like this');
    assert.deepEqual(await rows.allInnerTexts(), ['No conversation matches.']);
    await search.fill('');
    assert.equal(await rows.count(), items.length, 'clearing the search shows every row again');

    await search.fill('release');
    await list.getByRole('button', { name: /Release notes/ }).click();
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'switchConversation'), [{ type: 'switchConversation', id: 'c4' }]);
    assert.ok(await list.isHidden(), 'opening a conversation closes the list');
    await page.close();
  });

  it('builds its rows only while it shows: a list sent while hidden adds nothing to the page', async () => {
    const page = await open();
    const many: ConversationSummary[] = Array.from({ length: 300 }, (_, i) => ({ id: `k${i}`, title: `Conversation ${i}`, updatedAt: ago(i * minute), messageCount: i }));
    const rows = page.locator('nav.conversations li');
    // What the host sends when a new conversation's first question names it: the list, not asking to show it.
    await hostSends(page, { type: 'conversations', items: many, activeId: 'k0' });
    assert.equal(await page.locator('h1.title').innerText(), 'Conversation 0', 'the title follows the list all the same');
    assert.equal(await rows.count(), 0, 'no rows are built for a hidden list');
    await hostSends(page, { type: 'conversations', items: many, activeId: 'k0', open: true });
    assert.equal(await rows.count(), 300, 'opening builds every row from the list last sent');
    // A rename while it shows: the rows follow at once.
    await hostSends(page, { type: 'conversations', items: [{ ...many[0]!, title: 'Renamed' }, ...many.slice(1)], activeId: 'k0' });
    assert.equal(await page.locator('nav.conversations .conversation-title').first().innerText(), 'Renamed');
    await page.keyboard.press('Escape');
    assert.ok(await page.locator('nav.conversations').isHidden());
    assert.equal(await rows.count(), 0, 'closing drops the rows');
    await hostSends(page, { type: 'conversations', items: many.slice(0, 2), activeId: 'k1' });
    assert.equal(await rows.count(), 0);
    await hostSends(page, { type: 'conversations', items: many.slice(0, 2), activeId: 'k1', open: true });
    assert.deepEqual(await page.locator('nav.conversations .conversation-title').allInnerTexts(), ['Conversation 0', 'Conversation 1'], 'the newest list, not the one shown before');
    await page.close();
  });
});
