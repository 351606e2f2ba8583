// The chat page as a user meets it, in a real Chromium with each theme's colours: what is coloured,
// bordered and focused, what the error cards and the hand-off chip offer, what the composer sends,
// and where the view goes when a message is sent or an approval waits out of sight.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord, ToolCallView } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, posted, rgb, styleOf, useChatPage } from './chat-page';
import { themes, type ThemeName } from './themes';

const agents = ['orchestrator', 'backend', 'frontend', 'qa', 'devops'].map((name) => ({ name, description: `${name} work` }));
let n = 0;
const answer = (text: string, more: Partial<ChatMessageRecord> = {}): ChatMessageRecord => ({
  id: `a${++n}`, role: 'assistant', author: 'backend', text, status: 'complete', createdAt: 0, ...more,
});
const question = (text: string): ChatMessageRecord => ({ id: `u${++n}`, role: 'user', author: 'user', text, status: 'complete', createdAt: 0 });
const snapshot = (messages: ChatMessageRecord[]): HostToWebview => ({
  type: 'snapshot', conversation: { id: 'c1', title: 'Test', updatedAt: 0, messageCount: messages.length }, messages, hasOlder: false, agents, defaultAgent: 'orchestrator', model: 'fake · model',
});
const awaiting: ToolCallView = { id: 't1', name: 'edit_file', argumentsText: '{}', status: 'awaitingApproval', summary: 'Edit src/app.ts (replace 1 line)' };

async function until(page: Page, script: string, what: string): Promise<void> {
  await page.waitForFunction(script, undefined, { timeout: 8000 }).catch(() => assert.fail(`timed out waiting for ${what}`));
}

describe('webview: the chat page in each theme', function () {
  this.timeout(60_000);
  const open = useChatPage();

  for (const theme of ['dark', 'light', 'hc'] as ThemeName[]) {
    it(`colours code keywords with the ${theme} theme's token colours`, async () => {
      const page = await open(theme);
      await hostSends(page, snapshot([answer('```ts\nimport { a } from "b";\nconst x = 1;\nexport function f() { return x; }\n```')]));
      const seen = (await page.evaluate(`[...document.querySelectorAll('.hljs-keyword')].map((k) => [k.textContent, getComputedStyle(k).color])`)) as [string, string][];
      assert.deepEqual(seen.map(([k]) => k), ['import', 'from', 'const', 'export', 'function', 'return']);
      const plain = (await styleOf(page, 'pre code', 'color')).color;
      for (const [keyword, color] of seen) {
        assert.equal(color, rgb(themes[theme].vars['debugTokenExpression-boolean']!), `${keyword} takes the theme's colour`);
        assert.notEqual(color, plain, `${keyword} is not plain text`);
      }
      await page.close();
    });
  }

  it('keeps table cells\' words whole and lets a wide table scroll sideways', async () => {
    const page = await open('dark', 300);
    const table = '| Task | Effort | Owner | Notes |\n| --- | --- | --- | --- |\n| Internationalization | Considerable | Infrastructure | Straightforward afterwards |\n| Login | Small | Backend | None |';
    await hostSends(page, snapshot([answer(table)]));
    const layout = (await page.evaluate(`(() => {
      const broken = [];
      for (const cell of document.querySelectorAll('.markdown td, .markdown th')) {
        const text = cell.firstChild; if (!text || text.nodeType !== 3) continue;
        for (const m of text.data.matchAll(/\\S+/g)) {
          const r = document.createRange(); r.setStart(text, m.index); r.setEnd(text, m.index + m[0].length);
          if (r.getClientRects().length !== 1) broken.push(m[0]);
        }
      }
      const t = document.querySelector('.markdown table');
      return { broken, scrolls: t.scrollWidth > t.clientWidth, pageWidth: document.documentElement.scrollWidth, view: innerWidth };
    })()`)) as { broken: string[]; scrolls: boolean; pageWidth: number; view: number };
    assert.deepEqual(layout.broken, [], 'no word is split across lines');
    assert.ok(layout.scrolls, 'the table scrolls sideways');
    assert.ok(layout.pageWidth <= layout.view, 'the page itself does not widen');
    await page.close();
  });

  it('in High Contrast, Approve, Reject and Send have a visible border and focus uses the theme\'s focus colour', async () => {
    const page = await open('hc');
    await hostSends(page, snapshot([question('Change it'), answer('', { status: 'streaming', toolCalls: [awaiting] })]));
    const border = rgb(themes.hc.vars.contrastBorder!);
    for (const selector of ['.approval .approve', '.approval .reject', '.composer .send']) {
      const s = await styleOf(page, selector, 'border-top-width', 'border-top-style', 'border-top-color');
      assert.deepEqual(s, { 'border-top-width': '1px', 'border-top-style': 'solid', 'border-top-color': border }, selector);
    }
    const focus = rgb(themes.hc.vars.focusBorder!);
    await page.keyboard.press('Tab'); // Keyboard use: the page now shows focus as it would for a keyboard user.
    await page.getByRole('button', { name: 'Reject with feedback…' }).focus();
    await page.keyboard.press('Enter');
    for (const selector of ['.reject-reason', '.transcript']) {
      await page.evaluate(`document.querySelector(${JSON.stringify(selector)}).focus()`);
      const s = await styleOf(page, selector, 'outline-color', 'outline-style');
      assert.deepEqual(s, { 'outline-color': focus, 'outline-style': 'solid' }, selector);
    }
    // The message box is one bordered box (text area and buttons): the box shows the focus, in the theme's colour.
    await page.evaluate(`document.querySelector('.composer .input').focus()`);
    assert.deepEqual(await styleOf(page, '.composer-box', 'border-top-color', 'border-top-style'), { 'border-top-color': focus, 'border-top-style': 'solid' }, '.composer-box');
    await page.close();
  });
});

