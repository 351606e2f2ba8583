// Bench helper, loaded by bench/vscode-host.ts as a second development extension next to Agent Chat.
// It listens on 127.0.0.1:$AGENT_CHAT_BENCH_HELPER_PORT (nothing happens without that variable) and answers
// small JSON requests from the bench, from inside the extension host:
//   GET  /state    pid, process.memoryUsage(), process.cpuUsage(), Agent Chat's activation result and code loading time
//   POST /gc       forces full garbage collections, then returns process.memoryUsage()
//   POST /command  {"id": "...", "args": [...]}: vscode.commands.executeCommand
//   GET  /now      performance.timeOrigin + performance.now() here (to relate this process's clock to the bench's)
//   POST /posts    starts recording when webviews are posted to (patches the extension host's Webview
//                  postMessage, shared by every extension's webviews); GET /posts returns what was recorded:
//                  the first textDelta per message id (alone or in a `together`), every snapshot, and when
//                  the extension host next wrote to a socket after each first textDelta (VS Code writes its
//                  messages to the workbench's socket later, in a timer: this is when the text left the process)
//   POST /profile/start, POST /profile/stop   a CPU profile of the extension host (node:inspector, in process)
//   POST /ping     {"count", "intervalMs"}: the floor of VS Code's own webview messaging. Opens a minimal webview
//                  panel, posts `count` small messages to it; the page changes its DOM in the next animation
//                  frame, like the chat does, and reports when each message arrived and was painted (page clock).
//                  Returns [{ posted (this clock), arrived, dom, painted (page clock) }]; the panel is closed after.
//   POST /terminal/run {"command", "cwd", "read", "fresh", "hidden"}: the floor of VS Code's own terminal for a command. Runs the
//                  command in a terminal of this helper through shell integration, shown without taking the focus
//                  like Agent Chat's, with no chat involved; reads its output with execution.read() when `read`
//                  (as Agent Chat does: VS Code then also sends the output to the extension host). Returns
//                  { durationMs, exitCode, readChars } once the shell reports the end. The terminal is kept for
//                  the next command unless `fresh` (then a new one is created and shown first, inside the call);
//                  `hidden` creates it without showing it (to see what an unshown terminal does).
// Plain JavaScript on purpose: no build step, and it is not part of the shipped extension.
'use strict';
const http = require('node:http');
const v8 = require('node:v8');
const vm = require('node:vm');
const vscode = require('vscode');

const inspector = require('node:inspector');

const now = () => performance.timeOrigin + performance.now();

let gc;
function forceGc() {
  if (!gc) {
    // The extension host runs without --expose-gc; this flag switch plus a fresh context hands out gc().
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc');
  }
  for (let i = 0; i < 3; i++) gc();
}

/**
 * VS Code's own marks around loading Agent Chat's code (its `code/extHost/willLoadExtensionCode/<id>`, …): the
 * extension host keeps them in `globalThis.MonacoPerformanceMarks`. Loading the code is the part of VS Code's
 * activation figure (code loading + activate call) that activate() cannot measure itself.
 */
function agentChatMarks() {
  const marks = globalThis.MonacoPerformanceMarks?.getMarks?.() ?? [];
  const at = (name) => marks.find((m) => m.name === `code/extHost/${name}/agent-chat.agent-chat`)?.startTime;
  const willLoad = at('willLoadExtensionCode');
  const didLoad = at('didLoadExtensionCode');
  return willLoad === undefined || didLoad === undefined ? undefined : { codeLoadingMs: didLoad - willLoad };
}

