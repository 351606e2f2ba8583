// A test page for the chat's Markdown renderer in a real Chromium: the renderer bundled by esbuild the
// way the extension bundles it, the chat page's CSP, and a stand-in `acquireVsCodeApi` that records what
// the page posts (the host seam, not the thing under test). Served from a throwaway local HTTP server.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PageApi } from './fixtures/page-api';

const repoRoot = findRepoRoot(__dirname);
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface TestPage {
  page: Page;
  origin: string;
  /** Every URL the page requested (Playwright's view, so blocked-by-CSP loads do not appear). */
  requests: string[];
  /** Dialogs (alert/confirm/prompt) the page tried to open; they are dismissed. */
  dialogs: string[];
  /** Console errors, which include CSP violations. */
  errors: string[];
}

/** Registers before/after hooks for a suite and returns a getter for its page. */
export function useTestPage(options: { csp: boolean }): () => TestPage {
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let current: TestPage | undefined;
  before(async function () {
    this.timeout(60_000);
    const bundle = await bundleRenderer();
    server = await serve(bundle, options.csp);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 480, height: 800 } });
    current = { page, origin, requests: [], dialogs: [], errors: [] };
    const t = current;
    page.on('request', (r) => t.requests.push(r.url()));
    page.on('dialog', (d) => {
      t.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') t.errors.push(m.text());
    });
    page.on('pageerror', (e) => t.errors.push(e.message));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'mdTest' in globalThis);
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });
  return () => {
    if (!current) throw new Error('the test page is not open');
    return current;
  };
}

/** Calls one of the page's helpers (see fixtures/page-api.ts) and returns its result. */
export function call<K extends keyof PageApi>(page: Page, name: K, ...args: Parameters<PageApi[K]>): Promise<ReturnType<PageApi[K]>> {
  return page.evaluate(
    ({ name, args }) => (globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>).mdTest?.[name]?.(...args),
    { name, args: args as unknown[] },
  ) as Promise<ReturnType<PageApi[K]>>;
}

let bundled: Promise<string> | undefined;
/** The page bundle, built once per run with the extension's webview settings (browser, IIFE, chrome120). */
function bundleRenderer(): Promise<string> {
  bundled ??= esbuild
    .build({
      entryPoints: [path.join(repoRoot, 'test/webview/fixtures/renderer-entry.mts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      logLevel: 'silent',
    })
    .then((r) => r.outputFiles[0]?.text ?? '');
  return bundled;
}

function serve(bundle: string, csp: boolean): Promise<http.Server> {
  const assets: Record<string, [string, () => string | Buffer]> = {
    '/renderer.js': ['text/javascript', () => bundle],
    '/markdown.css': ['text/css', () => fs.readFileSync(path.join(repoRoot, 'media/markdown.css'))],
    '/chat.css': ['text/css', () => fs.readFileSync(path.join(repoRoot, 'media/chat.css'))],
    '/codicon.css': ['text/css', () => fs.readFileSync(path.join(repoRoot, 'node_modules/@vscode/codicons/dist/codicon.css'))],
    '/codicon.ttf': ['font/ttf', () => fs.readFileSync(path.join(repoRoot, 'node_modules/@vscode/codicons/dist/codicon.ttf'))],
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = `http://${req.headers.host ?? ''}`;
    const asset = assets[url.pathname];
    if (url.pathname === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml(origin, csp));
    else if (url.pathname === '/favicon.ico') res.writeHead(204).end();
    else if (asset) res.writeHead(200, { 'content-type': asset[0] }).end(asset[1]());
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The chat page's shape and CSP (src/extension/webview-html.ts), with the server's origin as the webview source. */
function pageHtml(origin: string, csp: boolean): string {
  const nonce = 'test-nonce-0123456789';
  const policy = [`default-src 'none'`, `style-src ${origin}`, `font-src ${origin}`, `img-src ${origin} data:`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
${csp ? `<meta http-equiv="Content-Security-Policy" content="${policy}">` : '<!-- no CSP: the sanitizer alone must hold -->'}
<link rel="stylesheet" href="/codicon.css">
<link rel="stylesheet" href="/chat.css">
<link rel="stylesheet" href="/markdown.css">
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}">
window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });
</script>
<script nonce="${nonce}" src="/renderer.js"></script>
</body>
</html>`;
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'esbuild.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`repository root not found above ${start}`);
  }
}
