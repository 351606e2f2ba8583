// The chat's design in a real Chromium: who speaks (avatars and colours per agent, one block per turn),
// what happens (progress rows, grouped reads), what changed (the summary row), the approval card, error
// cards by kind, the welcome and the empty chat, and the composer (Send that becomes Stop, chips).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord, ToolCallView } from '../../src/core/protocol/chat-message';
import type { AgentInfo, HostToWebview } from '../../src/core/protocol/messages';
import { hostSends, posted, rgb, styleOf, useChatPage } from './chat-page';
import { themes, type ThemeName } from './themes';

const team: AgentInfo[] = ['orchestrator', 'backend', 'frontend', 'qa', 'devops'].map((name) => ({ name, description: `${name} work` }));
let n = 0;
const answer = (text: string, more: Partial<ChatMessageRecord> = {}): ChatMessageRecord => ({
  id: `a${++n}`, role: 'assistant', author: 'backend', text, status: 'complete', createdAt: 0, ...more,
});
const question = (text: string): ChatMessageRecord => ({ id: `u${++n}`, role: 'user', author: 'user', text, status: 'complete', createdAt: 0 });
const snapshot = (messages: ChatMessageRecord[], more: Partial<Extract<HostToWebview, { type: 'snapshot' }>> = {}): HostToWebview => ({
  type: 'snapshot', conversation: { id: 'c1', title: 'Test', updatedAt: 0, messageCount: messages.length }, messages, hasOlder: false,
  agents: team, defaultAgent: 'orchestrator', model: 'fake · model', ...more,
});
const read = (id: string, path: string, status: ToolCallView['status'] = 'done'): ToolCallView => ({
  id, name: 'read_file', argumentsText: JSON.stringify({ path }), status, summary: `Read ${path} (lines 1-22 of 22)`, lineRange: { start: 1, end: 22, total: 22 }, result: `content of ${path}`,
});
const edit = (id: string, status: ToolCallView['status']): ToolCallView => ({
  id, name: 'edit_file', argumentsText: JSON.stringify({ path: 'src/app.ts' }), status,
  summary: 'Edit src/app.ts (replace 1 line with 6 lines)', diffStat: { path: 'src/app.ts', added: 5, removed: 0 },
});
const expected: Record<string, [icon: string, color: string]> = {
  orchestrator: ['organization', 'charts-purple'], backend: ['server', 'charts-blue'], frontend: ['browser', 'charts-green'], qa: ['beaker', 'charts-orange'], devops: ['rocket', 'charts-yellow'],
};
const sentOf = async (page: Page, type: string) => (await posted(page)).filter((m) => m.type === type);
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('webview: who is speaking', function () {
  this.timeout(60_000);
  const open = useChatPage();

  for (const theme of ['dark', 'light', 'hc'] as ThemeName[]) {
    it(`gives each agent its avatar and its ${theme} chart colour, in headers, mentions and the @ popup`, async () => {
      const page = await open(theme);
      const custom: AgentInfo = { name: 'data-eng', description: 'Pipelines', icon: 'database' };
      const said = Object.keys(expected).map((a) => answer(`Hello from @${a}; ask @qa next.`, { author: a }));
      await hostSends(page, snapshot([question('Hi @backend'), ...said, answer('Rows loaded.', { author: 'data-eng' })], { agents: [...team, custom] }));
      for (const [agent, [icon, chart]] of Object.entries(expected)) {
        const header = `.message[data-author="${agent}"] header`;
        assert.equal(await page.locator(`${header} .avatar .codicon-${icon}`).count(), 1, `${agent} has the ${icon} avatar`);
        const colour = rgb(themes[theme].vars[chart]!);
        assert.equal((await styleOf(page, `${header} .author`, 'color')).color, colour, `${agent}'s name takes ${chart}`);
        assert.equal((await styleOf(page, `${header} .avatar`, 'color')).color, colour, `${agent}'s avatar takes ${chart}`);
      }
      assert.equal(await page.locator('.message[data-author="data-eng"] header .avatar .codicon-database').count(), 1, 'a custom agent shows the icon it chose');
      // Mentions in text take the agent's colour (the person's messages and answers alike).
      assert.equal((await styleOf(page, '.message.user .mention', 'color')).color, rgb(themes[theme].vars['charts-blue']!));
      assert.equal((await styleOf(page, '.message[data-author="devops"] .content .mention:last-child', 'color')).color, rgb(themes[theme].vars['charts-orange']!));
      // The @ popup lists each agent with its avatar, in its colour.
      await page.getByRole('textbox', { name: 'Message' }).click();
      await page.keyboard.type('@');
      const option = page.getByRole('option', { name: /@qa/ });
      assert.equal(await option.locator('.avatar .codicon-beaker').count(), 1);
      assert.equal((await styleOf(page, '#mention-qa .mention-name', 'color')).color, rgb(themes[theme].vars['charts-orange']!));
      await page.close();
    });
  }

  it('shows the rounds of one turn as one block, with a model label and a "handed over by" that goes to the answer', async () => {
    const page = await open();
    const plan = answer('Plan.', { author: 'orchestrator', turnId: 'turn-o', handOff: { agent: 'backend', task: 'do it', state: 'accepted' } });
    const first = answer('Reading.', { turnId: 'turn-b', handedOffBy: 'orchestrator', toolCalls: [read('r1', 'src/app.ts')], meta: { provider: 'anthropic', model: 'claude-x' } });
    const second = answer('Done.', { turnId: 'turn-b', meta: { provider: 'anthropic', model: 'claude-x' } });
    await hostSends(page, snapshot([question('Go'), plan, first, second]));
    assert.equal(await page.locator('.message.continued').count(), 1, 'the second round continues the first one\'s block');
    assert.ok(await page.locator(`[data-message-id="${second.id}"] header`).isHidden(), 'no second header');
    assert.equal(await page.locator(`[data-message-id="${second.id}"]`).getAttribute('role'), 'presentation', 'not a new article for screen readers');
    assert.equal(await text(page, `[data-message-id="${first.id}"] .model-label`), 'claude-x');
    await page.evaluate(`document.querySelector('.transcript').scrollTop = document.querySelector('.transcript').scrollHeight`);
    await page.locator(`[data-message-id="${first.id}"] .handoff`).getByRole('button', { name: '@orchestrator' }).click();
    assert.equal(await page.evaluate('document.activeElement.dataset.messageId'), plan.id, 'the link goes to the answer that handed over');
    await page.close();
  });
});

