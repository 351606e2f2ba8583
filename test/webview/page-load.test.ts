// VS Code shows a new webview's frame only at its page's load event (or 200 ms after writing the page), and that
// event waits for everything the page has asked for by then. Here the extension's own inline page (chatHtml) under
// its CSP, written into a frame as VS Code writes it (document.open, write, close), in a real Chromium, with a
// server that holds back the page's later scripts and its icon font, and a font the test adds to the page answered
// late (so the load event comes well after the first paint): none of them is asked for before the load event, the event
// comes while they are held, and once they come the answers are Markdown, the highlighter is there and the icons are
// drawn in their font.
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Frame } from 'playwright-core';
import { chatHtml, withIconFontUrl } from '../../src/extension/webview-html';
import { twoMessages } from './two-messages';

const repoRoot = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(repoRoot, p));

async function bundle(entry: string): Promise<string> {
  const r = await esbuild.build({ entryPoints: [path.join(repoRoot, entry)], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'silent' });
  return r.outputFiles[0]?.text ?? '';
}

const snapshot = twoMessages('Load', 'Show me', 'Some **bold** words and code:\n\n```ts\nconst answer = 42;\n```\n');

/** The page's state: what its later scripts and font did, and how the agent's avatar icon is drawn. */
const state = `({
  markdown: document.documentElement.dataset.markdown ?? null,
  highlighter: document.documentElement.dataset.highlighter ?? null,
  strong: document.querySelector('[data-message-id="m1"] .markdown strong')?.textContent ?? null,
  font: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'codicon').map((f) => f.status).join() || null,
  glyph: getComputedStyle(document.querySelector('.message .avatar .codicon'), '::before').visibility,
})`;
interface State {
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
  /** Requests the server holds, by path, until released. */
  const held = new Map<string, () => void>();
  /** What of it had been asked for when the late font was answered (the page's load event comes after that). */
  let askedBeforeLoad: string[] | undefined;

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
      // The frame's first document, on the page's origin, as VS Code's fake.html.
      if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body><iframe src="/blank.html" style="width: 400px; height: 700px"></iframe></body></html>');
      else if (req.url === '/blank.html') res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body></body></html>');
      else if (body) held.set(file, () => res.writeHead(200, { 'content-type': body[0] }).end(body[1]));
      else if (file === '/late.ttf') {
        setTimeout(() => {
          askedBeforeLoad = [...held.keys()];
          res.writeHead(200, { 'content-type': 'font/ttf' }).end(read('dist/codicons/codicon.ttf'));
        }, 600);
      }
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
  async function until(frame: Frame, check: (s: State) => boolean): Promise<State> {
    let s = (await frame.evaluate(state)) as State;
    for (let i = 0; i < 200 && !check(s); i++) {
      await frame.page().waitForTimeout(25);
      s = (await frame.evaluate(state)) as State;
    }
    return s;
  }

  it('fires its load event while its later scripts and icon font are held, then shows Markdown, highlighting and icons once they come', async () => {
    // The styles as a new page carries them (page-assets.ts): the icon subset with its font's URL made absolute.
    const styles = [withIconFontUrl(read('dist/codicons/codicon-subset.css').toString(), `${origin}/dist/codicons`), read('media/chat.css'), read('media/markdown.css')].join('\n');
    // How the first screen draws an icon, read when the page's script has built it (before anything is painted).
    const probe = `window.__glyphAtScript = getComputedStyle(document.querySelector('.message .avatar .codicon'), '::before').visibility;`;
    const page0 = chatHtml({ cspSource: origin, asset: (...p) => `${origin}/${p.join('/')}`, inline: { styles, script: `${await bundle('src/webview/main.ts')}\n${probe}` } }, snapshot);
    // A font the page's policy allows, used by the first screen and answered 600 ms late: the load event waits for it.
    const nonce = /nonce="([^"]+)"/.exec(page0)?.[1] ?? '';
    const html = page0.replace('</head>', `<style nonce="${nonce}">@font-face { font-family: late; src: url("${origin}/late.ttf"); } .composer { font-family: late, sans-serif; }</style>\n</head>`);
    const page = await browser!.newPage({ viewport: { width: 420, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript('window.acquireVsCodeApi = () => ({ postMessage() {}, getState: () => undefined, setState() {} });');
    await page.goto(`${origin}/`);
    const frame = page.frames().find((f) => f.url().endsWith('/blank.html'))!;
    // VS Code's way: the page's HTML written into the frame's document in one go, then a listener for the load event
    // at which it shows the frame.
    await page.evaluate((text) => {
      const host = globalThis as unknown as { frameLoaded?: boolean; document: { querySelector(s: string): { contentDocument: { open(): void; write(t: string): void; close(): void }; contentWindow: { addEventListener(e: string, f: () => void): void } } } };
      const frameElement = host.document.querySelector('iframe');
      const doc = frameElement.contentDocument;
      doc.open();
      doc.write(text);
      doc.close();
      frameElement.contentWindow.addEventListener('load', () => (host.frameLoaded = true));
    }, html);
    for (let i = 0; i < 200 && !(await page.evaluate('window.frameLoaded === true')); i++) await page.waitForTimeout(25);
    assert.ok(await page.evaluate('window.frameLoaded === true'), `the load event came while the server held ${[...held.keys()].join(', ') || 'nothing'}`);
    assert.deepEqual(askedBeforeLoad, [], 'nothing the page loads later was asked for before its load event');
    assert.equal(await frame.evaluate('window.__glyphAtScript'), 'hidden', 'no icon glyph is drawn before the font is there');
    // After the load event and a paint, the page asks for all three.
    for (let i = 0; i < 200 && held.size < 3; i++) await page.waitForTimeout(25);
    assert.deepEqual([...held.keys()].sort(), ['/dist/codicons/codicon.ttf', '/dist/webview-highlight.js', '/dist/webview-markdown.js']);
    for (const release of held.values()) release();
    held.clear();
    const done = await until(frame, (s) => s.strong !== null && s.highlighter === 'ready' && s.font === 'loaded');
    assert.deepEqual(done, { markdown: 'ready', highlighter: 'ready', strong: 'bold', font: 'loaded', glyph: 'visible' });
    await frame.locator('[data-message-id="m1"] code span[class^="hljs-"]').first().waitFor();
    // The page's policy let all of it in: a refused script or font would have left the state above short.
    assert.deepEqual(errors, []);
    await page.close();
  });
});
