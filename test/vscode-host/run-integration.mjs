#!/usr/bin/env node
// @ts-check
// Runs the integration suite (out/test/vscode/index.js) inside a real VS Code extension host.
//
//   node test/vscode-host/run-integration.mjs [options]
//
// Host: desktop VS Code through @vscode/test-electron when VSCODE_EXECUTABLE is set, AGENT_CHAT_TEST_HOST is
// 'electron' or --electron is passed; otherwise (the default, offline) VS Code's server from code-server's npm
// package in Chromium (see install.mjs, server.mjs and the comment atop test/vscode/index.ts).
//
// Options:
//   --electron            use @vscode/test-electron
//   --workspace <dir>     folder to open (default test/workspace)
//   --extension <dir>     extension under test (default: the repo root)
//   --tests <file>        compiled test entry (default out/test/vscode/index.js)
//   --trust               keep Workspace Trust on (default: --disable-workspace-trust, like test-electron)
//   --virtual             open the workspace as a virtual folder, `memfs:<workspace path>`, served from memory by
//                         test/vscode-virtual-extension (a copy of the folder; no shell behind it); web host only
//   --grep <text>         only tests whose title contains <text>
//   --timeout <minutes>   bound for the whole run (default 10)
//   --verbose             print the whole workbench log and the VS Code server's output
//
// Prints, as its last line:
//   vscode-integration: <passed> passed, <failed> failed, <skipped> skipped; harness checks: <same three>
// (with $AGENT_CHAT_TEST_COUNTS set, the same counts as JSON to that file) and exits non-zero if a test or a
// harness check failed or the run did not complete. The full workbench/extension host log is
// kept in test-results/vscode-integration/exthost-console.log; on failure also a screenshot and the other logs.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureInstalled } from './install.mjs';
import { copyDirIfExists, exposeAutomation, launchChromium, removeOnExit, repoRoot, startVscodeServer, withTimeout, writeLogFiles } from './server.mjs';

/**
 * @typedef {{ passed: number, failed: number, skipped: number }} Counts
 * @typedef {{ tests: Counts, harness: Counts, failures: string[], skipped: string[], errors: { title: string, error: string }[] }} Summary
 * @typedef {{ exitCode: number, reason?: string }} RunResult
 */

const { values: opts } = parseArgs({
  options: {
    electron: { type: 'boolean', default: false },
    workspace: { type: 'string', default: path.join(repoRoot, 'test', 'workspace') },
    extension: { type: 'string', default: repoRoot },
    tests: { type: 'string', default: path.join(repoRoot, 'out', 'test', 'vscode', 'index.js') },
    trust: { type: 'boolean', default: false },
    virtual: { type: 'boolean', default: false },
    grep: { type: 'string' },
    timeout: { type: 'string', default: '10' },
    verbose: { type: 'boolean', default: false },
  },
});

const SUMMARY = 'vscode-integration:';
const START = `${SUMMARY} starting`;
// VS Code's own chatter in the workbench log; the full log is always saved to test-results/.
const NOISE = [
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|reconnection-grace-time|Service Worker)\]/,
  /^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin extensions cache)/,
  /^Timed out waiting for authentication provider/,
  /ENOTFOUND|open-vsx\.org/,
  /^\s+at .*\/static\/out\/vs\//,
];
const resultsDir = path.join(repoRoot, 'test-results', 'vscode-integration');
const timeoutMs = Number(opts.timeout) * 60_000;
const extensionPath = path.resolve(opts.extension);
const testsPath = path.resolve(opts.tests);
// Loaded next to the extension under test: a model extension for the provider `vscode` tests (inert until asked).
const testModelExtension = path.join(repoRoot, 'test', 'vscode-model-extension');
// With --virtual, also the extension that serves the virtual folder's scheme.
const testMemfsExtension = path.join(repoRoot, 'test', 'vscode-virtual-extension');
const extensionPaths = [extensionPath, testModelExtension, ...(opts.virtual ? [testMemfsExtension] : [])];
const workspace = path.resolve(opts.workspace);
const useElectron = opts.electron || Boolean(process.env.VSCODE_EXECUTABLE) || process.env.AGENT_CHAT_TEST_HOST === 'electron';

const t0 = Date.now();
/** @param {string} line */
function log(line) {
  console.log(`[vscode-integration +${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}`);
}