function agentChat() {
  const ext = vscode.extensions.getExtension('agent-chat.agent-chat');
  if (!ext) return { installed: false };
  return { installed: true, isActive: ext.isActive, exports: ext.isActive ? ext.exports : undefined, marks: ext.isActive ? agentChatMarks() : undefined };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const posts = { textDelta: new Map(), written: new Map(), awaitingWrite: [], snapshots: [], installed: false };

/** Wraps net.Socket's write: the first write after a first textDelta was posted is when it left the process. */
function recordSocketWrites() {
  const proto = require('node:net').Socket.prototype;
  const original = proto.write;
  proto.write = function () {
    if (posts.awaitingWrite.length) {
      const at = now();
      for (const id of posts.awaitingWrite) posts.written.set(id, at);
      posts.awaitingWrite.length = 0;
      if (posts.written.size > 5000) posts.written.delete(posts.written.keys().next().value);
    }
    return original.apply(this, arguments);
  };
}

/** Wraps Webview.prototype.postMessage of the extension host (found through a throwaway panel). */
function recordPosts() {
  if (posts.installed) return;
  const panel = vscode.window.createWebviewPanel('agentChatBench.probe', 'bench probe', { viewColumn: vscode.ViewColumn.Active, preserveFocus: true }, {});
  const proto = Object.getPrototypeOf(panel.webview);
  panel.dispose();
  const original = proto.postMessage;
  if (typeof original !== 'function') throw new Error('Webview.postMessage not found on the prototype');
  proto.postMessage = function (message) {
    const at = now();
    // A first text may cross alone or inside a `together` message (with its question and placeholder).
    const parts = message && message.type === 'together' && Array.isArray(message.messages) ? message.messages : [message];
    for (const part of parts) {
      if (!part || part.type !== 'textDelta' || posts.textDelta.has(part.messageId)) continue;
      posts.textDelta.set(part.messageId, at);
      posts.awaitingWrite.push(part.messageId);
      if (posts.textDelta.size > 5000) posts.textDelta.delete(posts.textDelta.keys().next().value);
    }
    if (message && message.type === 'snapshot') {
      posts.snapshots.push(at);
      if (posts.snapshots.length > 500) posts.snapshots.shift();
    }
    return original.apply(this, arguments);
  };
  recordSocketWrites();
  posts.installed = true;
}

const pingHtml = (nonce) => `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';"></head>
<body><div id="bench-ping">ready</div><script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const now = () => performance.timeOrigin + performance.now();
window.addEventListener('message', (e) => {
  const arrived = now();
  const d = e.data;
  if (!d || d.type !== 'benchPing') return;
  requestAnimationFrame(() => {
    document.getElementById('bench-ping').textContent = d.text;
    const dom = now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => vscode.postMessage({ id: d.id, arrived, dom, painted: now() });
    ch.port2.postMessage(0);
  });
});
vscode.postMessage({ ready: true });
</script></body></html>`;

async function ping(count, intervalMs) {
  const panel = vscode.window.createWebviewPanel('agentChatBench.ping', 'bench ping', { viewColumn: vscode.ViewColumn.Active, preserveFocus: true }, { enableScripts: true });
  try {
    const waiters = new Map();
    let ready;
    const isReady = new Promise((r) => (ready = r));
    panel.webview.onDidReceiveMessage((m) => {
      if (m && m.ready) ready();
      else if (m && waiters.has(m.id)) waiters.get(m.id)(m);
    });
    panel.webview.html = pingHtml(Math.random().toString(36).slice(2));
    await Promise.race([isReady, new Promise((_, reject) => setTimeout(() => reject(new Error('ping webview not ready')), 30000))]);
    // Give the page time to settle, and the bench time to measure the page's clock, before the first message.
    await new Promise((r) => setTimeout(r, 2000));
    const out = [];
    for (let id = 0; id < count; id++) {
      const reply = new Promise((resolve) => {
        waiters.set(id, resolve);
        setTimeout(() => resolve(undefined), 5000);
      });
      const posted = now();
      await panel.webview.postMessage({ type: 'benchPing', id, text: `ping ${id}` });
      const r = await reply;
      if (r) out.push({ posted, arrived: r.arrived, dom: r.dom, painted: r.painted });
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    return out;
  } finally {
    panel.dispose();
  }
}

let floorTerminal;

function integrationOf(terminal, ms) {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (listener.dispose(), reject(new Error(`no shell integration within ${ms} ms`))), ms);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal !== terminal) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(e.shellIntegration);
    });
  });
}

