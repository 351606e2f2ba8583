// Starts VS Code's own server (from code-server's npm package, see install.mjs) and Chromium, and makes sure
// both die with us. The single implementation used by run-integration.mjs, start.mjs and the TypeScript E2E
// harness (test/e2e/harness.ts loads this module with a dynamic import; types in server.d.mts).
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

const HOST = '127.0.0.1';
const READY_LINE = 'Extension host agent listening on';

// ---------------------------------------------------------------------------------------------------------
// Process-group bookkeeping: whatever happens to this process, the groups we started are killed.

const liveGroups = new Set();
const tempDirs = new Set();
let handlersInstalled = false;

/** Removes `dir` when this process exits, even through a signal (undo with the returned function). */
export function removeOnExit(dir) {
  installHandlers();
  tempDirs.add(dir);
  return () => tempDirs.delete(dir);
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

function trackGroup(pid) {
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
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
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

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM the group, wait up to `graceMs`, then SIGKILL it; resolves when nothing of it is left. */
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

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects with `message` after `ms`, and never leaves the timer behind. */
export async function withTimeout(promise, ms, message) {
  let timer;
  try {
    return await Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${message} (after ${Math.round(ms / 1000)}s)`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Whether `port` on 127.0.0.1 can be listened on right now. */
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
 * Returns { port, url, host, pid, userDataDir, serverDataDir, extensionsDir, logsDir, output, workbenchUrl(), stop() }.
 */
export async function startVscodeServer(options = {}) {
  const install = await ensureInstalled();
  const { nodeBin, serverMain } = install.paths;
  const base = options.userDataDir && options.serverDataDir && options.extensionsDir
    ? undefined
    : fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-vscode-'));
  const forgetBase = base && !options.keepData ? removeOnExit(base) : () => {};
  const userDataDir = options.userDataDir ?? path.join(base, 'user-data');
  const serverDataDir = options.serverDataDir ?? path.join(base, 'server-data');
  const extensionsDir = options.extensionsDir ?? path.join(base, 'extensions');
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
      const output = [];
      const logStream = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
      let exited = false;
      let resolveReady;
      const ready = new Promise((resolve) => (resolveReady = resolve));
      const onLine = (line) => {
        output.push(line);
        if (output.length > 5000) output.shift();
        logStream?.write(`${line}\n`);
        options.onOutput?.(line);
        if (line.includes(READY_LINE)) resolveReady(true);
      };
      lineReader(child.stdout, onLine);
      lineReader(child.stderr, onLine);
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
        await endGroup(child.pid);
        logStream?.end();
        throw new Error(`${err.message}\n--- server output ---\n${output.slice(-40).join('\n')}`);
      }
      if (!ok) {
        await endGroup(child.pid);
        logStream?.end();
        lastError = new Error(`VS Code server exited before it was ready (attempt ${attempt})\n--- server output ---\n${output.slice(-40).join('\n')}`);
        if (output.some((l) => l.includes('EADDRINUSE'))) continue;
        throw lastError;
      }

      let stopped;
      const url = `http://${HOST}:${port}`;
      return {
        host: HOST,
        port,
        url,
        pid: child.pid,
        userDataDir,
        serverDataDir,
        extensionsDir,
        /** Where the server writes its own and the extension host's log files. */
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
            await endGroup(child.pid);
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
 */
export function workbenchUrl({ host = HOST, port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://${host}:${port}${path.resolve(p)}`;
  const payload = [];
  for (const p of [extensionDevelopmentPath ?? []].flat()) payload.push(['extensionDevelopmentPath', remote(p)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams();
  if (folder) query.set('folder', path.resolve(folder));
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `http://${host}:${port}/?${query.toString()}`;
}

function lineReader(stream, onLine) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
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
  const pid = server.process().pid;
  trackGroup(pid);
  let browser;
  try {
    browser = await chromium.connect(server.wsEndpoint(), { timeout: timeoutMs });
  } catch (err) {
    await server.kill().catch(() => {});
    await endGroup(pid, 0);
    throw err;
  }
  const playwrightClose = browser.close.bind(browser);
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
 * Returns { exitCode: Promise<number>, log: string[], logFiles: { relativePath, contents }[] }.
 */
export async function exposeAutomation(page, { onLog } = {}) {
  const log = [];
  const logFiles = [];
  let resolveExit;
  const exitCode = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = formatLogArgs(args);
    log.push(`${type}: ${text}`);
    if (log.length > 20_000) log.shift();
    onLog?.(type, text);
  });
  await page.exposeFunction('codeAutomationExit', (code, files) => {
    if (Array.isArray(files)) {
      for (const f of files) if (f && typeof f.relativePath === 'string') logFiles.push({ relativePath: f.relativePath, contents: String(f.contents ?? '') });
    }
    resolveExit(typeof code === 'number' ? code : Number(code) || 0);
  });
  return { exitCode, log, logFiles };
}

/** Writes the workbench log files handed to codeAutomationExit under `dir` (for failure artifacts). */
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

function formatLogArgs(args) {
  const list = Array.isArray(args) ? args : [args];
  return list.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' ');
}

function safeJson(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Copies a directory tree if it exists (for failure artifacts); never throws. */
export function copyDirIfExists(from, to) {
  try {
    if (fs.existsSync(from)) fs.cpSync(from, to, { recursive: true });
  } catch {
    // Artifacts are best effort.
  }
}
