#!/usr/bin/env node
// @ts-check
// `npm start`: opens VS Code on test/workspace with the extension from this repo loaded in development mode.
// Build first (`npm run build`, or keep `npm run watch` running and use "Developer: Reload Window").
//
// - Desktop `code` on PATH: `code --extensionDevelopmentPath=<repo> test/workspace`.
// - Otherwise (or with --web): VS Code's server from .vscode-test/offline/ (installed on first use) on
//   127.0.0.1:$PORT (default 3000, or a free port if taken); open the printed URL in a browser. Runs until
//   Ctrl-C, which stops the server. Its state (settings, secrets, chat history) persists in
//   .vscode-test/start/ between runs; delete that folder for a fresh profile.
//
// Options: --web (ignore desktop code), --trust (keep Workspace Trust on), --workspace <dir>.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureInstalled } from './install.mjs';
import { freePort, portIsFree, repoRoot, startVscodeServer } from './server.mjs';

const { values: opts } = parseArgs({
  options: {
    web: { type: 'boolean', default: false },
    trust: { type: 'boolean', default: false },
    workspace: { type: 'string', default: path.join(repoRoot, 'test', 'workspace') },
  },
});

const workspace = path.resolve(opts.workspace);
const log = (/** @type {string} */ line) => console.log(`[start] ${line}`);

function desktopCode() {
  if (opts.web) return undefined;
  const r = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

function checkBuilt() {
  const main = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).main;
  if (main && !fs.existsSync(path.join(repoRoot, main))) {
    log(`warning: ${main} does not exist yet; run \`npm run build\` (or \`npm run watch\`), then reload the window`);
  }
}

/**
 * @param {string} code
 * @returns {Promise<number>}
 */
async function runDesktop(code) {
  log(`opening desktop VS Code (${code}) with the extension from ${repoRoot}`);
  const child = spawn(code, [`--extensionDevelopmentPath=${repoRoot}`, workspace], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
}

async function runWeb() {
  const install = await ensureInstalled({ log: (l) => log(`install: ${l}`) });
  const wanted = Number(process.env.PORT ?? 3000);
  const port = (await portIsFree(wanted)) ? wanted : await freePort();
  if (port !== wanted) log(`port ${wanted} is taken; using ${port}`);
  const dataRoot = path.join(repoRoot, '.vscode-test', 'start');
  const server = await startVscodeServer({
    port,
    userDataDir: path.join(dataRoot, 'user-data'),
    serverDataDir: path.join(dataRoot, 'server-data'),
    extensionsDir: path.join(dataRoot, 'extensions'),
    disableWorkspaceTrust: !opts.trust,
    logFile: path.join(dataRoot, 'server.log'),
  });
  const url = server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot });
  log(`VS Code ${install.vscode} (web) is running with the extension from ${repoRoot}`);
  log(`workspace: ${workspace}`);
  console.log(`\n  Open in a browser:  ${url}\n`);
  log('after rebuilding, run "Developer: Reload Window" in VS Code. Press Ctrl-C to stop.');

  // Ctrl-C: server.mjs ends the server's process group (SIGTERM, then SIGKILL after 3 s) and exits.
  let stopping = false;
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(s, () => (stopping = true));
  const { code, signal } = await server.exitedPromise;
  if (stopping) {
    log('server stopped');
    return 0;
  }
  log(`the VS Code server exited unexpectedly (${signal ?? `code ${code}`}); see ${path.join(dataRoot, 'server.log')}`);
  return 1;
}

checkBuilt();
const code = desktopCode();
try {
  process.exitCode = code ? await runDesktop(code) : await runWeb();
} catch (err) {
  console.error(`[start] failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