async function runInTerminal(command, cwd, read, fresh, hidden) {
  if (fresh && floorTerminal) {
    floorTerminal.dispose();
    floorTerminal = undefined;
  }
  if (!floorTerminal || floorTerminal.exitStatus) {
    floorTerminal = vscode.window.createTerminal({ name: 'Bench floor', cwd, isTransient: true });
    if (!hidden) floorTerminal.show(true);
  }
  const si = await integrationOf(floorTerminal, 60000);
  const started = Date.now();
  const execution = si.executeCommand(command);
  const ended = new Promise((resolve) => {
    const listener = vscode.window.onDidEndTerminalShellExecution((e) => {
      if (e.execution !== execution) return;
      listener.dispose();
      resolve(e.exitCode);
    });
  });
  let readChars = 0;
  const reading = read ? (async () => { for await (const data of execution.read()) readChars += data.length; })() : Promise.resolve();
  const exitCode = await ended;
  await Promise.race([reading, new Promise((r) => setTimeout(r, 300))]);
  return { durationMs: Date.now() - started, exitCode: exitCode === undefined ? null : exitCode, readChars };
}

let profiler;
function post(session, method, params) {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
}

async function handle(req) {
  const path = new URL(req.url ?? '/', 'http://helper').pathname;
  if (req.method === 'GET' && path === '/state') {
    return { pid: process.pid, memory: process.memoryUsage(), cpu: process.cpuUsage(), agentChat: agentChat() };
  }
  if (req.method === 'POST' && path === '/gc') {
    forceGc();
    return { pid: process.pid, memory: process.memoryUsage() };
  }
  if (req.method === 'POST' && path === '/command') {
    const { id, args } = JSON.parse((await readBody(req)) || '{}');
    const result = await vscode.commands.executeCommand(id, ...(args ?? []));
    return { result: result === undefined ? null : result };
  }
  if (req.method === 'GET' && path === '/now') return { now: now() };
  if (req.method === 'POST' && path === '/ping') {
    const { count, intervalMs } = JSON.parse((await readBody(req)) || '{}');
    return ping(count ?? 20, intervalMs ?? 100);
  }
  if (req.method === 'POST' && path === '/terminal/run') {
    const { command, cwd, read, fresh, hidden } = JSON.parse((await readBody(req)) || '{}');
    return runInTerminal(command, cwd, Boolean(read), Boolean(fresh), Boolean(hidden));
  }
  if (req.method === 'POST' && path === '/posts') {
    recordPosts();
    return { installed: true };
  }
  if (req.method === 'GET' && path === '/posts') {
    return { textDelta: Object.fromEntries(posts.textDelta), written: Object.fromEntries(posts.written), snapshots: posts.snapshots };
  }
  if (req.method === 'POST' && path === '/profile/start') {
    if (profiler) throw new Error('already profiling');
    profiler = new inspector.Session();
    profiler.connect();
    await post(profiler, 'Profiler.enable');
    await post(profiler, 'Profiler.setSamplingInterval', { interval: 200 });
    await post(profiler, 'Profiler.start');
    return { started: true };
  }
  if (req.method === 'POST' && path === '/profile/stop') {
    if (!profiler) throw new Error('not profiling');
    const { profile } = await post(profiler, 'Profiler.stop');
    profiler.disconnect();
    profiler = undefined;
    return profile;
  }
  throw Object.assign(new Error(`no route ${req.method} ${path}`), { status: 404 });
}

function activate(context) {
  const port = Number(process.env.AGENT_CHAT_BENCH_HELPER_PORT);
  if (!port) return;
  const server = http.createServer((req, res) => {
    handle(req).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (err) => {
        res.writeHead(err.status ?? 500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(err && err.stack ? err.stack : err) }));
      },
    );
  });
  // After a window reload the previous extension host may still hold the port for a moment.
  let tries = 0;
  server.on('error', (err) => {
    if (err.code === 'EADDRINUSE' && tries++ < 50) setTimeout(() => server.listen(port, '127.0.0.1'), 200);
    else console.error('bench helper:', err);
  });
  server.listen(port, '127.0.0.1');
  context.subscriptions.push({ dispose: () => server.close() });
}

module.exports = { activate, deactivate() {} };