function preflight() {
  const problems = [];
  const manifest = path.join(extensionPath, 'package.json');
  if (!fs.existsSync(manifest)) {
    problems.push(`no extension manifest at ${manifest}`);
  } else {
    const main = JSON.parse(fs.readFileSync(manifest, 'utf8')).main;
    if (main && !fs.existsSync(path.join(extensionPath, main)) && !fs.existsSync(path.join(extensionPath, `${main}.js`))) {
      problems.push(`the extension's main ${main} does not exist: run \`npm run build\``);
    }
  }
  if (!fs.existsSync(testsPath)) problems.push(`no compiled test entry at ${testsPath}: run \`npm run compile-tests\``);
  if (!fs.existsSync(workspace)) problems.push(`no workspace folder ${workspace}`);
  if (opts.virtual && useElectron) problems.push('--virtual runs on the web host only');
  return problems;
}

/**
 * Counts from the in-host runner (JSON file, see test/vscode/index.ts), or a failure if it never reported.
 * @param {string} file
 * @param {number} exitCode
 * @param {string} [reason]
 * @returns {Summary}
 */
function readSummary(file, exitCode, reason) {
  const none = { passed: 0, failed: 0, skipped: 0 };
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8'));
    return { tests: { ...none, ...s.tests }, harness: { ...none, ...s.harness }, failures: s.failures ?? [], skipped: s.skipped ?? [], errors: s.errors ?? [] };
  } catch {
    const title = 'test run';
    const error = reason ?? `the extension host did not report results (exit code ${exitCode})`;
    return { tests: { ...none, failed: 1 }, harness: none, failures: [title], skipped: [], errors: [{ title, error }] };
  }
}

/** @param {Summary} s */
function summaryLine(s) {
  const line = (/** @type {Counts} */ c) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
  return `${SUMMARY} ${line(s.tests)}; harness checks: ${line(s.harness)}`;
}

/**
 * @param {string} resultsFile
 * @returns {Promise<RunResult>}
 */
async function runElectron(resultsFile) {
  const { runTests } = await import('@vscode/test-electron');
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-electron-'));
  removeOnExit(userDataDir);
  log(`host: desktop VS Code via @vscode/test-electron (${process.env.VSCODE_EXECUTABLE ?? 'downloaded build'})`);
  try {
    const exitCode = await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
      extensionDevelopmentPath: extensionPaths,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userDataDir}`],
      extensionTestsEnv: {
        AGENT_CHAT_TEST_RESULTS: resultsFile,
        AGENT_CHAT_TEST_HOST: 'electron',
        AGENT_CHAT_TEST_TRUST: 'disabled', // test-electron passes --disable-workspace-trust
        ...(opts.grep ? { AGENT_CHAT_TEST_GREP: opts.grep } : {}),
      },
    });
    return { exitCode };
  } catch (err) {
    // runTests rejects with "Test run failed with code N" or a download/launch error.
    const message = err instanceof Error ? err.message : String(err);
    const m = /code (\d+)/.exec(message);
    return { exitCode: m ? Number(m[1]) : 1, reason: message };
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * @param {string} resultsFile
 * @returns {Promise<RunResult>}
 */
async function runWeb(resultsFile) {
  const install = await ensureInstalled({ log: (l) => log(`install: ${l}`) });
  log(`host: VS Code ${install.vscode} server (code-server ${install.codeServer}, Node ${install.node}) in Chromium`);
  /** @type {string[]} */
  const serverLog = [];
  /** @type {string[]} */
  const browserLog = [];
  let server;
  let browser;
  let page;
  let automation;
  let result;
  const started = Date.now();
  try {
    server = await startVscodeServer({
      disableWorkspaceTrust: !opts.trust,
      settings: { 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false },
      env: {
        AGENT_CHAT_TEST_RESULTS: resultsFile,
        AGENT_CHAT_TEST_HOST: 'web',
        AGENT_CHAT_TEST_TRUST: opts.trust ? 'enabled' : 'disabled',
        ...(opts.virtual ? { AGENT_CHAT_TEST_WORKSPACE: 'virtual', AGENT_CHAT_TEST_MEMFS_SEED: workspace } : {}),
        ...(opts.grep ? { AGENT_CHAT_TEST_GREP: opts.grep } : {}),
      },
      onOutput: (line) => {
        serverLog.push(line);
        if (opts.verbose) console.log(`[server] ${line}`);
      },
    });
    log(`server listening on ${server.url} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (msg) => browserLog.push(`${msg.type()}: ${msg.text()}`));
    page.on('pageerror', (err) => browserLog.push(`pageerror: ${err.stack ?? err.message}`));
    // Show the log from the suite's start line to its summary line (everything with --verbose).
    let inRun = false;
    automation = await exposeAutomation(page, {
      onLog: (type, text) => {
        for (const line of text.split('\n')) {
          if (line.startsWith(START)) inRun = true;
          const show = opts.verbose || (inRun && !NOISE.some((re) => re.test(line)));
          if (line.startsWith(SUMMARY) && !line.startsWith(START)) inRun = false;
          if (show) (type === 'error' ? console.error : console.log)(`[exthost] ${line}`);
        }
      },
    });
    const folder = opts.virtual ? { folderUri: `memfs:${workspace}` } : { folder: workspace };
    const url = server.workbenchUrl({ ...folder, extensionDevelopmentPath: extensionsFolder(), extensionTestsPath: testsPath });
    await page.goto(url, { timeout: 60_000 });
    log('workbench loading; waiting for the extension host to run the suite');
    const remaining = Math.max(timeoutMs - (Date.now() - started), 1000);
    const exitCode = await Promise.race([
      automation.exitCode,
      server.exitedPromise.then(({ code, signal }) => {
        throw new Error(`VS Code server exited during the run (${signal ?? `code ${code}`})`);
      }),
      withTimeout(new Promise(() => {}), remaining, `no test result within ${opts.timeout} min`),
    ]);
    result = { exitCode };
    log(`extension host exited with code ${exitCode}`);
  } catch (err) {
    result = { exitCode: 1, reason: err instanceof Error ? err.message : String(err) };
    log(`error: ${result.reason}`);
  }

  // The full workbench/extension host log is always kept; screenshot and the rest only on failure.
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'exthost-console.log'), `${(automation?.log ?? []).join('\n')}\n`);
  const counts = readSummary(resultsFile, result.exitCode);
  const failed = result.exitCode !== 0 || counts.tests.failed + counts.harness.failed > 0;
  if (failed) {
    if (page) await withTimeout(page.screenshot({ path: path.join(resultsDir, 'workbench.png') }), 15_000, 'screenshot').catch(() => {});
    fs.writeFileSync(path.join(resultsDir, 'server.log'), `${serverLog.join('\n')}\n`);
    fs.writeFileSync(path.join(resultsDir, 'browser-console.log'), `${browserLog.join('\n')}\n`);
    if (server) copyDirIfExists(server.logsDir, path.join(resultsDir, 'server-logs'));
    if (automation) writeLogFiles(automation.logFiles, path.join(resultsDir, 'workbench-logs'));
    log(`failure artifacts in ${path.relative(process.cwd(), resultsDir) || resultsDir}`);
  }
  await browser?.close();
  await server?.stop();
  return result;
}

