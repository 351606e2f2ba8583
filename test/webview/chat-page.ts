// The whole chat page (src/webview/main.ts, bundled as the extension bundles it) in a real Chromium, with
// the CSS the extension ships, the webview's own default styles, and a theme's `--vscode-*` variables set
// the way VS Code sets them (on <html>, with the theme kind as a body class). A stand-in
// `acquireVsCodeApi` records what the page posts; `hostSends` delivers what the host would post.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { themes, type ThemeName } from './themes';

const repoRoot = path.resolve(__dirname, '../../..');

/** Registers hooks that open one browser for the suite; `open` loads a fresh chat page in a theme. */
export function useChatPage(): (theme?: ThemeName, width?: number) => Promise<Page> {
  let browser: Browser | undefined;
  let server: http.Server | undefined;
  let origin = '';
  before(async function () {
    this.timeout(60_000);
    server = await serve(await bundle());
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });
  return async (theme = 'dark', width = 360) => {
    const page = await browser!.newPage({ viewport: { width, height: 640 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/?theme=${theme}`);
    await page.waitForSelector('.composer');
    // The Markdown engine and the highlighter load after the first paint; tests look at the page once it is whole.
    await page.waitForSelector('html[data-markdown="ready"][data-highlighter="ready"]', { state: 'attached' });
    if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`);
    return page;
  };
}

/**
 * Delivers `message` to the page as the extension host would (a window message event), and resolves once the
 * page's own listener has handled it: a listener added now runs after the page's for the same event, whereas
 * `postMessage` alone only queues it, so a check right after could run first on a busy machine.
 */
export async function hostSends(page: Page, ...messages: HostToWebview[]): Promise<void> {
  for (const message of messages) {
    await page.evaluate((m) => new Promise<void>((resolve) => {
      const w = globalThis as unknown as { postMessage(m: unknown, to: string): void; addEventListener(type: string, fn: () => void, o: { once: boolean }): void };
      w.addEventListener('message', () => resolve(), { once: true });
      w.postMessage(m, '*');
    }), message);
  }
}

/** What the page posted to the host so far. */
export function posted(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate('window.__posted') as Promise<{ type: string; [k: string]: unknown }[]>;
}

interface Bundles {
  main: string;
  markdown: string;
  highlighter: string;
}

let built: Promise<Bundles> | undefined;
/** The page's three bundles, as the extension builds them: the page, and the Markdown engine and highlighter it loads after its first paint. */
function bundle(): Promise<Bundles> {
  const one = (entry: string) =>
    esbuild
      .build({ entryPoints: [path.join(repoRoot, entry)], bundle: true, write: false, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'silent' })
      .then((r) => r.outputFiles[0]?.text ?? '');
  built ??= Promise.all([one('src/webview/main.ts'), one('src/webview/markdown-entry.ts'), one('src/webview/highlight-entry.ts')]).then(([main, markdown, highlighter]) => ({ main, markdown, highlighter }));
  return built;
}

function serve(scripts: Bundles): Promise<http.Server> {
  const files: Record<string, [string, () => string | Buffer]> = {
    '/webview.js': ['text/javascript', () => scripts.main],
    '/webview-markdown.js': ['text/javascript', () => scripts.markdown],
    '/webview-highlight.js': ['text/javascript', () => scripts.highlighter],
    '/chat.css': ['text/css', () => fs.readFileSync(path.join(repoRoot, 'media/chat.css'))],
    '/markdown.css': ['text/css', () => fs.readFileSync(path.join(repoRoot, 'media/markdown.css'))],
    '/codicon.css': ['text/css', () => fs.readFileSync(path.join(repoRoot, 'node_modules/@vscode/codicons/dist/codicon.css'))],
    '/codicon.ttf': ['font/ttf', () => fs.readFileSync(path.join(repoRoot, 'node_modules/@vscode/codicons/dist/codicon.ttf'))],
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = files[url.pathname];
    if (url.pathname === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(pageHtml(url.searchParams.get('theme') as ThemeName));
    else if (file) res.writeHead(200, { 'content-type': file[0] }).end(file[1]());
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function pageHtml(theme: ThemeName): string {
  const { kind, vars } = themes[theme];
  const style = Object.entries(vars).map(([k, v]) => `--vscode-${k}: ${v};`).join(' ');
  return `<!DOCTYPE html>
<html lang="en" style="${style}">
<head>
<meta charset="UTF-8">
<style>
/* The webview's own defaults (a layer, as VS Code injects them): fields get the browser's focus ring. */
@layer vscode-default {
  body { color: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; padding: 0 20px; }
  a:focus, input:focus, select:focus, textarea:focus { outline: 1px solid -webkit-focus-ring-color; outline-offset: -1px; }
}
</style>
<link rel="stylesheet" href="/codicon.css">
<link rel="stylesheet" href="/chat.css">
<link rel="stylesheet" href="/markdown.css">
</head>
<body class="${kind}" data-vscode-theme-kind="${kind}">
<div id="app"></div>
<script>
window.__posted = [];
let state;
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
</script>
<script src="/webview.js"></script>
</body>
</html>`;
}

/** Computed style properties of the first element matching `selector` (the page's own getComputedStyle). */
export function styleOf(page: Page, selector: string, ...props: string[]): Promise<Record<string, string>> {
  return page.evaluate(
    `(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) throw new Error('no ' + ${JSON.stringify(selector)});
      const s = getComputedStyle(e); return Object.fromEntries(${JSON.stringify(props)}.map((p) => [p, s.getPropertyValue(p)])); })()`,
  ) as Promise<Record<string, string>>;
}

/** A colour as the browser computes it ("rgb(r, g, b)"), for comparing with computed styles. */
export function rgb(hex: string): string {
  const n = parseInt(hex.slice(1, 7), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
