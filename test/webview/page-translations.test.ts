// The page's own strings in the user's language: the host writes the translations of the page's strings into
// the page (chatHtml), and the page shows them in place of the English, placeholders filled in; strings with
// no translation stay English. Here the extension's own page and script in a real Chromium, with a made-up
// translation standing in for what vscode.l10n.t returns in another display language.
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { ChatMessageRecord, ToolCallView } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { OUTPUT_LEFT_OUT_NOTE } from '../../src/core/protocol/output-display';
import type { PageString } from '../../src/core/protocol/page-strings';
import { chatHtml } from '../../src/extension/webview-html';

const repoRoot = path.resolve(__dirname, '../../..');

const snapshot: HostToWebview = {
  type: 'snapshot',
  conversation: { id: 'c1', title: 'New chat', updatedAt: 0, messageCount: 0 },
  messages: [],
  hasOlder: false,
  agents: [{ name: 'backend', description: 'backend work' }],
  defaultAgent: 'backend',
  model: 'fake · model',
};

const translations: Partial<Record<PageString, string>> = {
  'Ask the team': 'Frag das Team',
  'Ask the team… (@ to pick an agent)': 'Frag das Team… (@ wählt, wer antwortet)',
  'Model: {0}. Change the model': 'Modell {0} ändern',
};

describe('webview: the page shows its strings in the language the host gives', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let html = '';
  let script = '';
  let origin = '';

  before(async () => {
    const built = await esbuild.build({ entryPoints: [path.join(repoRoot, 'src/webview/main.ts')], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'silent' });
    script = built.outputFiles[0]?.text ?? '';
    server = http.createServer((req, res) => (req.url === '/' ? res.writeHead(200, { 'content-type': 'text/html' }).end(html) : res.writeHead(404).end()));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    html = chatHtml({ cspSource: origin, asset: (...p) => `${origin}/${p.join('/')}`, inline: { styles: '', script } }, snapshot, translations);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('translated strings replace the English, with their placeholders filled; the rest stay English', async () => {
    const page = await browser!.newPage({ viewport: { width: 400, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript(`window.acquireVsCodeApi = () => ({ postMessage: () => {}, getState: () => undefined, setState: () => {} });`);
    await page.goto(server ? `http://127.0.0.1:${(server.address() as AddressInfo).port}/` : '');
    await page.locator('.empty-chat h2').waitFor();
    const seen = (await page.evaluate(`({
      heading: document.querySelector('.empty-chat h2')?.textContent,
      placeholder: document.querySelector('textarea.input')?.getAttribute('placeholder'),
      model: document.querySelector('.model-picker')?.getAttribute('aria-label'),
      search: document.querySelector('.conversation-search')?.getAttribute('placeholder'),
    })`)) as Record<string, string>;
    assert.deepEqual(seen, {
      heading: 'Frag das Team',
      placeholder: 'Frag das Team… (@ wählt, wer antwortet)',
      model: 'Modell fake · model ändern',
      search: 'Search conversations',
    });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("tool rows: a read's lines worded by the page, a failure in the host's words, a command's time and cut output", async () => {
    // What the host sends in German (its summaries made with vscode.l10n.t); the model's English stays in `result`.
    const calls: ToolCallView[] = [
      { id: 'r1', name: 'read_file', argumentsText: JSON.stringify({ path: 'src/a.ts' }), status: 'done', summary: 'src/a.ts gelesen (Zeilen 1-22 von 22)', lineRange: { start: 1, end: 22, total: 22 }, result: 'x' },
      { id: 'f1', name: 'read_file', argumentsText: JSON.stringify({ path: 'src/b.ts' }), status: 'error', summary: 'read_file fehlgeschlagen: src/b.ts existiert nicht', result: "File 'src/b.ts' does not exist. Use list_directory or find_files to locate it." },
      { id: 'c1', name: 'run_command', kind: 'command', argumentsText: JSON.stringify({ command: 'npm test' }), status: 'done', summary: 'npm test ausgeführt', exitCode: 0, durationMs: 2500, output: `${OUTPUT_LEFT_OUT_NOTE}last line\n`, result: 'Exit code: 0' },
    ];
    const answer: ChatMessageRecord = { id: 'a1', role: 'assistant', author: 'backend', text: 'Fertig.', status: 'complete', createdAt: 0, toolCalls: calls };
    const german: Partial<Record<PageString, string>> = {
      'Read {0}, lines {1}–{2}': '{0} gelesen, Zeilen {1}–{2}',
      '{0} s': '{0} Sek.',
      '… earlier output is not shown here (Open full output shows all of it) …': '… frühere Ausgabe steht hier nicht …',
      'exit code {0}': 'Exit-Code {0}',
    };
    html = chatHtml({ cspSource: origin, asset: (...p) => `${origin}/${p.join('/')}`, inline: { styles: '', script }, language: 'de' }, { ...snapshot, messages: [answer] } as HostToWebview, german);
    const page = await browser!.newPage({ viewport: { width: 500, height: 900 } });
    await page.addInitScript(`window.acquireVsCodeApi = () => ({ postMessage: () => {}, getState: () => undefined, setState: () => {} });`);
    await page.goto(`${origin}/`);
    await page.locator('[data-tool-call-id="c1"] .command-exit').waitFor();
    const text = (selector: string) => page.locator(selector).first().innerText();
    assert.equal((await text('[data-tool-call-id="r1"] .tool-args')).trim(), 'src/a.ts gelesen, Zeilen 1–22');
    assert.equal((await text('[data-tool-call-id="f1"] .tool-args')).trim(), 'read_file fehlgeschlagen: src/b.ts existiert nicht');
    assert.equal(await page.locator('[data-tool-call-id="f1"] .tool-output[open]').count(), 0, "the model's text is folded away");
    assert.ok(!(await page.locator('[data-tool-call-id="f1"]').innerText()).includes('does not exist'), "the model's English is not shown unasked");
    assert.equal((await text('[data-tool-call-id="c1"] .command-exit')).trim(), 'Exit-Code 0 · 2,5 Sek.');
    assert.equal((await text('[data-tool-call-id="c1"] .output-left-out')).trim(), '… frühere Ausgabe steht hier nicht …');
    await page.close();
  });
});