describe('webview: what is happening and what changed', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('shows tool calls as one-line progress rows, reads grouped, files as links, output one click away', async () => {
    const page = await open();
    const calls = [read('r1', 'src/a.ts'), read('r2', 'src/b.ts'), read('r3', 'src/c.ts'), { ...edit('e1', 'running') }];
    await hostSends(page, snapshot([question('Go'), answer('', { status: 'streaming', createdAt: Date.now() - 3000, toolCalls: calls })]));
    const group = page.locator('details.tool-group');
    assert.equal(await text(page, 'details.tool-group > summary'), 'Read 3 files');
    assert.ok(await group.locator('.tool-call').first().isHidden(), 'folded until asked');
    await page.locator('details.tool-group > summary').click();
    assert.equal(await text(page, '[data-tool-call-id="r1"] .tool-args'), 'Read src/a.ts, lines 1–22');
    assert.equal(await page.locator('[data-tool-call-id="r1"] .tool-state.codicon-check').count(), 1, 'a check when done');
    assert.equal(await page.locator('[data-tool-call-id="e1"] .tool-state.codicon-loading.codicon-modifier-spin').count(), 1, 'a spinner while running');
    await page.locator('[data-tool-call-id="r2"]').getByRole('button', { name: 'src/b.ts' }).click();
    assert.deepEqual(await sentOf(page, 'openFile'), [{ type: 'openFile', path: 'src/b.ts' }]);
    await page.locator('[data-tool-call-id="r3"] .tool-output > summary').click();
    assert.equal(await text(page, '[data-tool-call-id="r3"] .tool-output pre'), 'content of src/c.ts');
    assert.match(await text(page, '.message.assistant .status-label'), /^answering… \d+ s$/, 'the elapsed time while it runs');
    await page.close();
  });

  it('after edits, a summary row names the files with their line counts, with Undo and Review', async () => {
    const page = await open();
    const round1 = answer('', { turnId: 't1', toolCalls: [edit('e1', 'done'), read('r1', 'src/x.ts')] });
    const round2 = answer('Changed it.', { turnId: 't1', undoableChanges: 1 });
    await hostSends(page, snapshot([question('Change it'), round1, round2]));
    assert.equal(await text(page, '.change-summary .change-files'), '1 file changed · src/app.ts +5 −0');
    const row = page.getByRole('group', { name: 'Changed files' });
    await row.getByRole('button', { name: 'Undo 1 change' }).click();
    await row.getByRole('button', { name: 'Review' }).click();
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'undoTurn' || m.type === 'reviewTurn'), [{ type: 'undoTurn', messageId: round2.id }, { type: 'reviewTurn', messageId: round2.id }]);
    await page.close();
  });

  it('the approval card: title with a file link and line counts, Approve with Ctrl+Enter, the reason only after "Reject with feedback…"', async () => {
    const page = await open();
    await hostSends(page, snapshot([question('Change it'), answer('', { status: 'streaming', toolCalls: [edit('e1', 'awaitingApproval')] })]));
    const card = page.locator('.approval-card');
    assert.equal(await text(page, '.approval-card .approval-title'), 'Edit src/app.ts · +5 −0');
    assert.equal(await text(page, '.approval-card .approval-detail'), 'replace 1 line with 6 lines');
    assert.deepEqual(await card.locator('.approval > button:visible').allInnerTexts(), ['Approve', 'Reject', 'Open Diff', 'Reject with feedback…']);
    assert.ok(await card.getByRole('textbox', { name: 'Reason for rejecting' }).isHidden());
    await card.getByRole('button', { name: 'Open Diff' }).click();
    await card.getByRole('button', { name: 'src/app.ts' }).click();
    // Ctrl+Enter in the message box approves; it does not send the draft.
    await page.getByRole('textbox', { name: 'Message' }).fill('a draft');
    await page.keyboard.press('Control+Enter');
    assert.deepEqual(await sentOf(page, 'approveTool'), [{ type: 'approveTool', toolCallId: 'e1', approved: true }]);
    assert.deepEqual(await sentOf(page, 'send'), []);
    await card.getByRole('button', { name: 'Reject with feedback…' }).click();
    const reason = card.getByRole('textbox', { name: 'Reason for rejecting' });
    assert.ok(await reason.evaluate((e) => e === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement), 'the field takes the focus');
    await page.keyboard.type('keep the old greeting');
    await page.keyboard.press('Enter');
    assert.deepEqual((await sentOf(page, 'approveTool')).at(-1), { type: 'approveTool', toolCallId: 'e1', approved: false, reason: 'keep the old greeting' });
    assert.deepEqual(await sentOf(page, 'showDiff'), [{ type: 'showDiff', messageId: `a${n}`, toolCallId: 'e1' }]);
    assert.deepEqual(await sentOf(page, 'openFile'), [{ type: 'openFile', path: 'src/app.ts' }]);
    await page.close();
  });
});

