// Conversation history in the real workbench: it survives a window reload, an answer cut off by a crashed
// extension host comes back marked interrupted with the text checkpointed so far, and the conversation list
// switches between and deletes conversations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeServer, type FakeServer } from '../fakes/server';
import {
  answerCount,
  answers,
  chatFrame,
  chatTitle,
  conversationItems,
  conversationRow,
  messages,
  openChatWhenReady,
  send,
  settledAnswer,
  showConversations,
  viewTitleAction,
} from './chat-page';
import { drainReplies } from './anthropic-requests';
import { reloadWindow, runCommand, timeouts, useWorkbench } from './harness';
import { extensionHostPids, processExists } from './host-processes';

/** Polls `check` every 100 ms until it returns a value (not undefined), or throws `what` after `timeout`. */
async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeout: number = timeouts.ui): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The extension's history folders under the server's user data (one per workspace, in its global storage). */
function historyFolders(userDataDir: string): string[] {
  const root = path.join(userDataDir, 'User', 'globalStorage', 'agent-chat.agent-chat', 'history');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root).map((key) => path.join(root, key));
}

/** The text of the checkpoint records saved for `messageId`, if any was written yet. */
function checkpointsOf(userDataDir: string, messageId: string): string[] {
  const found: string[] = [];
  for (const dir of historyFolders(userDataDir)) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
        if (!line.includes(messageId) || !line.includes('"checkpoint"')) continue;
        try {
          const record = JSON.parse(line) as { t?: string; messageId?: string; text?: string };
          if (record.t === 'checkpoint' && record.messageId === messageId) found.push(record.text ?? '');
        } catch {
          // A line being written right now.
        }
      }
    }
  }
  return found;
}

/** The answer's text as its checkpoints on disk spell it (each writes `text` at offset `from`). */
function checkpointedText(userDataDir: string, messageId: string): string {
  let text = '';
  for (const dir of historyFolders(userDataDir)) {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
        if (!line.includes(messageId) || !line.includes('"checkpoint"')) continue;
        const record = JSON.parse(line) as { t?: string; messageId?: string; from?: number; text?: string };
        if (record.t === 'checkpoint' && record.messageId === messageId) text = text.slice(0, record.from ?? 0) + (record.text ?? '');
      }
    }
  }
  return text;
}

