// A test page for the chat's Markdown renderer in a real Chromium: the chat page exactly as the extension
// writes it (chatHtml, with its CSP), whose script is the renderer bundled by esbuild the way the extension
// bundles it, preceded by a stand-in `acquireVsCodeApi` that records what the page posts (the host seam,
// not the thing under test). Served from a throwaway local HTTP server; every test gets a fresh page.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chatHtml } from '../../src/extension/webview-html';
import type { PageApi } from './fixtures/page-api';

const repoRoot = findRepoRoot(__dirname);
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export interface TestPage {
  page: Page;
  origin: string;
  /** Every URL the page asked for (Playwright's view: it can list a load the CSP then blocked). */
  requests: string[];
  /** Dialogs (alert/confirm/prompt) the page tried to open; they are dismissed. */
  dialogs: string[];
  /** Console errors and uncaught exceptions of the page. */
  errors: string[];
  /** CSP violations the page reported (securitypolicyviolation events): directive and blocked URL. */
  violations: string[];
}

/** The files the chat page loads, as the extension lays them out. */
export const pageAssets = ['/dist/webview.js', '/dist/codicons/codicon.css', '/dist/codicons/codicon.ttf', '/media/chat.css', '/media/markdown.css'];

/**
 * Registers hooks for a suite: one browser and server for the suite, and a fresh page (loaded and ready)
 * before each test, so no test depends on what an earlier one did. Returns a getter for the current page.
 */
export function useTestPage(options: { csp: boolean }): () => TestPage {
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let current: TestPage | undefined;
  before(async function () {
    this.timeout(60_000);
    server = await serve(await bundleRenderer(), options.csp);
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
  });
  beforeEach(async () => {
    if (!browser || !server) throw new Error('the test browser did not start');
    current = await openPage(browser, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterEach(async () => {
    await current?.page.close();
    current = undefined;
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

async function openPage(browser: Browser, origin: string): Promise<TestPage> {
  const page = await browser.newPage({ viewport: { width: 480, height: 800 } });
  const t: TestPage = { page, origin, requests: [], dialogs: [], errors: [], violations: [] };
  page.on('request', (r) => t.requests.push(r.url()));
  page.on('dialog', (d) => {
    t.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') t.errors.push(m.text());
  });
  page.on('pageerror', (e) => t.errors.push(e.message));
  // Reported through a binding and an init script, which the page's CSP does not govern.
  await page.exposeFunction('__reportViolation', (v: string) => t.violations.push(v));
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.__reportViolation(e.effectiveDirective + ' ' + e.blockedURI));`);
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'mdTest' in globalThis);
  return t;
}

/** Calls one of the page's helpers (see fixtures/page-api.ts) and returns its result. */
export function call<K extends keyof PageApi>(page: Page, name: K, ...args: Parameters<PageApi[K]>): Promise<ReturnType<PageApi[K]>> {
  return page.evaluate(
    ({ name, args }) => (globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>).mdTest?.[name]?.(...args),
    { name, args: args as unknown[] },
  ) as Promise<ReturnType<PageApi[K]>>;
}

/** Defines what VS Code provides a webview page, ahead of the bundle, recording posted messages. */
const hostStandIn = `window.__posted = [];
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });`;

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
      banner: { js: hostStandIn },
      logLevel: 'silent',
    })
    .then((r) => r.outputFiles[0]?.text ?? '');
  return bundled;
}

function serve(bundle: string, csp: boolean): Promise<http.Server> {
  const file = (...p: string[]) => () => fs.readFileSync(path.join(repoRoot, ...p));
  const assets: Record<string, [string, () => string | Buffer]> = {
    '/dist/webview.js': ['text/javascript', () => bundle],
    '/dist/codicons/codicon.css': ['text/css', file('node_modules/@vscode/codicons/dist/codicon.css')],
    '/dist/codicons/codicon.ttf': ['font/ttf', file('node_modules/@vscode/codicons/dist/codicon.ttf')],
    '/media/chat.css': ['text/css', file('media/chat.css')],
    '/media/markdown.css': ['text/css', file('media/markdown.css')],
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

/** The chat page as shipped, with the server's origin as the webview source; `csp: false` takes its CSP out. */
function pageHtml(origin: string, csp: boolean): string {
  const html = chatHtml({ cspSource: origin, asset: (...p) => `${origin}/${p.join('/')}` });
  if (csp) return html;
  const withoutCsp = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '<!-- no CSP: the sanitizer alone must hold -->');
  if (withoutCsp === html) throw new Error('the chat page has no CSP meta tag to remove');
  return withoutCsp;
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'esbuild.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`repository root not found above ${start}`);
  }
}
