// What we ship is what we test: the packaged VSIX, installed into the VS Code server like a user's
// install (not loaded from the source folder), answers from a fake provider in the chat.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { answerCount, openChat, send, settledAnswer } from './chat-page';
import { pathToFileURL } from 'node:url';
import { repoRoot, useWorkbench } from './harness';

const vsix = path.join(repoRoot, 'agent-chat.vsix');

describe('the packaged VSIX', () => {
  const fake: { server?: FakeServer } = {};
  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-vsix-'));
  const settings: Record<string, unknown> = { 'agentChat.provider': 'anthropic' };

  before(async function () {
    this.timeout(10 * 60_000);
    // `npm test` packages before this suite; build it here when run on its own.
    if (!fs.existsSync(vsix)) {
      const built = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit', shell: true });
      assert.equal(built.status, 0, 'npm run package failed');
    }
    const installer = (await import(pathToFileURL(path.join(repoRoot, 'test', 'vscode-host', 'install.mjs')).href)) as {
      ensureInstalled(): Promise<{ paths: { nodeBin: string; serverMain: string } }>;
    };
    const { paths } = await installer.ensureInstalled();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-vsix-data-'));
    const installed = spawnSync(
      paths.nodeBin,
      [paths.serverMain, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(scratch, 'u'), '--server-data-dir', path.join(scratch, 's'), '--accept-server-license-terms'],
      { encoding: 'utf8', timeout: 180_000 },
    );
    fs.rmSync(scratch, { recursive: true, force: true });
    assert.match(installed.stdout, /successfully installed/, installed.stdout + installed.stderr);
    fake.server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = fake.server.url;
  });
  after(async () => {
    await fake.server?.close();
    fs.rmSync(extensionsDir, { recursive: true, force: true });
  });

  const wb = useWorkbench({ name: 'vsix', settings, env: { ANTHROPIC_API_KEY: 'sk-ant-vsix' }, extensionDevelopmentPath: null, extensionsDir });

  it('is installed from the VSIX and streams an answer in the chat', async () => {
    const installedDir = fs.readdirSync(extensionsDir).find((d) => d.startsWith('agent-chat.agent-chat-'));
    assert.ok(installedDir, 'installed into the extensions folder');
    // The shell parser that judges commands ships as WebAssembly beside the bundle, and its loader in vendor/;
    // what VS Code's Chat runs is a bundle of its own, loaded on first use; the chat page adds its Markdown engine and
    // highlighter after its first paint.
    for (const file of ['dist/tree-sitter.wasm', 'dist/tree-sitter-bash.wasm', 'dist/vendor/tree-sitter.js', 'dist/native-chat.js', 'dist/webview-markdown.js', 'dist/webview-highlight.js']) {
      assert.ok(fs.existsSync(path.join(extensionsDir, installedDir, file)), `${file} is in the VSIX`);
    }
    const { page } = wb();
    const chat = await openChat(page);
    const before = await answerCount(chat);
    fake.server!.enqueue({ tokens: ['**Shipped** ', 'and ', 'working.'], tokenDelayMs: 10 });
    await send(chat, 'Are you the packaged build?');
    // Markdown, so the page's Markdown script loaded from the installed extension under the page's CSP.
    await chat.locator('[role="log"] article.assistant .markdown strong', { hasText: 'Shipped' }).last().waitFor({ state: 'attached', timeout: 30_000 });
    assert.equal((await settledAnswer(chat, before)).text, 'Shipped and working.');
  });
});
