// The page's Markdown engine (marked and the sanitizer) is a script of its own that the page adds after its first
// paint (src/webview/lazy-markdown.ts). Here the extension's own inline page (chatHtml) under its CSP, in a real
// Chromium, with a server that can hold that script back or not have it: an answer that streams in before the
// engine comes shows its text plainly and becomes Markdown when it comes; without the engine the page still shows
// every answer's text, says why it is plain, and reports no CSP violation.
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { chatHtml } from '../../src/extension/webview-html';
import { openWatchedPage, type WatchedPage } from './watched-page';
import { twoMessages } from './two-messages';

const repoRoot = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(repoRoot, p), 'utf8');

async function bundle(entry: string): Promise<string> {
  const r = await esbuild.build({ entryPoints: [path.join(repoRoot, entry)], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'silent' });
  return r.outputFiles[0]?.text ?? '';
}

const answerText = 'Some **bold** words\n\n<img src=x onerror="window.__pwned = 1"> and `code`';
const snapshot = twoMessages('Lazy', 'Format this', answerText);

/** What the page holds in answer `id`: its plain text (if shown plainly), bold words, images, and the problem line. */
const seen = (id: string) => `({
  plain: document.querySelector('[data-message-id="${id}"] .md-plain')?.textContent ?? null,
  strong: document.querySelector('[data-message-id="${id}"] .markdown strong')?.textContent ?? null,
  images: document.images.length,
  pwned: window.__pwned ?? 0,
  problem: document.querySelector('.page-problem')?.textContent ?? null,
  engine: document.documentElement.dataset.markdown ?? null,
})`;
interface Seen {
  plain: string | null;
  strong: string | null;
  images: number;
  pwned: number;
  problem: string | null;
  engine: string | null;
}

/** How the server answers the Markdown script: at once, only once released, or not at all (404). */
type MarkdownMode = 'serve' | 'hold' | 'missing';

describe('webview: the Markdown engine loads after the first paint', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let origin = '';
  let html = '';
  let mode: MarkdownMode = 'serve';
  let release: (() => void) | undefined;
  let markdownAsked = false;

  before(async () => {
    const [markdown, highlighter] = await Promise.all([bundle('src/webview/markdown-entry.ts'), bundle('src/webview/highlight-entry.ts')]);
    server = http.createServer((req, res) => {
      const js = (body: string) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
      if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      else if (req.url === '/dist/webview-highlight.js') js(highlighter);
      else if (req.url === '/dist/webview-markdown.js' && mode !== 'missing') {
        markdownAsked = true;
        if (mode === 'hold') release = () => js(markdown);
        else js(markdown);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  after(async () => {
    release?.();
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  async function load(markdownMode: MarkdownMode, withSnapshot?: HostToWebview): Promise<WatchedPage> {
    mode = markdownMode;
    release = undefined;
    markdownAsked = false;
    const styles = [read('dist/codicons/codicon-subset.css'), read('media/chat.css'), read('media/markdown.css')].join('\n');
    html = chatHtml({ cspSource: origin, asset: (...p) => `${origin}/${p.join('/')}`, inline: { styles, script: await bundle('src/webview/main.ts') } }, withSnapshot);
    // Not until `load`: a script the page added and the server holds back delays that event.
    const watched = await openWatchedPage(browser!, `${origin}/`, 'domcontentloaded');
    await watched.page.locator('.composer').waitFor();
    return watched;
  }

  /** Polls `check` on the page's state (the page's CSP forbids the string evaluation waitForFunction would use). */
  async function until(page: Page, id: string, check: (s: Seen) => boolean): Promise<Seen> {
    let s = (await page.evaluate(seen(id))) as Seen;
    for (let i = 0; i < 200 && !check(s); i++) {
      await page.waitForTimeout(25);
      s = (await page.evaluate(seen(id))) as Seen;
    }
    return s;
  }

  it('an answer that streams in before the engine comes shows its text plainly, then its Markdown once the engine is there', async () => {
    const { page, violations, errors } = await load('hold');
    for (let i = 0; i < 200 && !markdownAsked; i++) await page.waitForTimeout(25);
    assert.ok(markdownAsked, 'the page asked for its Markdown engine');
    const question = { id: 'q1', role: 'user', author: 'user', text: 'Format this', status: 'complete', createdAt: 0 } as const;
    const answer = { id: 'a1', role: 'assistant', author: 'backend', text: '', status: 'streaming', createdAt: 0 } as const;
    const messages: HostToWebview[] = [
      // What the host answers the page's `ready` with: the open conversation, empty here.
      { ...snapshot, messages: [] },
      { type: 'messageAdded', message: question },
      { type: 'messageAdded', message: answer },
      { type: 'textDelta', messageId: 'a1', seq: 1, text: answerText },
    ];
    for (const m of messages) await page.evaluate((msg) => (globalThis as unknown as { postMessage(m: unknown, to: string): void }).postMessage(msg, '*'), m);
    const before = await until(page, 'a1', (s) => s.plain !== null);
    assert.equal(before.plain, answerText, 'the streamed text is shown as written, as text');
    assert.equal(before.strong, null);
    assert.equal(before.images, 0);
    release!();
    const after = await until(page, 'a1', (s) => s.strong !== null);
    assert.deepEqual(after, { plain: null, strong: 'bold', images: 0, pwned: 0, problem: null, engine: 'ready' });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a page whose Markdown script cannot load shows every answer\'s text, and says why it is plain', async () => {
    const { page, violations, errors } = await load('missing', snapshot);
    const s = await until(page, 'm1', (x) => x.engine === 'failed');
    assert.equal(s.engine, 'failed');
    assert.equal(s.plain, answerText, 'the answer is there, as its text');
    assert.equal(s.strong, null);
    assert.equal(s.images, 0);
    assert.equal(s.pwned, 0);
    assert.match(s.problem ?? '', /Formatting could not be loaded/);
    assert.ok(await page.locator('.page-problem').isVisible(), 'the problem line is visible');
    // A later answer is shown too, plainly.
    await page.evaluate((msg) => (globalThis as unknown as { postMessage(m: unknown, to: string): void }).postMessage(msg, '*'), { type: 'messageAdded', message: { id: 'a2', role: 'assistant', author: 'backend', text: 'More *text*', status: 'complete', createdAt: 0 } } as HostToWebview);
    assert.equal((await until(page, 'a2', (x) => x.plain !== null)).plain, 'More *text*');
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
