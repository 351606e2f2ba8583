/*
 * Playwright helpers for end-to-end tests on the REAL VS Code workbench (VS Code 1.139.1's web workbench and
 * server from the `code-server` npm package, in Chromium from apt, driven by playwright-core).
 *
 * The server/Chromium plumbing lives once, in test/vscode-host/server.mjs (plain ESM, shared with the
 * integration runner and `npm start`); this file loads it with a dynamic import and adds workbench helpers.
 * Every wait is bounded, and the server and Chromium run in their own process groups that are killed on
 * close(), on process exit and on SIGINT/SIGTERM/SIGHUP.
 *
 * Typical use in a mocha suite (plain Node, see smoke.test.ts):
 *
 *     const wb = useWorkbench({ settings: { ... } });   // before: open, afterEach: artifacts on failure, after: close
 *     it('...', async () => { await runCommand(wb().page, 'View: Toggle Panel'); });
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { drainReplies } from './anthropic-requests';

type Host = typeof import('../vscode-host/server.mjs', { with: { 'resolution-mode': 'import' } });
type VscodeServer = Awaited<ReturnType<Host['startVscodeServer']>>;

/** The repository root, found from the compiled file's location (out/test/e2e/ or test/e2e/). */
export const repoRoot: string = findRepoRoot(__dirname);
export const sampleWorkspace: string = path.join(repoRoot, 'test', 'workspace');
export const resultsDir: string = path.join(repoRoot, 'test-results', 'e2e');

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    // package.json too: out/ holds a copy of server.mjs (tsc emits the .mjs this file takes its types from).
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'test', 'vscode-host', 'server.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`test/vscode-host/server.mjs not found above ${start}`);
  }
}

let hostModule: Promise<Host> | undefined;
/** The shared server/Chromium module (ESM), loaded once. */
export function host(): Promise<Host> {
  hostModule ??= import(pathToFileURL(path.join(repoRoot, 'test', 'vscode-host', 'server.mjs')).href) as Promise<Host>;
  return hostModule;
}

// Bounds for the waits below, in milliseconds. Generous: on a loaded 2-core machine the extension host takes
// 20 s or more to come up, and Quick Open's file search answers only once it has.
// AGENT_CHAT_E2E_TIMEOUT_SCALE multiplies them all (e.g. 2 on a slow CI runner).
const scale = Number(process.env.AGENT_CHAT_E2E_TIMEOUT_SCALE ?? '1') || 1;
export const timeouts = {
  workbench: 120_000 * scale,
  ui: 30_000 * scale,
  quickPick: 60_000 * scale,
  navigation: 60_000 * scale,
} as const;

export interface WorkbenchOptions {
  /** Folder to open; default test/workspace. */
  workspace?: string;
  /** Extension(s) to load in development mode; default the repo root; null for none. */
  extensionDevelopmentPath?: string | string[] | null;
  /** Written to the server's Machine/settings.json before start (settings the extension contributes). */
  settings?: Record<string, unknown>;
  /** Environment of the server, hence of the extension host (e.g. a fake provider's URL and key). */
  env?: Record<string, string>;
  /**
   * 'disabled' (default): Workspace Trust switched off for the run (--disable-workspace-trust).
   * 'trusted' / 'restricted': the feature is on and the trust dialog is answered yes / no.
   */
  trust?: 'disabled' | 'trusted' | 'restricted';
  viewport?: { width: number; height: number };
  /** Used to name failure artifacts. */
  name?: string;
  /** Extensions folder of the server (e.g. one a VSIX was installed into); default a fresh temp folder. */
  extensionsDir?: string;
}

export interface Workbench {
  readonly page: Page;
  readonly browser: Browser;
  readonly server: VscodeServer;
  readonly url: string;
  /** The extension host's console output (from the page console) and anything sent to codeAutomationLog. */
  readonly extHostLog: string[];
  /** The page's own console and errors. */
  readonly browserLog: string[];
  /** The same console messages and uncaught errors, with the URL of the document or script they came from. */
  readonly browserConsole: { type: string; text: string; url: string }[];
  /** Screenshot and logs into test-results/e2e/<name>/; returns the folder. */
  saveArtifacts(name: string): Promise<string>;
  /** Closes Chromium and stops the server (whole process groups). Safe to call twice. */
  close(): Promise<void>;
}

