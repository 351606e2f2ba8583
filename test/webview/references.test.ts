// `#` references in the message box, in a real Chromium, from the keyboard only: the listbox and its
// active option as a screen reader sees them, #file's search answered by the host, the chips (reading as typed,
// named by the stored label, removable by their named buttons) and what a send carries.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, posted, useChatPage } from './chat-page';

const agents = ['orchestrator', 'backend', 'qa'].map((name) => ({ name, description: `${name} work` }));
const snapshot: HostToWebview = {
  type: 'snapshot', conversation: { id: 'c1', title: 'Test', updatedAt: 0, messageCount: 0 }, messages: [], hasOlder: false, agents, defaultAgent: 'backend', model: 'fake · model',
};

async function options(page: Page): Promise<string[]> {
  const list = page.getByRole('listbox', { name: 'Context to attach' });
  if (await list.isHidden()) return [];
  return (await list.getByRole('option').locator('.mention-name').allInnerTexts()).map((t) => t.trim());
}

async function activeOption(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const id = document.querySelector('textarea').getAttribute('aria-activedescendant');
    const option = id ? document.getElementById(id) : null;
    return option && option.getAttribute('aria-selected') === 'true' ? option.querySelector('.mention-name').textContent : '';
  })()`) as Promise<string>;
}

const chips = (page: Page) => page.getByRole('list', { name: 'Attached context' }).getByRole('listitem').allInnerTexts().then((t) => t.map((s) => s.trim()));
const chipNames = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('.attachments li.attachment-chip')].map((n) => n.getAttribute('aria-label') + ' / ' + n.title)`) as Promise<string[]>;
const sends = async (page: Page) => (await posted(page)).filter((m) => m.type === 'send');

describe('webview: # references and attachment chips', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('offers the kinds on #, filters, and picks with Enter or Tab, leaving the text without the reference', async () => {
    const page = await open();
    await hostSends(page, snapshot);
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.focus();
    await page.keyboard.type('Why does this fail? #');
    assert.deepEqual(await options(page), ['#file', '#selection', '#problems', '#terminal']);
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.match((await input.getAttribute('aria-controls')) ?? '', /\breference-list\b/);
    assert.equal(await activeOption(page), '#file');
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeOption(page), '#selection');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await activeOption(page), '#terminal', 'the arrows wrap around');

    await page.keyboard.type('pro');
    assert.deepEqual(await options(page), ['#problems']);
    await page.keyboard.press('Enter');
    assert.deepEqual(await chips(page), ['#problems']);
    assert.equal(await input.inputValue(), 'Why does this fail? ');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');

    await page.keyboard.type('#te');
    await page.keyboard.press('Tab');
    assert.deepEqual(await chips(page), ['#problems', '#terminal']);

    await page.keyboard.type('#');
    await page.keyboard.press('Escape');
    assert.deepEqual(await options(page), []);
    assert.equal(await input.inputValue(), 'Why does this fail? #', 'Esc closes the list and keeps the text');
    await page.keyboard.press('Backspace');

    await page.keyboard.type('#sel');
    await page.keyboard.press('Enter');
    assert.ok((await posted(page)).some((m) => m.type === 'attachSelection'), 'the host is asked for the selection');
    await hostSends(page, { type: 'attachmentAdded', attachment: { kind: 'selection', path: 'src/app.ts', range: { startLine: 2, endLine: 4 } } });
    assert.deepEqual(await chips(page), ['#problems', '#terminal', '#selection src/app.ts:2-4']);
    assert.equal(await page.locator('.attachments [role="status"]').innerText(), 'Attached src/app.ts:2-4');

    await page.keyboard.press('Enter');
    assert.deepEqual(await sends(page), [{
      type: 'send', text: 'Why does this fail?', agent: 'backend',
      attachments: [{ kind: 'problems' }, { kind: 'terminal' }, { kind: 'selection', path: 'src/app.ts', range: { startLine: 2, endLine: 4 } }],
    }]);
    assert.deepEqual(await chips(page), [], 'a sent message takes its chips with it');
    await page.close();
  });

  it('#file searches the workspace through the host and attaches the file picked with the arrows', async () => {
    const page = await open();
    await hostSends(page, snapshot);
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.focus();
    await page.keyboard.type('Explain #fi');
    await page.keyboard.press('Enter');
    assert.equal(await input.inputValue(), 'Explain #file:');
    await page.keyboard.type('app');
    const queries = (await posted(page)).filter((m) => m.type === 'searchFiles').map((m) => m.query);
    assert.deepEqual(queries, ['', 'a', 'ap', 'app']);
    // An answer to an older query is not shown.
    await hostSends(page, { type: 'fileMatches', query: 'ap', paths: ['stale/apple.ts'] });
    assert.deepEqual(await options(page), []);
    await hostSends(page, { type: 'fileMatches', query: 'app', paths: ['src/app.ts', 'test/app.test.ts'] });
    assert.deepEqual(await options(page), ['src/app.ts', 'test/app.test.ts']);
    await page.keyboard.press('ArrowDown');
    assert.equal(await activeOption(page), 'test/app.test.ts');
    await page.keyboard.press('Enter');
    assert.deepEqual(await chips(page), ['#file:test/app.test.ts']);
    assert.equal(await input.inputValue(), 'Explain ');
    await page.keyboard.type('please');
    await page.keyboard.press('Enter');
    assert.deepEqual(await sends(page), [{ type: 'send', text: 'Explain please', agent: 'backend', attachments: [{ kind: 'file', path: 'test/app.test.ts' }] }]);
    await page.close();
  });

  it('shows items the host adds as chips, once each, removable from the keyboard by their named button', async () => {
    const page = await open();
    await hostSends(page, snapshot,
      { type: 'attachmentAdded', attachment: { kind: 'file', path: 'src/app.ts' } },
      { type: 'attachmentAdded', attachment: { kind: 'file', path: 'README.md' } },
      { type: 'attachmentAdded', attachment: { kind: 'file', path: 'src/app.ts' } },
    );
    assert.deepEqual(await chips(page), ['#file:src/app.ts', '#file:README.md']);
    assert.deepEqual(await chipNames(page), ['File: src/app.ts / File: src/app.ts', 'File: README.md / File: README.md'], 'the stored label names each chip and is its tooltip');
    const remove = page.getByRole('button', { name: 'Remove src/app.ts' });
    await remove.focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await chips(page), ['#file:README.md']);
    assert.equal(await page.evaluate(`document.activeElement?.getAttribute('aria-label')`), 'Message', 'focus goes back to the message box');
    assert.equal(await page.locator('.attachments [role="status"]').innerText(), 'Removed src/app.ts');
    await page.keyboard.type('Summarize');
    await page.keyboard.press('Enter');
    assert.deepEqual(await sends(page), [{ type: 'send', text: 'Summarize', agent: 'backend', attachments: [{ kind: 'file', path: 'README.md' }] }]);
    await page.close();
  });
});
