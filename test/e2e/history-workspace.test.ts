// History that survives a change of workspace: a folder chatted in, then opened as part of a
// multi-root workspace (which VS Code gives a new storage folder), still lists its conversations.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { answerCount, chatTitle, conversationRow, openChatWhenReady, send, settledAnswer, showConversations } from './chat-page';
import { timeouts, useWorkbench, waitForWorkbench } from './harness';
import { copySampleWorkspace } from './temp-workspace';

describe('conversation history across a change of workspace', () => {
  const fake: { server?: FakeServer } = {};
  const settings: Record<string, unknown> = { 'agentChat.provider': 'anthropic', 'agentChat.maxRetries': 0 };
  const folder = copySampleWorkspace('history-workspace');
  const second = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-e2e-second-'));
  before(async () => {
    fake.server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = fake.server.url;
  });
  const wb = useWorkbench({ name: 'history-workspace', workspace: folder.dir, settings, env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret' } });
  after(async () => {
    await fake.server?.close();
    folder.remove();
    fs.rmSync(second, { recursive: true, force: true });
  });

  it('lists the conversations of a folder after a second folder makes it a multi-root workspace', async function () {
    this.timeout(3 * timeouts.workbench + 4 * timeouts.ui); // Two full window loads on a busy machine.
    const { page, url } = wb();
    const chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    fake.server!.enqueue({ tokens: ['Teal ', 'it is.'] });
    await send(chat, 'Remember the colour teal');
    await settledAnswer(chat, first);
    const title = (await chatTitle(chat).innerText()).trim();
    assert.match(title, /colour teal/);

    // The same folder first, plus another: a workspace of its own, with another storage folder.
    const workspaceFile = path.join(second, 'both.code-workspace');
    fs.writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: folder.dir }, { path: second }] }));
    const multi = new URL(url);
    multi.searchParams.delete('folder');
    multi.searchParams.set('workspace', workspaceFile);
    await page.goto(multi.toString());
    await waitForWorkbench(page);
    await page.getByText('both (Workspace)').first().waitFor({ state: 'attached', timeout: timeouts.ui });

    // The new window's extension host starts from scratch: on a busy machine its webview can take a while.
    let again: FrameLocator | undefined;
    for (let attempt = 0; !again; attempt++) {
      again = await openChatWhenReady(page).catch((err: unknown) => {
        if (attempt >= 3) throw err;
        return undefined;
      });
    }
    await showConversations(page, again);
    await conversationRow(again, title).waitFor({ state: 'attached', timeout: timeouts.ui });
    assert.equal(await conversationRow(again, title).count(), 1);
  });
});