/**
 * The web workbench takes one development path, so both extensions are linked into one folder that VS Code
 * scans for extensions (the links resolve to the real folders, so paths seen by the code stay the same).
 */
function extensionsFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-extensions-'));
  removeOnExit(dir);
  extensionPaths.forEach((p, i) => fs.symlinkSync(p, path.join(dir, `${i}-${path.basename(p)}`), 'dir'));
  return dir;
}

/**
 * The counts for test/run-all.mjs, when it asks for them.
 * @param {Summary} summary
 */
function writeCounts(summary) {
  const file = process.env.AGENT_CHAT_TEST_COUNTS;
  if (file) fs.writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
}

async function main() {
  const problems = preflight();
  if (problems.length > 0) {
    for (const p of problems) log(`cannot run: ${p}`);
    const summary = readSummary('', 1, problems.join('; '));
    writeCounts(summary);
    console.log(summaryLine(summary));
    return 1;
  }
  fs.rmSync(resultsDir, { recursive: true, force: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-results-'));
  removeOnExit(tmp);
  const resultsFile = path.join(tmp, 'results.json');
  const started = Date.now();
  try {
    let result;
    try {
      result = useElectron ? await runElectron(resultsFile) : await runWeb(resultsFile);
    } catch (err) {
      // e.g. the install failed
      result = { exitCode: 1, reason: err instanceof Error ? err.message : String(err) };
      log(`error: ${result.reason}`);
    }
    const summary = readSummary(resultsFile, result.exitCode, result.reason);
    // A run that failed without failing tests (crash, timeout, load error) still counts as a failure.
    if (result.exitCode !== 0 && summary.tests.failed + summary.harness.failed === 0) {
      summary.tests.failed = 1;
      summary.failures.push(`test run (exit code ${result.exitCode})`);
    }
    for (const f of summary.errors) log(`FAILED ${f.title}\n${f.error}`);
    for (const title of summary.skipped) log(`skipped: ${title}`);
    log(`finished in ${((Date.now() - started) / 1000).toFixed(1)}s with exit code ${result.exitCode}`);
    writeCounts(summary);
    console.log(summaryLine(summary));
    return summary.tests.failed + summary.harness.failed > 0 ? 1 : 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
// Nothing of ours should be left, but a stray handle must not keep the process alive.
setTimeout(() => process.exit(process.exitCode), 2000).unref();