describe('webview: error cards, welcome, empty chat and composer', function () {
  this.timeout(60_000);
  const open = useChatPage();

  it('error cards by kind: a rate limit counts down inside the card with the attempt, Retry now and Cancel; a missing model offers Select Model', async () => {
    const page = await open();
    const waiting = answer('', { status: 'streaming' });
    const missing = answer('', { status: 'error', error: { kind: 'modelNotFound', message: 'Model llama9 not found.' } });
    const limited = answer('', { status: 'error', error: { kind: 'rateLimited', message: 'Rate limited (HTTP 429).', retryAt: Date.now() + 30_000 } });
    await hostSends(page, snapshot([question('A'), missing, question('B'), limited, question('C'), waiting]));
    await hostSends(page, { type: 'retrying', messageId: waiting.id, attempt: 1, maxAttempts: 3, retryAt: Date.now() + 30_000, reason: 'Rate limited (HTTP 429).' });
    const live = page.locator(`[data-message-id="${waiting.id}"] .retry-card`);
    assert.match(await live.locator('.retry-notice').innerText(), /^Retrying in (30|29) s… · attempt 1 of 3$/);
    await live.getByRole('button', { name: 'Retry now' }).click();
    await live.getByRole('button', { name: 'Cancel' }).click();
    const final = page.locator(`[data-message-id="${limited.id}"] .error`);
    assert.equal(await final.getAttribute('data-error-kind'), 'rateLimited');
    assert.match(await final.locator('.countdown').innerText(), /^Retry in (30|29) s\.$/);
    await final.getByRole('button', { name: 'Retry now' }).click();
    await page.locator(`[data-message-id="${missing.id}"] .error`).getByRole('button', { name: 'Select Model' }).click();
    assert.deepEqual((await posted(page)).filter((m) => ['retry', 'stop', 'command'].includes(m.type)), [
      { type: 'retry', messageId: waiting.id }, { type: 'stop' }, { type: 'retry', messageId: limited.id }, { type: 'command', command: 'selectModel' },
    ]);
    // The host sends the waiting request at once: its answer goes on in the same block, the card goes, no second question.
    await hostSends(page, { type: 'textDelta', messageId: waiting.id, seq: 1, text: 'Here it is.' });
    await page.locator(`[data-message-id="${waiting.id}"] .content`).filter({ hasText: 'Here it is.' }).waitFor();
    // Gone with the first words of the answer, not when its 30 s would have run out.
    assert.equal(await live.count(), 0, 'the countdown card goes as soon as the answer goes on');
    assert.equal(await page.locator('.message.user').count(), 3);
    assert.match(await text(page, `[data-message-id="${waiting.id}"] .content`), /^Here it is\.$/);
    await page.close();
  });

  it('the welcome offers a key per provider and says whether Ollama was found; once set up, the empty chat introduces the agents', async () => {
    const page = await open();
    await hostSends(page, snapshot([]), {
      type: 'setup', model: 'auto', setup: { reason: 'No model provider is set up yet.', steps: ['Run `ollama serve`.'], ollama: { found: false, host: 'http://127.0.0.1:11434' } },
    });
    const welcome = page.getByRole('region', { name: 'Welcome to Agent Chat' });
    assert.equal(await welcome.getByRole('heading').innerText(), 'Welcome to Agent Chat');
    assert.ok(await page.locator('.empty-chat').isHidden(), 'no introduction while nothing can answer');
    await welcome.getByRole('button', { name: /Anthropic key/ }).click();
    await welcome.getByRole('button', { name: /OpenAI key/ }).click();
    const ollama = welcome.getByRole('button', { name: /Use Ollama/ });
    assert.match(await ollama.innerText(), /Not running at http:\/\/127\.0\.0\.1:11434/);
    await ollama.click();
    assert.deepEqual((await posted(page)).filter((m) => m.type === 'setApiKey' || m.type === 'command'), [
      { type: 'setApiKey', provider: 'anthropic' }, { type: 'setApiKey', provider: 'openai' }, { type: 'command', command: 'useOllama' },
    ]);
    await hostSends(page, { type: 'setup', setup: undefined, model: 'ollama · llama3.2' });
    const intro = page.getByRole('region', { name: 'Start a conversation' });
    assert.deepEqual(await intro.getByRole('list', { name: 'Agents' }).locator('.agent-name').allInnerTexts(), team.map((a) => `@${a.name}`));
    await intro.getByRole('button', { name: '@qa Write tests for the file I have open' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Message' }).inputValue(), '@qa Write tests for the file I have open');
    assert.equal(await page.getByRole('combobox', { name: 'Agent' }).inputValue(), 'qa');
    assert.deepEqual(await sentOf(page, 'send'), [], 'an example is only put in the box');
    await hostSends(page, { type: 'messageAdded', message: question('Hi') });
    assert.ok(await intro.isHidden(), 'gone once the conversation starts');
    await page.close();
  });

  it('the composer: Send becomes a labelled Stop, the model picker and the active file chip', async () => {
    const page = await open();
    await hostSends(page, snapshot([]), { type: 'activeFile', path: 'src/app.ts' });
    const send = page.locator('.composer .send');
    assert.equal(await send.getAttribute('aria-label'), 'Send');
    await hostSends(page, { type: 'busy', busy: true });
    assert.equal(await send.getAttribute('aria-label'), 'Stop');
    assert.equal((await send.innerText()).trim(), 'Stop', 'a clear Stop, not only an icon');
    await send.click();
    await hostSends(page, { type: 'busy', busy: false });
    assert.equal(await send.getAttribute('aria-label'), 'Send');
    await page.getByRole('button', { name: /^Model: fake · model/ }).click();
    const chip = page.locator('.attachments .active-file');
    assert.equal((await chip.innerText()).trim(), 'app.ts');
    await chip.getByRole('button', { name: 'Do not tell the agents about src/app.ts' }).click();
    assert.equal(await chip.count(), 0);
    assert.deepEqual((await posted(page)).filter((m) => ['stop', 'command', 'shareActiveFile'].includes(m.type)), [
      { type: 'stop' }, { type: 'command', command: 'selectModel' }, { type: 'shareActiveFile', share: false },
    ]);
    // Another file becomes active: it is shared again.
    await hostSends(page, { type: 'activeFile', path: 'src/server.ts' });
    assert.equal((await chip.innerText()).trim(), 'server.ts');
    assert.deepEqual((await sentOf(page, 'shareActiveFile')).at(-1), { type: 'shareActiveFile', share: true });
    const grip = (await styleOf(page, '.composer .input', 'resize')).resize;
    assert.equal(grip, 'none', 'no resize grip');
    await page.close();
  });

  it('a hand-off offered while the page is open can count down (by setting) and Cancel; its line is not repeated in the text', async () => {
    const page = await open();
    const offering = answer('Done.\n\n→ @qa: cover the 400 path', { author: 'backend', status: 'streaming', handOff: undefined });
    await hostSends(page, snapshot([question('Go'), offering], { handOffCountdownSeconds: 30 }));
    await hostSends(page, { type: 'messageCompleted', message: { ...offering, status: 'complete', handOff: { agent: 'qa', task: 'cover the 400 path', state: 'offered' } } });
    const chip = page.locator('.handoff-offer');
    assert.match(await chip.locator('.handoff-countdown').innerText(), /^Runs in (30|29) s$/);
    assert.equal(await text(page, `[data-message-id="${offering.id}"] .content`), 'Done.', 'the chip shows the hand-off, the text does not');
    await chip.getByRole('button', { name: 'Cancel' }).click();
    assert.deepEqual(await sentOf(page, 'dismissHandOff'), [{ type: 'dismissHandOff', messageId: offering.id }]);
    // With a short countdown nobody cancels, it runs by itself.
    const next = answer('Again.\n→ @qa: and the 500 path', { author: 'backend', status: 'streaming' });
    await hostSends(page, snapshot([question('Go'), next], { handOffCountdownSeconds: 1 }));
    await hostSends(page, { type: 'messageCompleted', message: { ...next, status: 'complete', handOff: { agent: 'qa', task: 'and the 500 path', state: 'offered' } } });
    await page.waitForFunction(`window.__posted.some((m) => m.type === 'runHandOff')`, undefined, { timeout: 8000 });
    assert.deepEqual(await sentOf(page, 'runHandOff'), [{ type: 'runHandOff', messageId: next.id }]);
    await page.close();
  });
});