/** Starts the VS Code server and Chromium and opens the workbench on a folder; waits until it is ready. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const h = await host();
  const trust = options.trust ?? 'disabled';
  const serverLog: string[] = [];
  const browserLog: string[] = [];
  const browserConsole: { type: string; text: string; url: string }[] = [];
  const server = await h.startVscodeServer({
    settings: { 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, ...options.settings },
    env: options.env ?? {},
    disableWorkspaceTrust: trust === 'disabled',
    ...(options.extensionsDir ? { extensionsDir: options.extensionsDir } : {}),
    onOutput: (line) => {
      serverLog.push(line);
      if (serverLog.length > 5000) serverLog.shift();
    },
  });
  let browser: Browser | undefined;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      await browser?.close();
      await server.stop();
    })();
    return closed;
  };
  try {
    browser = await h.launchChromium();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    page.setDefaultTimeout(timeouts.ui);
    page.setDefaultNavigationTimeout(timeouts.navigation);
    const automation = await h.exposeAutomation(page);
    page.on('console', (msg) => {
      const text = msg.text();
      browserLog.push(`${msg.type()}: ${text}`);
      browserConsole.push({ type: msg.type(), text, url: msg.location().url });
      // The extension host's console arrives as console.log('%c[Extension Host] %c' + message, 'color: blue', 'color:', ...args).
      if (text.startsWith('%c[Extension Host]')) {
        automation.log.push(`${msg.type()}: ${text.replace(/^%c\[Extension Host\] %c/, '').replace(/ color: blue color:/, '')}`);
      }
    });
    page.on('pageerror', (err) => {
      browserLog.push(`pageerror: ${err.stack ?? err.message}`);
      // An uncaught error names its document in the first frame of its stack.
      browserConsole.push({ type: 'pageerror', text: err.message, url: /\((\S+?):\d+:\d+\)|at (\S+?):\d+:\d+/.exec(err.stack ?? '')?.slice(1).find(Boolean) ?? '' });
    });
    const dev = options.extensionDevelopmentPath === undefined ? repoRoot : options.extensionDevelopmentPath;
    const url = server.workbenchUrl({ folder: options.workspace ?? sampleWorkspace, ...(dev ? { extensionDevelopmentPath: dev } : {}) });
    const wb: Workbench = {
      page,
      browser,
      server,
      url,
      extHostLog: automation.log,
      browserLog,
      browserConsole,
      saveArtifacts: (name) => saveArtifacts(wb, name, serverLog),
      close,
    };
    await page.goto(url);
    await waitForWorkbench(page);
    if (trust !== 'disabled') await answerTrustDialog(page, trust === 'trusted');
    return wb;
  } catch (err) {
    if (browser) {
      const pages = browser.contexts().flatMap((c) => c.pages());
      const dir = path.join(resultsDir, sanitize(options.name ?? 'openWorkbench'));
      fs.mkdirSync(dir, { recursive: true });
      if (pages[0]) await pages[0].screenshot({ path: path.join(dir, 'screenshot.png'), timeout: 10_000 }).catch(() => undefined);
      fs.writeFileSync(path.join(dir, 'server.log'), `${serverLog.join('\n')}\n`);
      fs.writeFileSync(path.join(dir, 'browser-console.log'), `${browserLog.join('\n')}\n`);
    }
    await close();
    throw err;
  }
}

/**
 * Mocha glue: opens a workbench before the suite, saves artifacts after each failed test, closes it after
 * the suite (also when tests fail). Returns a getter for the open workbench.
 */
export function useWorkbench(options: WorkbenchOptions = {}): () => Workbench {
  let wb: Workbench | undefined;
  before(async function () {
    this.timeout(15 * 60_000); // the first run may install VS Code (3 to 5 minutes)
    wb = await openWorkbench(options);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (wb && test?.state === 'failed') {
      const dir = await wb.saveArtifacts(`${options.name ?? ''} ${test.fullTitle()}`);
      console.log(`    artifacts: ${path.relative(process.cwd(), dir)}`);
    }
  });
  after(async function () {
    this.timeout(60_000);
    await wb?.close();
  });
  return () => {
    if (!wb) throw new Error('the workbench is not open (did the before hook fail?)');
    return wb;
  };
}

export interface AnthropicWorkbenchOptions {
  /** Names the failure artifacts. */
  name: string;
  workspace: string;
  /** Settings besides the provider, its fake server's URL and no retries. */
  settings?: Record<string, unknown>;
  /** Environment of the extension host besides the API key. */
  env?: Record<string, string>;
}

