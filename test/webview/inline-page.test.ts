// A new chat page carries its style sheets and script in its HTML (src/extension/page-assets.ts), so they
// arrive with it instead of one fetch each through VS Code. Here the extension's own page (chatHtml) with its
// CSP, in a real Chromium: the inline styles and script are allowed by the page's nonce and nothing else,
// the page shows its conversation styled, the highlighter still loads after the first paint, and no text in
// the script can end the script element early.
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { chatHtml, type InlineAssets } from '../../src/extension/webview-html';
import { openWatchedPage, type WatchedPage } from './watched-page';
import { twoMessages } from './two-messages';

const repoRoot = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(repoRoot, p), 'utf8');

const snapshot = twoMessages('Inline', 'Show me some code', 'Here:\n\n```ts\nconst answer: number = 42;\n```\n');

async function bundle(entry: string): Promise<string> {
  const r = await esbuild.build({ entryPoints: [path.join(repoRoot, entry)], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'silent' });
  return r.outputFiles[0]?.text ?? '';
}

describe('webview: a page that carries its styles and script', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let origin = '';
  /** What the server answers at `/`, set by each test. */
  let html = '';
  const requests: string[] = [];

  before(async () => {
    const highlighter = await bundle('src/webview/highlight-entry.ts');
    const markdown = await bundle('src/webview/markdown-entry.ts');
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      else if (req.url === '/dist/webview-markdown.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(markdown);
      else if (req.url === '/dist/webview-highlight.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(highlighter);
      else if (req.url === '/dist/codicons/codicon.css') res.writeHead(200, { 'content-type': 'text/css' }).end(read('node_modules/@vscode/codicons/dist/codicon.css'));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  async function load(inline: InlineAssets, withSnapshot?: HostToWebview): Promise<WatchedPage> {
    html = chatHtml({ cspSource: origin, asset: (...p) => `${origin}/${p.join('/')}`, inline }, withSnapshot);
    requests.length = 0;
    return openWatchedPage(browser!, `${origin}/`);
  }

  it('shows the conversation styled under its CSP, fetches only its Markdown engine and highlighter, and colours code once they come', async () => {
    const styles = ['node_modules/@vscode/codicons/dist/codicon.css', 'media/chat.css', 'media/markdown.css'].map(read).join('\n');
    const { page, violations, errors } = await load({ styles, script: await bundle('src/webview/main.ts') }, snapshot);
    await page.locator('[data-message-id="m1"][data-status="complete"]').waitFor();
    // chat.css is in force: the transcript is the scrolling part of the page.
    assert.equal(await page.evaluate(`getComputedStyle(document.querySelector('.transcript')).overflowY`), 'auto');
    await page.waitForSelector('html[data-highlighter="ready"]', { state: 'attached' });
    await page.locator('[data-message-id="m1"] code span[class^="hljs-"]').first().waitFor();
    assert.deepEqual(requests.filter((r) => r.endsWith('.js') || r.endsWith('.css')).sort(), ['/dist/webview-highlight.js', '/dist/webview-markdown.js'], 'the page asked for its Markdown engine and highlighter only');
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a new page on a long conversation paints its first screen before it renders the rest of the messages it keeps', async () => {
    const long: HostToWebview = {
      ...snapshot,
      messages: Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', author: i % 2 ? 'backend' : 'user', text: `Message ${i}\n\n${'Words to read in a paragraph. '.repeat(12)}`, status: 'complete', createdAt: 0 })),
    };
    const styles = ['node_modules/@vscode/codicons/dist/codicon.css', 'media/chat.css', 'media/markdown.css'].map(read).join('\n');
    const { page, errors } = await load({ styles, script: `${await bundle('src/webview/main.ts')}\nwindow.__atScript = document.querySelectorAll('[role="log"] article').length;
requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => { window.__atPaint = document.querySelectorAll('[role="log"] article').length; }; ch.port2.postMessage(0); });` }, long);
    await page.waitForFunction('window.__atPaint !== undefined');
    await page.locator('[data-message-id="m0"]').waitFor({ state: 'attached' });
    const seen = (await page.evaluate(`({ atScript: window.__atScript, atPaint: window.__atPaint, after: document.querySelectorAll('[role="log"] article').length })`)) as { atScript: number; atPaint: number; after: number };
    console.log(`      ${seen.atPaint} messages in the first paint, ${seen.after} after it`);
    assert.ok(seen.atScript > 0 && seen.atScript < 50, `the first screen only (${seen.atScript} of 50)`);
    assert.equal(seen.atPaint, seen.atScript, 'nothing more is rendered before the first paint');
    assert.equal(seen.after, 50, 'the rest come after it');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows the first screen\'s answers as their plain text, then their Markdown once that screen is painted', async () => {
    const text = 'Some **bold** words\n\n<img src=x onerror="window.__pwned = 1"> and `code`';
    const formatted: HostToWebview = { ...snapshot, messages: [{ id: 'm0', role: 'user', author: 'user', text: 'Format this', status: 'complete', createdAt: 0 }, { id: 'm1', role: 'assistant', author: 'backend', text, status: 'complete', createdAt: 0 }] };
    const styles = [read('dist/codicons/codicon-subset.css'), read('media/chat.css'), read('media/markdown.css')].join('\n');
    // What the page holds when its script has built the first screen, before anything is painted.
    const probe = `window.__atScript = { strong: document.querySelectorAll('[data-message-id="m1"] strong').length, plain: document.querySelector('[data-message-id="m1"] .md-plain')?.textContent ?? null, images: document.images.length };`;
    const { page, violations, errors } = await load({ styles, script: `${await bundle('src/webview/main.ts')}\n${probe}` }, formatted);
    await page.locator('[data-message-id="m1"] .markdown strong').waitFor();
    const seen = (await page.evaluate(`({ atScript: window.__atScript, plain: document.querySelectorAll('.md-plain').length, strong: document.querySelector('[data-message-id="m1"] strong').textContent, code: document.querySelector('[data-message-id="m1"] p code')?.textContent, images: document.images.length, pwned: window.__pwned ?? 0 })`)) as { atScript: { strong: number; plain: string | null; images: number }; plain: number; strong: string; code: string; images: number; pwned: number };
    assert.deepEqual(seen.atScript, { strong: 0, plain: text, images: 0 }, 'the first screen shows the answer\'s text as written, as text');
    assert.equal(seen.plain, 0, 'no plain text is left after the paint');
    assert.equal(seen.strong, 'bold');
    assert.equal(seen.code, 'code');
    assert.equal(seen.images, 0);
    assert.equal(seen.pwned, 0);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('carries only the icons its code names, and links the full icon sheet after its first paint when an agent names another', async () => {
    // The subset the build writes (esbuild.mjs), as the extension carries it.
    const styles = [read('dist/codicons/codicon-subset.css'), read('media/chat.css'), read('media/markdown.css')].join('\n');
    assert.ok(!styles.includes('.codicon-squirrel:'), 'an icon the page never names is not carried');
    const script = await bundle('src/webview/main.ts');
    const glyph = `getComputedStyle(document.querySelector('[data-message-id="m1"] .avatar .codicon'), '::before').content`;
    const builtinIcon = await load({ styles, script }, { ...snapshot, agents: [{ name: 'backend', description: 'backend work', icon: 'server' }] });
    await builtinIcon.page.waitForSelector('html[data-highlighter="ready"]', { state: 'attached' });
    assert.notEqual(await builtinIcon.page.evaluate(glyph), 'none', 'a built-in agent\'s icon is carried');
    assert.deepEqual(requests.filter((r) => r.endsWith('.css')), [], 'no sheet is fetched when the page carries every icon it shows');
    await builtinIcon.page.close();
    const custom = await load({ styles, script }, { ...snapshot, agents: [{ name: 'backend', description: 'backend work', icon: 'squirrel' }] });
    // Polled from here: the page's CSP forbids the string evaluation waitForFunction would use.
    for (let i = 0; i < 100 && (await custom.page.evaluate(glyph)) === 'none'; i++) await custom.page.waitForTimeout(50);
    assert.notEqual(await custom.page.evaluate(glyph), 'none', 'the custom agent\'s icon shows once the full sheet is linked');
    assert.deepEqual(requests.filter((r) => r.endsWith('.css')), ['/dist/codicons/codicon.css']);
    assert.deepEqual(custom.violations, []);
    assert.deepEqual(custom.errors, []);
    await custom.page.close();
  });

  it('no text in the script ends its element early or runs as markup', async () => {
    const tricky = ['</script><script>window.__pwned = 1</script>', '</SCRIPT >', '<!-- <script> -->', '<!-->'];
    const script = `window.__seen = ${JSON.stringify(tricky)}.join('|'); window.__regex = /<!--(?:-?>)/.test('<!-->');`;
    const { page, violations } = await load({ styles: '', script });
    const seen = (await page.evaluate(`({ seen: window.__seen, regex: window.__regex, pwned: window.__pwned ?? 0, after: document.querySelectorAll('body > *').length })`)) as { seen: string; regex: boolean; pwned: number };
    assert.equal(seen.seen, tricky.join('|'));
    assert.equal(seen.regex, true);
    assert.equal(seen.pwned, 0);
    assert.deepEqual(violations, []);
    await page.close();
  });
});