describe('webview: what the chat says and offers', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('shows a rejected call as "Rejected: <the user\'s reason>", not the text meant for the model', async () => {
    const page = await open();
    const modelText = 'The user rejected this action (Edit b.txt); nothing was changed. Reason: keep b as it is. Do not retry the same action unless the user asks for it.';
    const rejected = (id: string, extra: Partial<ToolCallView>): ToolCallView => ({ id, name: 'edit_file', argumentsText: '{}', status: 'rejected', result: modelText, summary: 'Rejected: Edit b.txt', ...extra });
    await hostSends(page, snapshot([answer('', { toolCalls: [rejected('t1', { rejectedReason: 'keep b as it is' }), rejected('t2', {}), rejected('t3', { rejectedReason: '' })] })]));
    const shown = (await page.evaluate(`[...document.querySelectorAll('.tool-call .tool-result')].map((e) => e.textContent)`)) as string[];
    assert.deepEqual(shown, ['Rejected: keep b as it is', 'Rejected: keep b as it is', 'Rejected']);
    assert.ok(!(await page.locator('.transcript').innerText()).includes('Do not retry'));
    await page.close();
  });

  it('a 401 offers Set API Key and Switch Provider (no Retry) and names no command', async () => {
    const page = await open();
    const error = { kind: 'auth' as const, message: 'Anthropic did not accept the API key (HTTP 401). Anthropic said: invalid x-api-key', hint: 'Run "Agent Chat: Set API Key" to store a valid Anthropic key.' };
    await hostSends(page, snapshot([question('Hi'), answer('', { status: 'error', error })]));
    const card = page.locator('.error');
    assert.deepEqual(await card.getByRole('button').allInnerTexts(), ['Set API Key', 'Switch Provider']);
    assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 0);
    assert.doesNotMatch(await card.innerText(), /Agent Chat:/);
    await card.getByRole('button', { name: 'Set API Key' }).click();
    await card.getByRole('button', { name: 'Switch Provider' }).click();
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'command'), [{ type: 'command', command: 'setApiKey' }, { type: 'command', command: 'selectModel' }]);
    await page.close();
  });

  it('an overloaded notice keeps its sentences apart and offers Retry', async () => {
    const page = await open();
    const error = { kind: 'overloaded' as const, message: 'Anthropic is overloaded or failed (HTTP 529). Anthropic said: Overloaded', hint: 'This is usually temporary: retry in a moment.' };
    await hostSends(page, snapshot([question('Hi'), answer('', { status: 'error', error })]));
    const text = (await page.locator('.error .error-text').textContent())!.replace(/\s+/g, ' ').trim();
    assert.equal(text, 'Anthropic is overloaded or failed (HTTP 529). Anthropic said: Overloaded. This is usually temporary: retry in a moment.');
    assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 1);
    await page.locator('.error').getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'retry'), [{ type: 'retry', messageId: `a${n}` }]);
    await page.close();
  });

  it('a rate limit counts down while waiting and leaves nothing stale once the answer ends', async () => {
    const page = await open();
    const waiting = answer('', { status: 'streaming' });
    await hostSends(page, snapshot([question('Hi'), waiting]));
    await hostSends(page, { type: 'retrying', messageId: waiting.id, attempt: 1, retryAt: Date.now() + 2900, reason: 'Rate limited (HTTP 429).' });
    const notice = page.locator('.retry-notice');
    assert.match(await notice.innerText(), /Retrying in [23] s…/);
    await notice.filter({ hasText: 'Retrying in 1 s…' }).waitFor();
    await notice.waitFor({ state: 'detached' });
    const error = { kind: 'rateLimited' as const, message: 'Rate limited (HTTP 429).', hint: 'Retry in 3 s.', retryAt: Date.now() + 2900 };
    await hostSends(page, { type: 'retrying', messageId: waiting.id, attempt: 2, retryAt: Date.now() + 60_000, reason: 'Rate limited.' });
    await hostSends(page, { type: 'messageCompleted', message: { ...waiting, status: 'error', error } });
    assert.equal(await notice.count(), 0, 'the finished answer has no "Retrying…" left');
    const countdown = page.locator('.error .countdown');
    assert.match(await countdown.innerText(), /^Retry in [23] s\.$/);
    await countdown.filter({ hasText: 'Retry in 1 s.' }).waitFor();
    await countdown.waitFor({ state: 'detached' });
    assert.doesNotMatch(await page.locator('.error').innerText(), /Retry in/);
    await page.close();
  });

  it('offers a hand-off as a chip with Run now and Dismiss, and nothing once it is decided', async () => {
    const page = await open();
    const offering = answer('Done.\n→ @backend: implement the endpoint', { author: 'orchestrator', handOff: { agent: 'backend', task: 'implement the endpoint', state: 'offered' } });
    await hostSends(page, snapshot([question('Plan it'), offering]));
    const chip = page.locator('.handoff-offer');
    assert.equal((await chip.locator('.handoff-chip').innerText()).replace(/\s+/g, ' ').trim(), '@backend · implement the endpoint');
    await chip.getByRole('button', { name: 'Run now' }).click();
    await chip.getByRole('button', { name: 'Dismiss' }).click();
    assert.deepEqual((await posted(page)).filter((m) => /HandOff$/.test(m.type)), [{ type: 'runHandOff', messageId: offering.id }, { type: 'dismissHandOff', messageId: offering.id }]);
    await hostSends(page, { type: 'messageCompleted', message: { ...offering, handOff: { ...offering.handOff!, state: 'accepted' } } });
    assert.equal(await chip.count(), 0);
    await page.close();
  });

  it('keeps the addressed agent beside the text: the picker follows a typed mention, the text goes without it', async () => {
    const page = await open();
    await hostSends(page, snapshot([]));
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.click();
    await page.keyboard.type('@qa cover the 400 path');
    assert.equal(await page.getByRole('combobox', { name: 'Agent' }).inputValue(), 'qa');
    await page.keyboard.press('Enter');
    await input.fill('And the 500 one');
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Agent' }).selectOption('backend');
    await input.fill('ask @frontend and @qa to agree');
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'send'), [
      { type: 'send', text: 'cover the 400 path', agent: 'qa' },
      { type: 'send', text: 'And the 500 one', agent: 'qa' },
      { type: 'send', text: 'ask @frontend and @qa to agree', agent: 'frontend' },
    ]);
    await page.close();
  });

  it('on the setup screen, sending keeps the draft and says what is missing; the screen shows code as code', async () => {
    const page = await open();
    await hostSends(page, snapshot([]), {
      type: 'setup', model: 'auto',
      setup: { reason: 'No model provider is set up yet.', steps: ['Set a key, or start VS Code with `ANTHROPIC_API_KEY` set.', 'Or run Ollama (`ollama serve`).'] },
    });
    const setup = page.locator('.setup');
    await setup.getByText('Other ways').click();
    assert.doesNotMatch(await setup.innerText(), /`/);
    assert.deepEqual(await setup.locator('code').allInnerTexts(), ['ANTHROPIC_API_KEY', 'ollama serve']);
    assert.deepEqual((await setup.getByRole('button').allInnerTexts()).map((t) => t.split('\n')[0]), ['Anthropic key', 'OpenAI key', 'Use Ollama']);
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('Summarize README.md');
    await page.keyboard.press('Enter');
    assert.equal(await input.inputValue(), 'Summarize README.md');
    assert.match(await page.locator('.composer-note').innerText(), /no model provider is set up/i);
    // The host found a provider after all: the message shows up, and only then the box clears.
    await hostSends(page, { type: 'messageAdded', message: question('Summarize README.md') });
    assert.equal(await input.inputValue(), '');
    assert.ok(await page.locator('.composer-note').isHidden());
    await page.close();
  });

  it('the welcome offers a model VS Code already has only when it has one, and links to the walkthrough', async () => {
    const page = await open();
    const setup = (vscodeModels?: number): HostToWebview => ({
      type: 'setup', model: 'auto', setup: { reason: 'No model provider is set up yet.', steps: [], ...(vscodeModels === undefined ? {} : { vscodeModels }) },
    });
    const welcome = page.getByRole('region', { name: 'Welcome to Agent Chat' });
    const labels = async () => (await welcome.getByRole('button').allInnerTexts()).map((t) => t.split('\n')[0]);
    await hostSends(page, snapshot([]), setup());
    assert.deepEqual(await labels(), ['Anthropic key', 'OpenAI key', 'Use Ollama'], 'no VS Code models: no button for them');
    await hostSends(page, setup(0));
    assert.deepEqual(await labels(), ['Anthropic key', 'OpenAI key', 'Use Ollama']);
    await hostSends(page, setup(2));
    const vscodeModel = welcome.getByRole('button', { name: /Use a model from VS Code/ });
    assert.match(await vscodeModel.innerText(), /2 available/);
    await vscodeModel.click();
    // The walkthrough is a link, reachable from the keyboard.
    const walkthrough = welcome.getByRole('link', { name: /walkthrough/ });
    await walkthrough.focus();
    await page.keyboard.press('Enter');
    const commands = (await posted(page)).filter((m) => m.type === 'command');
    assert.deepEqual(commands, [{ type: 'command', command: 'useVscodeModel' }, { type: 'command', command: 'openWalkthrough' }]);
    await page.close();
  });

  it('a code block whose lines are cut off says so and can wrap them; one that fits does not', async () => {
    const page = await open('dark', 360);
    const long = `const message = "${'a long string that does not fit '.repeat(4)}";`;
    const medium = `const greeting = "hello, world, from a line of about ninety characters";`;
    await hostSends(page, snapshot([answer(`\`\`\`ts\n${long}\n\`\`\`\n\nShort:\n\n\`\`\`ts\nconst x = 1;\n\`\`\`\n\nMedium:\n\n\`\`\`ts\n${medium}\n\`\`\`\n`)]));
    const blocks = page.locator('.md-code');
    await until(page, `document.querySelectorAll('.md-code[data-cut]').length === 2`, 'the cut-off blocks to be marked');
    const wrap = (i: number) => blocks.nth(i).getByRole('button', { name: 'Wrap Long Lines' });
    assert.deepEqual([await wrap(0).isVisible(), await wrap(1).isVisible(), await wrap(2).isVisible()], [true, false, true], 'the hint only where lines are cut off');
    const cut = (i: number) => blocks.nth(i).locator('pre').evaluate((pre) => pre.scrollWidth > pre.clientWidth);
    await wrap(0).focus();
    await page.keyboard.press('Enter');
    assert.equal(await wrap(0).getAttribute('aria-pressed'), 'true');
    assert.equal(await cut(0), false, 'wrapped: nothing is cut off');
    assert.equal(await blocks.nth(0).locator('pre').textContent(), long, 'wrapping changes only how the code is shown');
    await page.setViewportSize({ width: 1400, height: 640 });
    await until(page, `!document.querySelectorAll('.md-code')[2].hasAttribute('data-cut')`, 'the widened view to drop the hint');
    assert.equal(await wrap(0).isVisible(), true, 'a wrapped block keeps its toggle to unwrap it');
    await wrap(0).click();
    assert.equal(await cut(0), false, 'unwrapped in a wide view, the line fits');
    await page.close();
  });

  it('sending scrolls to the new message, and an approval out of sight shows a bar that acts on it', async () => {
    const page = await open();
    const long = Array.from({ length: 12 }, (_, i) => [question(`Question ${i}`), answer(`Answer ${i}\n\n${'Some text. '.repeat(30)}`)]).flat();
    await hostSends(page, snapshot([...long, question('Change it'), answer('', { status: 'streaming', toolCalls: [awaiting] })]));
    const bar = page.getByRole('region', { name: 'Waiting for your approval' });
    assert.ok(await bar.isHidden(), 'the approval is in view');
    await page.evaluate(`document.querySelector('.transcript').scrollTop = 0`);
    await bar.waitFor();
    assert.match(await bar.innerText(), /Edit src\/app\.ts \(replace 1 line\) waits for your approval/);
    await bar.getByRole('button', { name: 'Show' }).click();
    await bar.waitFor({ state: 'hidden' });
    await page.evaluate(`document.querySelector('.transcript').scrollTop = 0`);
    await bar.getByRole('button', { name: 'Approve' }).click();
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'approveTool'), [{ type: 'approveTool', toolCallId: 't1', approved: true }]);
    await page.evaluate(`document.querySelector('.transcript').scrollTop = 0`);
    await hostSends(page, { type: 'messageAdded', message: question('One more thing') });
    await until(page, `(() => { const t = document.querySelector('.transcript'); return t.scrollHeight - t.scrollTop - t.clientHeight < 2; })()`, 'the view to reach the new message');
    await page.close();
  });
});
