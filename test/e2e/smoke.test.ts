import * as assert from 'node:assert/strict';
import {
  contextMenu,
  editorToken,
  explorerItems,
  openFile,
  openView,
  openWorkbench,
  reloadWindow,
  runCommand,
  selectTextInEditor,
  useWorkbench,
  webviewFrame,
} from './harness';
import { composer, messages, openChat, send } from './chat-page';

describe('workbench smoke', () => {
  const wb = useWorkbench({ name: 'smoke' });

  it('loads the workbench [harness]', async () => {
    const { page } = wb();
    assert.equal(await page.locator('.monaco-workbench').count(), 1);
    assert.match(await page.title(), /workspace/);
  });

  it('shows the sample files in the explorer [harness]', async () => {
    const { page } = wb();
    await openView(page, 'Explorer');
    const items = await explorerItems(page);
    assert.ok(items.some((i) => i.startsWith('README.md')), `README.md in ${JSON.stringify(items)}`);
    assert.ok(items.some((i) => i.startsWith('src')), `src in ${JSON.stringify(items)}`);
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="src"]').click();
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="app.ts"]').waitFor({ state: 'visible' });
    assert.ok((await explorerItems(page)).some((i) => i.startsWith('server.ts')));
  });

  it('selects text in an editor and uses its context menu [harness]', async () => {
    const { page } = wb();
    await selectTextInEditor(page, { file: 'app.ts', text: 'greet' });
    await contextMenu(page, editorToken(page, 'greet').first(), 'Change All Occurrences');
    await page.locator('#status\\.editor\\.selection').filter({ hasText: /selections/ }).waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
  });

  it('runs a command and reaches into a webview [harness]', async () => {
    const { page } = wb();
    await openFile(page, 'README.md');
    await runCommand(page, 'Markdown: Open Preview');
    const heading = webviewFrame(page).locator('h1', { hasText: 'Sample workspace' });
    await heading.waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('survives a window reload [harness]', async () => {
    const { page } = wb();
    await reloadWindow(page);
    await openView(page, 'Explorer');
    assert.ok((await explorerItems(page)).some((i) => i.startsWith('README.md')));
  });

  it('opens the chat on a setup screen when no provider is configured (no key, no Ollama)', async () => {
    const { page } = wb();
    const chat = await openChat(page);
    const setup = chat.getByRole('region', { name: 'Welcome to Agent Chat' });
    await setup.getByText('No model provider is set up yet.').waitFor();
    await setup.getByText('Other ways').click();
    const text = await setup.innerText();
    assert.match(text, /API key[\s\S]*ollama serve/);
    assert.doesNotMatch(text, /`|fake-provider|npm run/, 'no literal backticks, no step meant for developers of this repository');
    const buttons = (await setup.getByRole('button').allInnerTexts()).map((t) => t.split('\n')[0]);
    assert.deepEqual(buttons, ['Anthropic key', 'OpenAI key', 'Use Ollama'], 'a way in per provider, no Select Model that leads nowhere');
    // Nothing answered at the Ollama host: the button says so.
    assert.match(await setup.getByRole('button', { name: /Use Ollama/ }).innerText(), /Not running at http/);
  });

  it('keeps the draft when a message is sent on the setup screen, and says what is missing', async () => {
    const { page } = wb();
    const chat = await openChat(page);
    await chat.getByRole('region', { name: 'Welcome to Agent Chat' }).waitFor();
    await send(chat, 'Summarize README.md');
    await chat.locator('.composer-note', { hasText: /no model provider is set up/i }).waitFor();
    assert.equal(await composer(chat).inputValue(), 'Summarize README.md', 'the message is still in the box');
    assert.equal(await messages(chat).count(), 0, 'nothing was added to the conversation');
  });
});

describe('workspace trust', () => {
  it('opens in Restricted Mode when the folder is not trusted [harness]', async function () {
    this.timeout(15 * 60_000);
    const wb = await openWorkbench({ trust: 'restricted', name: 'trust-restricted', extensionDevelopmentPath: null });
    try {
      await wb.page.getByText('Restricted Mode', { exact: false }).first().waitFor({ state: 'visible', timeout: 30_000 });
    } catch (err) {
      await wb.saveArtifacts('workspace trust restricted');
      throw err;
    } finally {
      await wb.close();
    }
  });
});
