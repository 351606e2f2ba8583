// @ts-check
// Starts VS Code's own server (from code-server's npm package, see install.mjs) and Chromium, and makes sure
// both die with us. The single implementation used by run-integration.mjs, start.mjs and the TypeScript E2E
// harness (test/e2e/harness.ts loads this module with a dynamic import; its types come from the JSDoc here,
// checked by `npm run typecheck`).
//
// Every process we start leads its own process group; stop()/close() end the whole group, and so do our
// handlers for exit, SIGINT, SIGTERM and SIGHUP. Every wait has a bound.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureInstalled, offlinePaths, repoRoot } from './install.mjs';

export { repoRoot };

/**
 * @typedef {import('playwright-core').Browser} Browser
 * @typedef {import('playwright-core').Page} Page
 * @typedef {object} StartVscodeServerOptions
 * @property {string} [userDataDir]
 * @property {string} [serverDataDir]
 * @property {string} [extensionsDir]
 * @property {Record<string, string>} [env]
 * @property {Record<string, unknown>} [settings]
 * @property {boolean} [disableWorkspaceTrust]
 * @property {string[]} [extraArgs]
 * @property {number} [port]
 * @property {number} [readyTimeoutMs]
 * @property {string} [logFile]
 * @property {boolean} [keepData]
 * @property {(line: string) => void} [onOutput]
 * @typedef {object} WorkbenchUrlOptions
 * @property {string} [folder]
 * @property {string} [folderUri]  a folder of another scheme than the server's disk (e.g. `memfs:/x`), instead of `folder`
 * @property {string | string[]} [extensionDevelopmentPath]
 * @property {string} [extensionTestsPath]
 * @typedef {object} VscodeServer
 * @property {string} host
 * @property {number} port
 * @property {string} url
 * @property {number} pid
 * @property {string} userDataDir
 * @property {string} serverDataDir
 * @property {string} extensionsDir
 * @property {string} logsDir  where the server writes its own and the extension host's log files
 * @property {string[]} output
 * @property {boolean} exited
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exitedPromise
 * @property {(options: WorkbenchUrlOptions) => string} workbenchUrl
 * @property {() => Promise<void>} stop
 * @typedef {{ relativePath: string, contents: string }} LogFile
 * @typedef {object} Automation
 * @property {Promise<number>} exitCode
 * @property {string[]} log
 * @property {LogFile[]} logFiles
 */

const HOST = '127.0.0.1';
const READY_LINE = 'Extension host agent listening on';

// ---------------------------------------------------------------------------------------------------------
// Process-group bookkeeping: whatever happens to this process, the groups we started are killed.

/** @type {Set<number>} */
const liveGroups = new Set();
/** @type {Set<string>} */
const tempDirs = new Set();
let handlersInstalled = false;

/**
 * Removes `dir` when this process exits, even through a signal (undo with the returned function).
 * @param {string} dir
 * @returns {() => void}
 */
export function removeOnExit(dir) {
  installHandlers();
  tempDirs.add(dir);
  return () => void tempDirs.delete(dir);
}

/**
 * @param {number} pid
 * @param {NodeJS.Signals | 0} signal
 */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

/** @param {number | undefined} pid */
function trackGroup(pid) {
  if (pid === undefined) return;
  liveGroups.add(pid);
  installHandlers();
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const g of liveGroups) killGroup(g, 'SIGKILL');
    for (const dir of tempDirs) {
      try {
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
      } catch {
        // best effort
      }
    }
  });
  let signalled = false;
  /** @type {[NodeJS.Signals, number][]} */
  const exitCodes = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]];
  for (const [signal, code] of exitCodes) {
    process.on(signal, () => {
      if (signalled) {
        // A second signal: no more patience.
        for (const g of liveGroups) killGroup(g, 'SIGKILL');
        process.exit(code);
      }
      signalled = true;
      // Give the groups up to 3 s to end on SIGTERM (the server flushes its state), then SIGKILL them.
      void Promise.all([...liveGroups].map((g) => endGroup(g, 3000))).finally(() => process.exit(code));
    });
  }
}