/**
 * A workbench whose chat talks to a fake Anthropic server started for the suite (the key in the environment).
 * After a failed test the turn is stopped (a pending approval is rejected) and the replies it did not use are
 * dropped, so the next test starts clean instead of failing too. Closes the server after the workbench.
 */
export function useAnthropicWorkbench(options: AnthropicWorkbenchOptions): { wb: () => Workbench; server: () => FakeServer } {
  let server: FakeServer | undefined;
  const settings: Record<string, unknown> = { 'agentChat.provider': 'anthropic', 'agentChat.maxRetries': 0, ...options.settings };
  // Registered before useWorkbench's hooks: the URL is in the settings before the server of VS Code starts.
  before(async () => {
    server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = server.url;
  });
  const wb = useWorkbench({ name: options.name, settings, env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret', ...options.env }, workspace: options.workspace });
  const fake = (): FakeServer => {
    if (!server) throw new Error('the fake Anthropic server is not running (did the before hook fail?)');
    return server;
  };
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !server) return;
    await runCommand(wb().page, 'Agent Chat: Stop').catch(() => undefined);
    await drainReplies(server);
  });
  // After useWorkbench's own `after`: the workbench is closed first.
  after(async () => {
    await server?.close();
  });
  return { wb, server: fake };
}

/** Waits until the workbench is laid out and connected to the server. */
export async function waitForWorkbench(page: Page, timeout: number = timeouts.workbench): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout });
  await page.locator('.monaco-workbench .part.activitybar, .monaco-workbench .part.sidebar').first().waitFor({ state: 'visible', timeout });
}

/** Answers the "Do you trust the authors…" dialog, if it shows up within a few seconds. */
export async function answerTrustDialog(page: Page, trust: boolean, timeout: number = 10_000): Promise<boolean> {
  const dialog = page.locator('.monaco-dialog-box');
  try {
    await dialog.waitFor({ state: 'visible', timeout });
  } catch {
    return false;
  }
  const name = trust ? /Yes, I trust the authors/ : /No, I don't trust the authors/;
  await dialog.getByRole('button', { name }).click();
  await dialog.waitFor({ state: 'hidden', timeout: timeouts.ui });
  return true;
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/**
 * Opens the quick input with `key`, replaces its text with `text` and picks the row labelled `label`.
 * A quick input closes when focus moves away (a webview that takes focus a moment after it was revealed, an
 * editor opening), and Quick Open's file search can miss an answer while the window is still starting; so the
 * whole open–type–pick is tried again, up to three times, before giving up with the rows that were shown.
 */
async function quickPick(page: Page, key: string, text: string, label: string): Promise<void> {
  const attempts = 3;
  let failure = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    failure = await tryQuickPick(page, key, text, label, timeouts.quickPick / attempts);
    if (!failure) return;
    await page.keyboard.press('Escape').catch(() => undefined);
    // Take focus back to the workbench: a webview or a dying extension host does not pass keys on.
    await page.evaluate('document.activeElement && document.activeElement.blur && document.activeElement.blur()');
  }
  throw new Error(failure);
}

/** One attempt of `quickPick`: '' when the row was picked, else what went wrong. */
async function tryQuickPick(page: Page, key: string, text: string, label: string, timeout: number): Promise<string> {
  const widget = quickInput(page);
  const input = widget.locator('input.input, .quick-input-box input').first();
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  const exact = rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) }).first();
  try {
    await page.keyboard.press(key);
    await input.waitFor({ state: 'visible', timeout: Math.min(timeout, 5000) });
    await input.fill(text, { timeout });
    await exact.waitFor({ state: 'visible', timeout });
    await exact.click({ timeout });
    return '';
  } catch (error) {
    const shown = await rows.allInnerTexts().catch(() => []);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return `"${label}" not offered for "${text}" (${reason}); rows: ${JSON.stringify(shown.slice(0, 10))}`;
  }
}

/** Runs a command by its title through the command palette (F1), e.g. 'View: Toggle Panel'. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await quickPick(page, 'F1', `>${title}`, title);
}

/** Opens a view or view container by its title ('Explorer', 'Agent Chat', …) via "View: Open View". */
export async function openView(page: Page, title: string): Promise<void> {
  await quickPick(page, 'F1', `view ${title}`, title);
}

