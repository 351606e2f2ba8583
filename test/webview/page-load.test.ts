// VS Code shows a new webview's frame only at its page's load event (or 200 ms after writing the page), and that
// event waits for everything the page has asked for by then. Here the extension's own inline page (chatHtml) under
// its CSP, in a real Chromium, with a server that holds back the page's later scripts and its icon font: the page's
// load event comes while they are held (none is asked for before it), and once they come the answers are Markdown,
// the highlighter is there and the icons are drawn in their font.
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { chatHtml, withIconFontUrl } from '../../src/extension/webview-html';
import { openWatchedPage } from './watched-page';

const repoRoot = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(repoRoot, p));

async function bundle(entry: string): Promise<string> {
  const r = await esbuild.build({ entryPoints: [path.join(repoRoot, entry)], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'silent' });
  return r.outputFiles[0]?.text ?? '';
}

const snapshot: HostToWebview = {
  type: 'snapshot',
  conversation: { id: 'c1', title: 'Load', updatedAt: 0, messageCount: 2 },
  messages: [
    { id: 'm0', role: 'user', author: 'user', text: 'Show me', status: 'complete', createdAt: 0 },
    { id: 'm1', role: 'assistant', author: 'backend', text: 'Some **bold** words and code:\n\n```ts\nconst answer = 42;\n```\n', status: 'complete', createdAt: 0 },
  ],
  hasOlder: false,
  agents: [{ name: 'backend', description: 'backend work' }],
  defaultAgent: 'backend',
  model: 'fake · model',
};

/** The page's state: its load, what its later scripts and font did, and how the agent's avatar icon is drawn. */
const state = `({
  ready: document.readyState,
  markdown: document.documentElement.dataset.markdown ?? null,
  highlighter: document.documentElement.dataset.highlighter ?? null,
  strong: document.querySelector('[data-message-id="m1"] .markdown strong')?.textContent ?? null,
  font: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'codicon').map((f) => f.status).join() || null,
  glyph: getComputedStyle(document.querySelector('.message .avatar .codicon'), '::before').visibility,
})`;
interface State {
  ready: string;
  markdown: string | null;
  highlighter: string | null;
  strong: string | null;
  font: string | null;
  glyph: string;
}

describe('webview: a new page\'s load event waits for nothing it asks for later', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let origin = '';
  let html = '';
  /** Requests the server holds, by path, until `releaseAll`. */
  const held = new Map<string, () => void>();

  before(async () => {
    const [markdown, highlighter] = await Promise.all([bundle('src/webview/markdown-entry.ts'), bundle('src/webview/highlight-entry.ts')]);
    const later: Record<string, [string, string | Buffer]> = {
      '/dist/webview-markdown.js': ['text/javascript', markdown],
      '/dist/webview-highlight.js': ['text/javascript', highlighter],
      '/dist/codicons/codicon.ttf': ['font/ttf', read('dist/codicons/codicon.ttf')],
    };
    server = http.createServer((req, res) => {
      const file = (req.url ?? '').split('?')[0] ?? '';
      const body = later[file];
      if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      else if (body) held.set(file, () => res.writeHead(200, { 'content-type': body[0] }).end(body[1]));
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  after(async () => {
    for (const release of held.values()) release();
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  /** Polls the page's state until `check` holds (the page's CSP forbids the string evaluation waitForFunction would use). */
  async function until(page: Page, check: (s: State) => boolean): Promise<State> {
    let s = (await page.evaluate(state)) as State;
    for (let i = 0; i < 200 && !check(s); i++) {
      await page.waitForTimeout(25);
      s = (await page.evaluate(state)) as State;
    }
    return s;
  }

  it('fires its load event while its later scripts and icon font are held, then shows Markdown, highlighting and icons once they come', async () => {
    // The styles as a new page carries them (page-assets.ts): the icon subset with its font's URL made absolute.
    const styles = [withIconFontUrl(read('dist/codicons/codicon-subset.css').toString(), `${origin}/dist/codicons`), read('media/chat.css'), read('media/markdown.css')].join('\n');
    // How the first screen draws an icon, read when the page's script has built it (before anything is painted).
    const probe = `window.__glyphAtScript = getComputedStyle(document.querySelector('.message .avatar .codicon'), '::before').visibility;`;
    html = chatHtml({ cspSource: origin, asset: (...p) => `${origin}/${p.join('/')}`, inline: { styles, script: `${await bundle('src/webview/main.ts')}\n${probe}` } }, snapshot);
    const { page, violations, errors } = await openWatchedPage(browser!, `${origin}/`, 'domcontentloaded');
    const loaded = await until(page, (s) => s.ready === 'complete');
    assert.equal(loaded.ready, 'complete', `the load event came while the server held ${[...held.keys()].join(', ') || 'nothing'}`);
    assert.equal(await page.evaluate('window.__glyphAtScript'), 'hidden', 'no icon glyph is drawn before the font is there');
    // After the load event and a paint, the page asks for all three.
    for (let i = 0; i < 200 && held.size < 3; i++) await page.waitForTimeout(25);
    assert.deepEqual([...held.keys()].sort(), ['/dist/codicons/codicon.ttf', '/dist/webview-highlight.js', '/dist/webview-markdown.js']);
    for (const release of held.values()) release();
    held.clear();
    const done = await until(page, (s) => s.strong !== null && s.highlighter === 'ready' && s.font === 'loaded');
    assert.deepEqual(done, { ready: 'complete', markdown: 'ready', highlighter: 'ready', strong: 'bold', font: 'loaded', glyph: 'visible' });
    await page.locator('[data-message-id="m1"] code span[class^="hljs-"]').first().waitFor();
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