/** @param {number} pid */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM the group, wait up to `graceMs`, then SIGKILL it; resolves when nothing of it is left.
 * @param {number} pid
 * @param {number} [graceMs]
 * @returns {Promise<void>}
 */
export async function endGroup(pid, graceMs = 5000) {
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  const hardDeadline = Date.now() + 5000;
  while (groupAlive(pid) && Date.now() < hardDeadline) await sleep(50);
  liveGroups.delete(pid);
}

// ---------------------------------------------------------------------------------------------------------
// Small utilities.

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Rejects with `message` after `ms`, and never leaves the timer behind.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} message
 * @returns {Promise<T>}
 */
export async function withTimeout(promise, ms, message) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  try {
    return await Promise.race([
      promise,
      /** @type {Promise<never>} */ (new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${message} (after ${Math.round(ms / 1000)}s)`)), ms);
      })),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A port that was free a moment ago on 127.0.0.1.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Whether `port` on 127.0.0.1 can be listened on right now.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, HOST, () => srv.close(() => resolve(true)));
  });
}

// ---------------------------------------------------------------------------------------------------------
// The VS Code server.

/**
 * Starts `server-main.js` under Node 24 and resolves once it listens.
 *
 * Options (all optional):
 * - userDataDir, serverDataDir, extensionsDir: default to folders in one fresh temp dir, removed by stop()
 *   unless `keepData` is set;
 * - env: extra environment for the server and so for the extension host (e.g. a fake provider's key);
 * - settings: written to `<userDataDir>/Machine/settings.json` before start (settings the extension
 *   contributes, for the remote extension host);
 * - disableWorkspaceTrust: passes `--disable-workspace-trust` (otherwise the folder opens in Restricted Mode
 *   until trusted);
 * - extraArgs: more server arguments; port: a fixed port (default: a free one); readyTimeoutMs;
 * - logFile: also append the server's output there; onOutput(line): called for every output line.
 *
 * @param {StartVscodeServerOptions} [options]
 * @returns {Promise<VscodeServer>}
 */
export async function startVscodeServer(options = {}) {
  const install = await ensureInstalled();
  const { nodeBin, serverMain } = install.paths;
  const base = options.userDataDir && options.serverDataDir && options.extensionsDir
    ? undefined
    : fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-vscode-'));
  const forgetBase = base && !options.keepData ? removeOnExit(base) : () => {};
  // `base` exists whenever one of the three folders was not given.
  const inBase = (/** @type {string} */ name) => path.join(/** @type {string} */ (base), name);
  const userDataDir = options.userDataDir ?? inBase('user-data');
  const serverDataDir = options.serverDataDir ?? inBase('server-data');
  const extensionsDir = options.extensionsDir ?? inBase('extensions');
  for (const dir of [userDataDir, serverDataDir, extensionsDir]) fs.mkdirSync(dir, { recursive: true });
  if (options.settings) {
    fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), `${JSON.stringify(options.settings, null, 2)}\n`);
  }

  const env = { ...process.env };
  // Variables of a VS Code we may be running inside would confuse the server and its extension host.
  for (const key of Object.keys(env)) if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  Object.assign(env, options.env ?? {});

  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const attempts = options.port ? 1 : 3; // a free port can be taken between probing and listening
  try {
    /** @type {Error | undefined} */
    let lastError;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const port = options.port ?? (await freePort());
      const args = [
        serverMain,
        '--host', HOST,
        '--port', String(port),
        '--without-connection-token',
        '--accept-server-license-terms',
        '--enable-smoke-test-driver',
        '--user-data-dir', userDataDir,
        '--server-data-dir', serverDataDir,
        '--extensions-dir', extensionsDir,
        ...(options.disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
        ...(options.extraArgs ?? []),
      ];
      const child = spawn(nodeBin, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
      trackGroup(child.pid);
      const childPid = child.pid ?? -1; // undefined only when the spawn failed: the 'error' event says so
      /** @type {string[]} */
      const output = [];
      const logStream = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
      let exited = false;
      /** @type {(ok: boolean) => void} */
      let resolveReady = () => {};
      /** @type {Promise<boolean>} */
      const ready = new Promise((resolve) => (resolveReady = resolve));
      const onLine = (/** @type {string} */ line) => {
        output.push(line);
        if (output.length > 5000) output.shift();
        logStream?.write(`${line}\n`);
        options.onOutput?.(line);
        if (line.includes(READY_LINE)) resolveReady(true);
      };
      lineReader(child.stdout, onLine);
      lineReader(child.stderr, onLine);
      /** @type {VscodeServer['exitedPromise']} */
      const exitedPromise = new Promise((resolve) => {
        child.on('exit', (code, signal) => {
          exited = true;
          resolveReady(false);
          resolve({ code, signal });
        });
        child.on('error', (err) => {
          exited = true;
          onLine(`spawn error: ${err.message}`);
          resolveReady(false);
          resolve({ code: -1, signal: null });
        });
      });

      let ok;
      try {
        ok = await withTimeout(ready, readyTimeoutMs, `VS Code server did not print "${READY_LINE}"`);
      } catch (err) {
        await endGroup(childPid);
        logStream?.end();
        throw new Error(`${err instanceof Error ? err.message : String(err)}\n--- server output ---\n${output.slice(-40).join('\n')}`);
      }
      if (!ok) {
        await endGroup(childPid);
        logStream?.end();
        lastError = new Error(`VS Code server exited before it was ready (attempt ${attempt})\n--- server output ---\n${output.slice(-40).join('\n')}`);
        if (output.some((l) => l.includes('EADDRINUSE'))) continue;
        throw lastError;
      }

      /** @type {Promise<void> | undefined} */
      let stopped;
      const url = `http://${HOST}:${port}`;
      return {
        host: HOST,
        port,
        url,
        pid: childPid,
        userDataDir,
        serverDataDir,
        extensionsDir,
        logsDir: path.join(userDataDir, 'logs'),
        output,
        get exited() {
          return exited;
        },
        exitedPromise,
        /** The workbench URL for a folder, with development/test extension paths as a smoke-test-driver payload. */
        workbenchUrl: (opts) => workbenchUrl({ host: HOST, port, ...opts }),
        stop() {
          stopped ??= (async () => {
            await endGroup(childPid);
            logStream?.end();
            if (base && !options.keepData) {
              fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 });
              forgetBase();
            }
          })();
          return stopped;
        },
      };
    }
    throw lastError;
  } catch (err) {
    if (base && !options.keepData) {
      fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 });
      forgetBase();
    }
    throw err;
  }
}