/** Opens a workspace file by name through Quick Open and waits for its editor tab to be active. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await quickPick(page, 'Control+P', fileName, path.basename(fileName));
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(fileName) }).waitFor({ state: 'visible' });
  await activeEditor(page).waitFor({ state: 'visible' });
}

/** The focused text editor's Monaco root. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
}

/** The rendered token(s) of the active editor whose text is exactly `text` (a target for clicks). */
export function editorToken(page: Page, text: string): Locator {
  return activeEditor(page)
    .locator('.view-line > span > span')
    .filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
}

/**
 * Selects the `occurrence`-th (1-based) case-sensitive match of `text` in a file's editor (opened first when
 * `file` is given), using the editor's Find widget, which leaves the match selected when closed.
 */
export async function selectTextInEditor(page: Page, options: { file?: string; text: string; occurrence?: number }): Promise<void> {
  if (options.file) await openFile(page, options.file);
  const editor = activeEditor(page);
  await editor.locator('.view-lines').first().click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+F');
  const find = editor.locator('.find-widget.visible');
  await find.waitFor({ state: 'visible' });
  const matchCase = find.locator('.monaco-custom-toggle[aria-label^="Match Case"]').first();
  if ((await matchCase.getAttribute('aria-checked')) !== 'true') await matchCase.click();
  const field = find.locator('textarea, input').first();
  await field.fill(options.text);
  await find.locator('.matchesCount').filter({ hasText: /^1 of \d+/ }).waitFor({ state: 'visible' });
  for (let i = 1; i < (options.occurrence ?? 1); i++) await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await find.waitFor({ state: 'hidden' });
  await page.locator('#status\\.editor\\.selection').filter({ hasText: new RegExp(`\\(${options.text.length} selected\\)`) }).waitFor({ state: 'visible' });
}

/**
 * Right-clicks `target` and picks a context menu item; pass a path for submenus, e.g. ['Agent Chat', 'Explain'].
 * Context menus render in a shadow root, which Playwright's locators pierce.
 */
export async function contextMenu(page: Page, target: Locator, item: string | string[]): Promise<void> {
  const items = Array.isArray(item) ? item : [item];
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu').last();
  await menu.waitFor({ state: 'visible' });
  for (const [i, label] of items.entries()) {
    const entry = page
      .locator('.context-view .monaco-menu')
      .last()
      .getByRole('menuitem')
      .filter({ has: page.locator('.action-label', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
    try {
      await entry.waitFor({ state: 'visible' });
    } catch {
      const shown = await page.locator('.context-view .monaco-menu').last().getByRole('menuitem').allInnerTexts().catch(() => []);
      await page.keyboard.press('Escape');
      throw new Error(`context menu item "${label}" not found; items: ${JSON.stringify(shown)}`);
    }
    if (i < items.length - 1) await entry.hover();
    else await entry.click();
  }
}

/** The content of a webview (`iframe.webview` → `iframe#active-frame`); `index` picks among visible ones. */
export function webviewFrame(page: Page, index = 0): FrameLocator {
  return page.locator('iframe.webview.ready').nth(index).contentFrame().locator('iframe#active-frame').contentFrame();
}

/** Reloads the window like "Developer: Reload Window" and waits for the workbench again. */
export async function reloadWindow(page: Page): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: timeouts.navigation });
  await runCommand(page, 'Developer: Reload Window');
  await navigated;
  await page.waitForLoadState('load', { timeout: timeouts.navigation });
  await waitForWorkbench(page);
}

/** Rows of the Explorer tree (labels), after showing the Explorer. */
export async function explorerItems(page: Page): Promise<string[]> {
  const rows = page.locator('.explorer-folders-view .monaco-list-row');
  await rows.first().waitFor({ state: 'visible' });
  return (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''))).map((s) => s.trim());
}

async function saveArtifacts(wb: Workbench, name: string, serverLog: string[]): Promise<string> {
  const h = await host();
  const dir = path.join(resultsDir, sanitize(name));
  fs.mkdirSync(dir, { recursive: true });
  await wb.page.screenshot({ path: path.join(dir, 'screenshot.png'), timeout: 10_000 }).catch(() => undefined);
  fs.writeFileSync(path.join(dir, 'exthost-console.log'), `${wb.extHostLog.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'browser-console.log'), `${wb.browserLog.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'server.log'), `${serverLog.join('\n')}\n`);
  h.copyDirIfExists(wb.server.logsDir, path.join(dir, 'server-logs'));
  return dir;
}

function sanitize(name: string): string {
  return name.trim().replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 120) || 'unnamed';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
