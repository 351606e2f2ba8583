// Screenshots of each screen of the chat (welcome, empty chat, a conversation with tools, an approval,
// an error) in Dark Modern, Light Modern and Dark High Contrast, saved under test-results/screenshots/ as
// artifacts to look at (not goldens: nothing is compared). Each screen also checks the one thing that
// makes it that screen, so a broken screen fails here rather than being photographed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { answerCount, openChatWhenReady, send, settledAnswer, toolCallWithStatus } from './chat-page';
import { repoRoot, runCommand, timeouts, useWorkbench } from './harness';
import { copySampleWorkspace } from './temp-workspace';

const dir = path.join(repoRoot, 'test-results', 'screenshots');
const themes = [['dark', 'Dark Modern'], ['light', 'Light Modern'], ['hc', 'Dark High Contrast']] as const;

async function useTheme(page: Page, label: string): Promise<void> {
  await runCommand(page, 'Preferences: Color Theme');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input.input, .quick-input-box input').first().fill(label);
  await widget.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) }).first().waitFor();
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden' });
  // The workbench names the theme's kind on its root; the first switch to a theme loads it, which takes a moment.
  const kind = label.includes('High Contrast') ? 'hc-black' : label.startsWith('Light') ? 'vs' : 'vs-dark';
  await page.locator(`.monaco-workbench.${kind}`).waitFor({ state: 'attached', timeout: timeouts.ui });
}

/** The sidebar (the chat view and its title bar) in each theme, as <screen>-<theme>.png, once the chat wears the theme. */
async function shoot(page: Page, chat: FrameLocator, screen: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, label] of themes) {
    await useTheme(page, label);
    await chatWearsTheme(page, chat, name);
    await page.locator('.part.sidebar').screenshot({ path: path.join(dir, `${screen}-${name}.png`), timeout: timeouts.ui });
  }
  await useTheme(page, 'Dark Modern');
}

/**
 * The webview takes the new theme's colours a little after the workbench: waits until the chat's own background
 * is the sidebar's, then checks it is light in Light Modern and dark otherwise (a Light screenshot once came out dark).
 */
async function chatWearsTheme(page: Page, chat: FrameLocator, theme: (typeof themes)[number][0]): Promise<void> {
  const background = (e: unknown) => (globalThis as unknown as { getComputedStyle(n: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor;
  const sidebar = () => page.locator('.part.sidebar').evaluate(background);
  const chatBackground = () => chat.locator('body').evaluate(background);
  const deadline = Date.now() + timeouts.ui;
  let seen = { sidebar: await sidebar(), chat: await chatBackground() };
  while (seen.chat !== seen.sidebar && Date.now() < deadline) {
    await page.waitForTimeout(100);
    seen = { sidebar: await sidebar(), chat: await chatBackground() };
  }
  assert.equal(seen.chat, seen.sidebar, `the chat's background is the ${theme} sidebar's`);
  const [r, g, b] = (seen.chat.match(/\d+/g) ?? []).map(Number) as [number, number, number];
  const brightness = (r + g + b) / 3;
  if (theme === 'light') assert.ok(brightness > 200, `a light background in Light Modern, not ${seen.chat}`);
  else assert.ok(brightness < 60, `a dark background in ${theme}, not ${seen.chat}`);
}

describe('screenshots of each screen in three themes', () => {
  const fake: { server?: FakeServer } = {};
  const settings: Record<string, unknown> = { 'agentChat.provider': 'auto', 'agentChat.maxRetries': 0, 'agentChat.ollama.host': 'http://127.0.0.1:9' };
  const ws = copySampleWorkspace('screens');
  before(async () => {
    fake.server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = fake.server.url;
  });
  // No key at first: the chat opens on the welcome; the test then stores one through it.
  const wb = useWorkbench({ name: 'screenshots', settings, workspace: ws.dir, viewport: { width: 1000, height: 760 } });
  after(async () => {
    await fake.server?.close();
    ws.remove();
  });
  const server = () => fake.server!;

  it('saves the welcome, the empty chat, tools, an approval and an error in Dark, Light and High Contrast', async function () {
    this.timeout(600_000);
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const welcome = chat.getByRole('region', { name: 'Welcome to Agent Chat' });
    await welcome.waitFor({ timeout: timeouts.ui });
    await shoot(page, chat, '1-welcome');

    // Store a key through the welcome's button (VS Code's own input box): the empty chat replaces the welcome.
    await welcome.getByRole('button', { name: /Anthropic key/ }).click();
    const input = page.locator('.quick-input-widget input.input, .quick-input-widget .quick-input-box input').first();
    await input.waitFor({ state: 'visible', timeout: timeouts.ui });
    await input.fill('sk-ant-screenshots');
    await page.keyboard.press('Enter');
    const intro = chat.getByRole('region', { name: 'Start a conversation' });
    await intro.waitFor({ timeout: timeouts.ui });
    assert.equal(await intro.locator('.agent-intros li').count(), 5);
    await chat.locator('.composer .input').click();
    await shoot(page, chat, '2-empty-chat');

    // A conversation with tools: two reads (grouped), an answer with code, a hand-off offer.
    server().enqueue(
      { tokens: ['Let me look at the code first.'], toolCalls: [
        { id: 'toolu_read_app', name: 'read_file', arguments: { path: 'src/app.ts' } },
        { id: 'toolu_read_server', name: 'read_file', arguments: { path: 'src/server.ts' } },
      ] },
      { tokens: ['`greet()` builds the message; the server sends it as JSON:\n\n```ts src/app.ts\nexport function greet(name: string) {\n  return { message: `Hello, ${name}!` };\n}\n```\n\n', '→ @qa: cover an empty name'] },
    );
    const before = await answerCount(chat);
    await send(chat, '@backend How is the greeting built?');
    await settledAnswer(chat, before + 1);
    await chat.locator('.tool-group').waitFor();
    await shoot(page, chat, '3-conversation-tools');

    // An approval: the edit waits with its card; approved after the screenshots, the summary row shows.
    server().enqueue(
      { toolCalls: [{ id: 'toolu_edit', name: 'edit_file', arguments: { path: 'src/app.ts', oldText: 'Hello', newText: 'Hi there' } }] },
      { tokens: ['Done: the greeting says "Hi there".'] },
    );
    const beforeEdit = await answerCount(chat);
    await send(chat, '@backend Make the greeting say "Hi there"');
    const card = await toolCallWithStatus(chat, 'toolu_edit', 'awaitingApproval');
    await runCommand(page, 'View: Close All Editors'); // the proposed diff beside the chat is not part of the screen
    await shoot(page, chat, '4-approval');
    await card.getByRole('button', { name: 'Approve' }).click();
    await settledAnswer(chat, beforeEdit + 1);
    await chat.locator('.change-summary').waitFor({ timeout: timeouts.ui });

    // An error: the provider is overloaded (no retries in this run).
    server().enqueue({ fault: { kind: 'status', status: 529 } });
    const beforeError = await answerCount(chat);
    await send(chat, '@frontend Style the greeting');
    const { answer } = await settledAnswer(chat, beforeError, 'error');
    await answer.locator('.error').getByRole('button', { name: 'Retry' }).waitFor();
    await shoot(page, chat, '5-error');
    for (const screen of ['1-welcome', '2-empty-chat', '3-conversation-tools', '4-approval', '5-error']) {
      for (const [name] of themes) assert.ok(fs.statSync(path.join(dir, `${screen}-${name}.png`)).size > 1000, `${screen}-${name}.png`);
    }
  });
});