/**
 * `http://127.0.0.1:<port>/?folder=<folder>&payload=<json>`: the payload carries extensionDevelopmentPath and
 * extensionTestsPath as vscode-remote URIs; the server honours it only with --enable-smoke-test-driver.
 * @param {WorkbenchUrlOptions & { host?: string, port: number }} options
 * @returns {string}
 */
export function workbenchUrl({ host = HOST, port, folder, folderUri, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (/** @type {string} */ p) => `vscode-remote://${host}:${port}${path.resolve(p)}`;
  /** @type {[string, string][]} */
  const payload = [];
  for (const p of [extensionDevelopmentPath ?? []].flat()) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams();
  if (folder) query.set('folder', path.resolve(folder));
  // The workbench reads a value that is not a path (no leading '/') as a whole URI.
  if (folderUri) query.set('folder', folderUri);
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `http://${host}:${port}/?${query.toString()}`;
}

/**
 * @param {import('node:stream').Readable} stream
 * @param {(line: string) => void} onLine
 */
function lineReader(stream, onLine) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (/** @type {string} */ chunk) => {
    buffered += chunk;
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, nl).replace(/\r$/, ''));
      buffered = buffered.slice(nl + 1);
    }
  });
  stream.on('end', () => {
    if (buffered) onLine(buffered);
    buffered = '';
  });
}