describe('conversation history in the workbench', () => {
  const fake: { server?: FakeServer } = {};
  const settings: Record<string, unknown> = { 'agentChat.provider': 'anthropic', 'agentChat.maxRetries': 0 };
  before(async () => {
    fake.server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = fake.server.url;
  });
  const wb = useWorkbench({ name: 'history', settings, env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret' } });
  after(() => fake.server?.close());
  const server = () => fake.server!;
  // After a failure: stop any answer and drop unused replies, so the next test starts clean.
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await runCommand(wb().page, 'Agent Chat: Stop').catch(() => undefined);
    await drainReplies(server());
  });

  it('keeps the conversation and both messages across a window reload', async () => {
    const { page } = wb();
    let chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    server().enqueue({ tokens: ['I will ', 'remember ', 'the number 4711.'] });
    await send(chat, 'Please remember the number 4711');
    const { answer } = await settledAnswer(chat, first);
    const answerId = await answer.getAttribute('data-message-id');
    const title = (await chatTitle(chat).innerText()).trim();
    assert.match(title, /remember the number 4711/);

    await reloadWindow(page);
    chat = await openChatWhenReady(page);
    const again = answers(chat).and(chat.locator(`[data-message-id="${answerId}"]`));
    await again.waitFor({ state: 'attached', timeout: timeouts.ui });
    assert.equal((await chatTitle(chat).innerText()).trim(), title);
    assert.equal(await again.getAttribute('data-status'), 'complete');
    assert.equal((await again.locator('.content').innerText()).trim(), 'I will remember the number 4711.');
    const question = messages(chat).filter({ has: chat.locator('.content', { hasText: 'Please remember the number 4711' }) });
    assert.equal(await question.count(), 1, 'the question is shown once');
    assert.equal(await question.getAttribute('data-author'), 'user');
  });

  it('an answer cut off by a crashed extension host comes back interrupted, with the text saved so far', async () => {
    const { page, server: vscodeServer } = wb();
    let chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    const tokens = Array.from({ length: 100 }, (_, i) => `k${i} `);
    const full = tokens.join('');
    const requestsBefore = server().chatRequests().length;
    server().enqueue({ tokens, tokenDelayMs: 100 });
    await send(chat, 'Stream a long answer slowly');
    const streaming = answers(chat).nth(first);
    await streaming.locator('.content').filter({ hasText: 'k3 ' }).waitFor({ state: 'attached' });
    const messageId = (await streaming.getAttribute('data-message-id'))!;
    assert.ok(messageId);

    // About 4 s into the answer (a token per 100 ms), and once a checkpoint is on disk (one is due every ~2 s).
    await streaming.locator('.content').filter({ hasText: 'k40 ' }).waitFor({ state: 'attached' });
    await until('a checkpoint of the streaming answer on disk', () => (checkpointsOf(vscodeServer.userDataDir, messageId).length ? true : undefined));
    assert.equal(await streaming.getAttribute('data-status'), 'streaming', 'still streaming when the host dies');

    const hosts = extensionHostPids(vscodeServer.pid);
    assert.equal(hosts.length, 1, `one extension host below the server (pid ${vscodeServer.pid}): ${JSON.stringify(hosts)}`);
    process.kill(hosts[0]!, 'SIGKILL');
    await until('the extension host to die', () => (processExists(hosts[0]!) ? undefined : true));
    // The provider's connection died with it, before the answer was finished.
    const request = server().chatRequests()[requestsBefore]!;
    await server().waitForClientClose(request, timeouts.ui);
    assert.equal(request.finished, false);
    // What the dead host left on disk: the recovered answer must show at least that.
    const onDisk = checkpointedText(vscodeServer.userDataDir, messageId).trim();
    assert.ok(onDisk.startsWith('k0 k1 k2'), `a checkpoint on disk: ${JSON.stringify(onDisk.slice(0, 40))}`);

    await reloadWindow(page);
    chat = await openChatWhenReady(page);
    const recovered = chat.locator(`[role="log"] article.assistant[data-message-id="${messageId}"]`);
    await recovered.waitFor({ state: 'attached', timeout: timeouts.ui });
    assert.equal(await recovered.getAttribute('data-status'), 'interrupted');
    const text = (await recovered.locator('.content').innerText()).trim();
    assert.ok(text.startsWith(onDisk), `the kept text is the last checkpoint on disk or more: ${JSON.stringify(text.slice(-40))} vs ${JSON.stringify(onDisk.slice(-40))}`);
    assert.ok(full.startsWith(text), `the kept text is a prefix of what the server sent: ${JSON.stringify(text.slice(-40))}`);
    assert.ok(text.length < full.trim().length, 'the answer was cut off, not completed');
    assert.ok(text.startsWith('k0 k1 k2'), text.slice(0, 40));
    assert.equal(await recovered.getByRole('button', { name: 'Retry' }).count(), 1);
    // Nothing still claims to be streaming.
    assert.equal(await chat.locator('[role="log"] article[data-status="streaming"]').count(), 0);
  });

  it('switches between conversations from the list and deletes one', async () => {
    const { page } = wb();
    const chat = await chatFrame(page);
    const newChat = viewTitleAction(page, 'New Chat');

    await newChat.click();
    await until('an empty new chat', async () => ((await messages(chat).count()) === 0 ? true : undefined));
    server().enqueue({ tokens: ['Alpha ', 'answer.'] });
    await send(chat, 'First topic alpha');
    await settledAnswer(chat, 0);

    await newChat.click();
    await until('an empty new chat', async () => ((await messages(chat).count()) === 0 ? true : undefined));
    server().enqueue({ tokens: ['Beta ', 'answer.'] });
    await send(chat, 'Second topic beta');
    await settledAnswer(chat, 0);
    await chatTitle(chat).filter({ hasText: 'Second topic beta' }).waitFor();

    // Both are listed; the open one is marked current.
    await showConversations(page, chat);
    const alpha = conversationRow(chat, 'First topic alpha');
    const beta = conversationRow(chat, 'Second topic beta');
    await beta.and(chat.locator('[aria-current="true"]')).waitFor({ state: 'attached' });
    assert.equal(await alpha.count(), 1);
    const alphaId = await alpha.getAttribute('data-conversation-id');
    const betaId = await beta.getAttribute('data-conversation-id');
    assert.ok(alphaId && betaId && alphaId !== betaId);

    // Switch to the first one: its messages replace the second's.
    await alpha.locator('.conversation-open').click();
    await chatTitle(chat).filter({ hasText: 'First topic alpha' }).waitFor();
    await answers(chat).filter({ has: chat.locator('.content', { hasText: 'Alpha answer.' }) }).waitFor({ state: 'attached' });
    assert.equal(await messages(chat).count(), 2);
    assert.equal(await chat.locator('[role="log"]').getByText('Beta answer.').count(), 0);

    // Delete the second one (after confirming the modal dialog): it is gone from the list.
    await showConversations(page, chat);
    await beta.hover(); // the row's actions show on hover (or keyboard focus)
    await beta.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /Delete this conversation\?/);
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await chat.locator(`li.conversation[data-conversation-id="${betaId}"]`).waitFor({ state: 'detached' });
    assert.equal(await conversationItems(chat).and(chat.locator(`[data-conversation-id="${alphaId}"]`)).count(), 1, 'the other one stays');
    // The open conversation was not the deleted one, so it is still shown.
    assert.equal((await chatTitle(chat).innerText()).trim().includes('First topic alpha'), true);
  });
});