// ---------------------------------------------------------------------------------------------------------
// Chromium, driven by playwright-core (never `playwright install`: the browser comes from apt).

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * Launches Chromium (headless unless `headless: false`) with a fresh profile and returns a playwright-core
 * Browser. Its close() is bounded and ends Chromium's whole process group even if the browser hangs; the
 * group is also killed when this process exits or gets SIGINT/SIGTERM/SIGHUP.
 * @param {{ headless?: boolean, args?: string[], timeoutMs?: number }} [options]
 * @returns {Promise<Browser>}
 */
export async function launchChromium({ headless = true, args = [], timeoutMs = 60_000 } = {}) {
  const { chromium } = await import('playwright-core');
  const executablePath = offlinePaths().chromium;
  if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: run node test/vscode-host/install.mjs`);
  // launchServer gives us the browser's process (for the process-group kill); connect gives the Browser.
  const server = await chromium.launchServer({
    executablePath,
    headless,
    args: [...CHROMIUM_ARGS, ...args],
    timeout: timeoutMs,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const pid = server.process().pid ?? -1;
  trackGroup(pid);
  /** @type {Browser} */
  let browser;
  try {
    browser = await chromium.connect(server.wsEndpoint(), { timeout: timeoutMs });
  } catch (err) {
    await server.kill().catch(() => {});
    await endGroup(pid, 0);
    throw err;
  }
  const playwrightClose = browser.close.bind(browser);
  /** @type {Promise<void> | undefined} */
  let closing;
  browser.close = (opts) => {
    closing ??= (async () => {
      await withTimeout(playwrightClose(opts), 10_000, 'closing Chromium').catch(() => {});
      await withTimeout(server.close(), 10_000, 'closing Chromium server').catch(() => {});
      await endGroup(pid, 2000);
    })();
    return closing;
  };
  return browser;
}

/**
 * Exposes the two functions the smoke-test driver calls on the page: `codeAutomationLog(type, message)` (the
 * workbench's log, which carries the extension host's console) and `codeAutomationExit(code, logFiles)` (the
 * extension test run's exit code and the workbench's log files). Call before page.goto.
 * @param {Page} page
 * @param {{ onLog?: (type: string, text: string) => void }} [options]
 * @returns {Promise<Automation>}
 */
export async function exposeAutomation(page, { onLog } = {}) {
  /** @type {string[]} */
  const log = [];
  /** @type {LogFile[]} */
  const logFiles = [];
  /** @type {(code: number) => void} */
  let resolveExit = () => {};
  /** @type {Promise<number>} */
  const exitCode = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown} */ args) => {
    const text = formatLogArgs(args);
    log.push(`${type}: ${text}`);
    if (log.length > 20_000) log.shift();
    onLog?.(type, text);
  });
  await page.exposeFunction('codeAutomationExit', (/** @type {unknown} */ code, /** @type {unknown} */ files) => {
    if (Array.isArray(files)) {
      for (const f of files) if (f && typeof f.relativePath === 'string') logFiles.push({ relativePath: f.relativePath, contents: String(f.contents ?? '') });
    }
    resolveExit(typeof code === 'number' ? code : Number(code) || 0);
  });
  return { exitCode, log, logFiles };
}

/**
 * Writes the workbench log files handed to codeAutomationExit under `dir` (for failure artifacts).
 * @param {LogFile[]} logFiles
 * @param {string} dir
 */
export function writeLogFiles(logFiles, dir) {
  for (const f of logFiles) {
    const target = path.resolve(dir, f.relativePath.replace(/^[/\\]+/, ''));
    if (!target.startsWith(path.resolve(dir) + path.sep)) continue;
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, f.contents);
    } catch {
      // Artifacts are best effort.
    }
  }
}

/** @param {unknown} args */
function formatLogArgs(args) {
  const list = Array.isArray(args) ? args : [args];
  return list.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ');
}

/** @param {unknown} value */
function safeJson(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Copies a directory tree if it exists (for failure artifacts); never throws.
 * @param {string} from
 * @param {string} to
 */
export function copyDirIfExists(from, to) {
  try {
    if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
  } catch {
    // Artifacts are best effort.
  }
}
