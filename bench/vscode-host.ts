// The whole pipeline in the real VS Code (1.139 server + Chromium, through the Playwright harness of
// test/e2e): fake Anthropic server → extension host (SDK, provider, controller, batching) → VS Code's webview
// messaging → the chat webview's paint.
//
// Runs against a release build (esbuild --production, made in a temporary folder), loaded in development
// mode together with a small helper extension (bench/vscode/helper-extension) that works from inside the
// extension host: pid, memory after a forced GC, Agent Chat's activation result, when webviews were posted to,
// a CPU profile, and a bare webview for VS Code's own messaging floor. In the webview a probe (probes.ts)
// watches the DOM and the animation frames; nothing in src/ is changed for it. Figures (bench/results.json):
//   firstToken        server writes the first token → that text painted (page clocks), with where the time
//                     goes (host posted, arrived, frame started, in the DOM) and VS Code's floor as baseline
//   throughput        20,000 tokens as fast as the socket allows, and ~200 tokens/s: rate shown (bare SDK as
//                     baseline), longest frame / long task, text identical (host's stored text byte for byte,
//                     and the shown words), per-frame cost
//   longConversation  the same with 2,000 earlier messages, interleaved with the empty conversation; per-frame
//                     cost ratio to the empty conversation
//   open              a new chat page → last page of a 10,000-message conversation painted (editor tab, and the
//                     sidebar after a reload); showing the hidden sidebar chat again (its page is kept)
//   activation        activate()'s own time, VS Code's (Running Extensions), bundle and VSIX sizes
//   host              extension host CPU per 1,000 tokens (/proc), heap growth over 100 answers after a forced GC
//   stop              click on Stop → the server sees the connection closed (a bare fetch abort as baseline)
// Everything it starts (VS Code server, Chromium, the fake server, temp folders) is stopped in `finally`, and
// the harness kills the process groups on exit and on SIGINT/SIGTERM/SIGHUP too.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { answerCount, answers, chatFrame, openChat, send, settledAnswer } from '../test/e2e/chat-page';
import { host, openWorkbench, reloadWindow, repoRoot, runCommand, type Workbench } from '../test/e2e/harness';
import type { RecordedRequest, Reply } from '../test/fakes/script';
import { startFakeServer, type FakeServer } from '../test/fakes/server';
import { fmt, machine, median, p95, table, type Figure } from './stats';
import { releaseBuild, type ReleaseBuild } from './vscode/build';
import { activationFromLogs, cpuMs, executable, findExtensionHost, Helper, rssBytes, summarizeProfile } from './vscode/exthost';
import {
  clockOffset, describeLongFrame, summarizeLongFrames, installPageProbe, installProbe, lastClick, openProbeInit, startPageRecording, startRecording,
  stopPageRecording, stopRecording, waitForMark, type ClockOffset, type LongFrame, type Recording,
} from './vscode/probes';
import { openInEditor, reshow, showNewPage, type ShowResult } from './vscode/open';
import { historyFolder, seedConversation, storedText } from './vscode/seed';

const runFile = promisify(execFile);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface VscodeBenchOptions {
  quick: boolean;
  /** Median first-token latency of the provider alone (bench/providers.ts, same run): a baseline. */
  providerFirstTokenMs?: number;
}

interface Counts {
  /** Warm-up answers before the first-token series. */
  warm: number;
  /** First-token samples per conversation kind (empty, 2,000 earlier messages). */
  firstToken: number;
  /** First-token samples when the server waits 300 ms before answering (as real models do). */
  thinkingFirstToken: number;
  /** Streams at ~200 tokens/s per conversation kind, and their length. */
  pacedRuns: number;
  pacedTokens: number;
  /** Streams as fast as the socket allows per conversation kind, and their length. */
  fastRuns: number;
  fastTokens: number;
  stop: number;
  heapAnswers: number;
  openShow: number;
  openReload: number;
}

const full: Counts = { warm: 3, firstToken: 50, thinkingFirstToken: 30, pacedRuns: 2, pacedTokens: 1_500, fastRuns: 3, fastTokens: 20_000, stop: 20, heapAnswers: 100, openShow: 10, openReload: 2 };
const quick: Counts = { warm: 2, firstToken: 10, thinkingFirstToken: 10, pacedRuns: 1, pacedTokens: 600, fastRuns: 1, fastTokens: 20_000, stop: 5, heapAnswers: 30, openShow: 4, openReload: 1 };

/** Plain words, a paragraph every 50, so Markdown shows exactly these words. */
function words(count: number, prefix = 'w'): string[] {
  return Array.from({ length: count }, (_, i) => (i % 50 === 49 && i < count - 1 ? `${prefix}${i}\n\n` : `${prefix}${i} `));
}

type Rec = RecordedRequest & { finishedAt?: number };

/** Records when the fake server finished writing each response (the server keeps only a flag). */
function recordFinishTimes(server: FakeServer): void {
  const push = server.requests.push.bind(server.requests);
  server.requests.push = (...recs: RecordedRequest[]) => {
    for (const r of recs) {
      let finished = r.finished;
      Object.defineProperty(r, 'finished', {
        enumerable: true,
        configurable: true,
        get: () => finished,
        set: (v: boolean) => {
          finished = v;
          if (v) (r as Rec).finishedAt ??= now();
        },
      });
    }
    return push(...recs);
  };
}

interface Asked {
  id: string;
  rec: Rec;
  text: string;
}

interface StreamResult {
  tokens: number;
  /** Tokens per second from the server's first token to the final text painted. */
  shownRate: number;
  /** Tokens per second the server wrote (first to last token). */
  serverRate: number;
  /** Final text painted after the server finished writing (ms). */
  lagMs: number;
  longestGap: number;
  longestTask: number;
  longestLoaf: number;
  frameTotal: number[];
  frameScript: number[];
  /** Script ms per 1,000 characters painted, for frames that painted streamed text. */
  frameScriptPerKChar: number[];
  storedIdentical: boolean;
  shownIdentical: boolean;
  hostCpuMs: number;
  wallMs: number;
  /** The longest Long Animation Frame the workbench page saw (the webview shares its main thread). */
  worstLongFrame?: LongFrame;
  /** Longest long task the workbench page saw (any frame of the page's main thread). */
  pageLongestTask: number;
  seen: Recording['seen'];
  pageSeen: Recording['seen'];
}

/** One open window and the things the phases share. */
export class Session {
  chat!: FrameLocator;
  frame!: Frame;
  offset!: ClockOffset;
  history!: string;
  pid!: number;
  /** Extension host clock − ours. */
  hostOffset = 0;
  hostOffsetUncertainty = 0;
  readonly notes: string[] = [];

  constructor(
    readonly wb: Workbench,
    readonly fake: FakeServer,
    readonly helper: Helper,
  ) {}

  get page(): Page {
    return this.wb.page;
  }

  /** Finds the chat webview again (after it reloaded), installs the probe, measures its clock. */
  async attach(): Promise<void> {
    this.chat = await chatFrame(this.page);
    const handle = await this.chat.owner().elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error('bench: the chat webview has no frame');
    this.frame = frame;
    await installProbe(frame);
    await this.calibrate();
  }

  async calibrate(): Promise<ClockOffset> {
    this.offset = await clockOffset(this.frame);
    return this.offset;
  }

  /** Page-clock time → this process's clock. */
  toLocal(pageTime: number): number {
    return pageTime - this.offset.offset;
  }

  async ask(reply: Reply, prompt: string, status = 'complete'): Promise<Asked> {
    const before = await answerCount(this.chat);
    const n0 = this.fake.chatRequests().length;
    this.fake.enqueue(reply);
    await send(this.chat, prompt);
    const { answer, text } = await settledAnswer(this.chat, before, status);
    const id = await answer.getAttribute('data-message-id');
    const rec = this.fake.chatRequests()[n0] as Rec | undefined;
    if (!id || !rec) throw new Error('bench: answer or request missing');
    return { id, rec, text };
  }

  async newChat(): Promise<void> {
    await this.chat.locator('.chat-header').getByRole('button', { name: 'New Chat' }).click();
    await this.chat.locator('[role="log"] > article').first().waitFor({ state: 'detached', timeout: 30_000 });
  }

  /**
   * Opens a seeded conversation (message ids m0…m<count-1>) from the webview's list and waits until its last
   * page shows: the page's first message is m<count-50> (or m0).
   */
  async switchTo(conversationId: string, count: number): Promise<void> {
    const nav = this.chat.locator('nav.conversations');
    if (await nav.isHidden()) await this.chat.locator('.chat-header').getByRole('button', { name: 'Conversations' }).click();
    await this.chat.locator(`nav.conversations li[data-conversation-id="${conversationId}"] .conversation-open`).click();
    const first = `m${Math.max(0, count - 50)}`;
    await this.chat.locator(`[role="log"] > article:first-child[data-message-id="${first}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  }

  explorerVisible(): Promise<boolean> {
    return this.page.locator('.sidebar .explorer-folders-view').first().isVisible();
  }

  async activity(label: 'Explorer' | 'Agent Chat'): Promise<void> {
    const selector = label === 'Explorer' ? '.activitybar [aria-label^="Explorer"]' : '.activitybar [aria-label="Agent Chat"]';
    await this.page.locator(selector).first().click();
  }

  async exthostCpu(): Promise<number> {
    return cpuMs(this.pid);
  }

  /** Starts the helper's recording of webview posts and measures the extension host's clock (again after a reload). */
  async watchHost(): Promise<void> {
    await this.helper.recordPosts();
    const c = await this.helper.clockOffset();
    this.hostOffset = c.offset;
    this.hostOffsetUncertainty = c.uncertainty;
  }
}

function frameStats(rec: Recording) {
  const logFrames = rec.frames.filter((f) => f.log && f.total !== undefined);
  return {
    longestGap: Math.max(0, ...rec.gaps),
    longestTask: Math.max(0, ...rec.longTasks.map((t) => t.duration)),
    longestLoaf: Math.max(0, ...rec.longFrames.map((t) => t.duration)),
    frameTotal: logFrames.map((f) => f.total!),
    frameScript: logFrames.map((f) => f.script),
    frameScriptPerKChar: logFrames.filter((f) => f.chars >= 200).map((f) => f.script / (f.chars / 1000)),
    seen: rec.seen,
    ...(rec.longFrames.length ? { worstLongFrame: rec.longFrames.reduce((a, b) => (b.duration > a.duration ? b : a)) } : {}),
  };
}

function sameWords(a: string, b: string): boolean {
  const x = a.split(/\s+/).filter(Boolean);
  const y = b.split(/\s+/).filter(Boolean);
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

async function streamOnce(s: Session, tokens: string[], tokenDelayMs: number): Promise<StreamResult> {
  await s.calibrate();
  // Let the page finish what came before (a conversation switch renders and paints a whole page).
  await s.frame.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 200))))');
  const cpu0 = await s.exthostCpu();
  const wall0 = now();
  await startPageRecording(s.page);
  await startRecording(s.frame);
  const r = await s.ask({ tokens, tokenDelayMs }, `Please answer with ${tokens.length} words`);
  await waitForMark(s.frame, r.id, 'lastContentPainted');
  const recording = await stopRecording(s.frame);
  const pageRecording = await stopPageRecording(s.page);
  const marks = await waitForMark(s.frame, r.id, 'lastContentPainted');
  const cpu1 = await s.exthostCpu();
  const wallMs = now() - wall0;
  const expected = tokens.join('');
  let stored: string | undefined;
  for (let i = 0; i < 50 && stored === undefined; i++) {
    stored = storedText(s.history, r.id);
    if (stored === undefined) await sleep(100);
  }
  const first = r.rec.firstTokenAt!;
  const shownEnd = s.toLocal(marks.lastContentPainted!);
  const finished = r.rec.finishedAt ?? Number.NaN;
  return {
    tokens: tokens.length,
    shownRate: tokens.length / ((shownEnd - first) / 1000),
    serverRate: tokens.length / ((finished - first) / 1000),
    lagMs: shownEnd - finished,
    ...frameStats(recording),
    ...(pageRecording?.longFrames.length ? { worstLongFrame: pageRecording.longFrames.reduce((a, b) => (b.duration > a.duration ? b : a)) } : {}),
    pageLongestTask: Math.max(0, ...(pageRecording?.longTasks.map((t) => t.duration) ?? [])),
    pageSeen: pageRecording?.seen ?? {},
    storedIdentical: stored === expected,
    shownIdentical: sameWords(r.text, expected),
    hostCpuMs: cpu1 - cpu0,
    wallMs,
  };
}

/** The bare Anthropic SDK reading the same answer in its own process, on the extension host's Node. */
async function sdkBaseline(s: Session, nodeBin: string, tokens: string[], tokenDelayMs: number) {
  const streams = 2; // one to warm up, one measured
  const n0 = s.fake.chatRequests().length;
  for (let i = 0; i < streams; i++) s.fake.enqueue({ tokens, tokenDelayMs });
  const { stdout } = await runFile(nodeBin, [join(__dirname, 'vscode', 'sdk-baseline.js'), s.fake.url, String(streams)], { timeout: 180_000, maxBuffer: 2 ** 20 });
  const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { first: number; end: number; cpuMs: number; length: number };
  const rec = s.fake.chatRequests()[n0 + streams - 1]!;
  return { rate: tokens.length / ((out.end - rec.firstTokenAt!) / 1000), cpuMs: out.cpuMs, identical: out.length === tokens.join('').length };
}

interface FirstTokenResult {
  /** Server wrote the first token → painted. */
  painted: number[];
  /** … → the DOM had the text (before style, layout and paint). */
  dom: number[];
  /** … → the first textDelta arrived in the webview (extension host, workbench and webview messaging). */
  arrived: number[];
  /** … → the extension host posted the first textDelta (SDK, provider, controller, batcher). */
  posted: number[];
  /** … → the animation frame that put the text in the DOM started. */
  frame: number[];
}

const emptyFirstTokens = (): FirstTokenResult => ({ painted: [], dom: [], arrived: [], posted: [], frame: [] });

async function firstTokens(s: Session, count: number, label: string, out: FirstTokenResult = emptyFirstTokens(), firstByteDelayMs = 0): Promise<FirstTokenResult> {
  const reply: Reply = { tokens: words(20, 'f'), tokenDelayMs: 0, ...(firstByteDelayMs ? { firstByteDelayMs } : {}) };
  await s.calibrate();
  const asked: Asked[] = [];
  for (let i = 0; i < count; i++) {
    const r = await s.ask(reply, `${label} question ${i}`);
    asked.push(r);
    const m = await waitForMark(s.frame, r.id, 'firstTextPainted');
    out.painted.push(s.toLocal(m.firstTextPainted!) - r.rec.firstTokenAt!);
    out.dom.push(s.toLocal(m.firstText!) - r.rec.firstTokenAt!);
    if (m.firstArrived !== undefined) out.arrived.push(s.toLocal(m.firstArrived) - r.rec.firstTokenAt!);
    if (m.firstTextFrameStart !== undefined) out.frame.push(s.toLocal(m.firstTextFrameStart) - r.rec.firstTokenAt!);
  }
  const posts = await s.helper.posts();
  for (const r of asked) {
    const at = posts.textDelta[r.id];
    if (at !== undefined) out.posted.push(at - s.hostOffset - r.rec.firstTokenAt!);
  }
  return out;
}

/**
 * The floor under firstToken: VS Code's own messaging from the extension host into a minimal webview, and that
 * page's next paint (the helper extension's ping panel), in ms from the host's postMessage.
 */
async function messagingFloor(s: Session, count: number): Promise<{ arrived: number[]; painted: number[]; frameOffset: ClockOffset }> {
  const pending = s.helper.ping(count + 1, 100);
  let frameOffset: ClockOffset | undefined;
  const deadline = Date.now() + 30_000;
  while (!frameOffset && Date.now() < deadline) {
    for (const f of s.page.frames()) {
      if (!f.url().includes('/webview/browser/pre/')) continue;
      if (await f.evaluate('!!document.getElementById("bench-ping")').catch(() => false)) {
        frameOffset = await clockOffset(f, 8);
        break;
      }
    }
    if (!frameOffset) await sleep(50);
  }
  const results = (await pending).slice(1); // the first is a warm-up
  if (!frameOffset) throw new Error('bench: the ping webview was not found');
  const local = (t: number) => t - frameOffset.offset;
  return {
    arrived: results.map((r) => local(r.arrived) - (r.posted - s.hostOffset)),
    painted: results.map((r) => local(r.painted) - (r.posted - s.hostOffset)),
    frameOffset,
  };
}

/** A fresh conversation with 2,000 earlier messages, opened in the chat. */
async function openLongConversation(s: Session): Promise<void> {
  const id = await seedConversation(s.history, 2000);
  await s.switchTo(id, 2000);
}

/**
 * First-token latency in blocks of 10 messages, alternating a new (empty) conversation and one with 2,000
 * earlier messages, so that drift on a shared machine affects both alike.
 */
async function firstTokenPhase(s: Session, c: Counts): Promise<{ empty: FirstTokenResult; long: FirstTokenResult; thinking: FirstTokenResult }> {
  await s.newChat();
  await firstTokens(s, c.warm, 'Warm-up');
  const empty = emptyFirstTokens();
  const long = emptyFirstTokens();
  const longFrames: LongFrame[] = [];
  for (let done = 0; done < c.firstToken; done += 10) {
    const n = Math.min(10, c.firstToken - done);
    await s.newChat();
    await startPageRecording(s.page);
    await firstTokens(s, n, 'Empty', empty);
    longFrames.push(...((await stopPageRecording(s.page))?.longFrames ?? []));
    await openLongConversation(s);
    await firstTokens(s, n, 'Long', long);
  }
  s.notes.push(`workbench main thread during the first-token series (${c.firstToken} answers, empty conversation): ${longFrames.length} frames over 50 ms${longFrames.length ? `: ${summarizeLongFrames(longFrames)}` : ''}`);
  // Real models think before the first token (hundreds of ms); the fake server answers at once, while the
  // workbench is still busy with the send (the user's message, the Send → Stop button, the key events).
  await s.newChat();
  const thinking = await firstTokens(s, c.thinkingFirstToken, 'Thinking', emptyFirstTokens(), 300);
  return { empty, long, thinking };
}

interface ThroughputResult {
  paced: StreamResult[];
  fast: StreamResult[];
}

/** Streams, alternating an empty conversation and one with 2,000 earlier messages (a fresh one each time). */
async function throughputPhase(s: Session, c: Counts): Promise<{ empty: ThroughputResult; long: ThroughputResult }> {
  const empty: ThroughputResult = { paced: [], fast: [] };
  const long: ThroughputResult = { paced: [], fast: [] };
  for (let i = 0; i < c.pacedRuns; i++) {
    await s.newChat();
    empty.paced.push(await streamOnce(s, words(c.pacedTokens, 'p'), 5));
    await openLongConversation(s);
    long.paced.push(await streamOnce(s, words(c.pacedTokens, 'p'), 5));
  }
  for (let i = 0; i < c.fastRuns; i++) {
    await s.newChat();
    empty.fast.push(await streamOnce(s, words(c.fastTokens), 0));
    await openLongConversation(s);
    long.fast.push(await streamOnce(s, words(c.fastTokens), 0));
  }
  return { empty, long };
}

/**
 * VS Code's own figure for Agent Chat (code loading + activate call): the "Activation: N ms" of its row in
 * Developer: Show Running Extensions (a development extension's row is titled with its id).
 */
async function runningExtensionsActivation(s: Session): Promise<number | undefined> {
  await runCommand(s.page, 'Developer: Show Running Extensions');
  const editor = s.page.locator('.runtime-extensions-editor').first();
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const text = await editor.innerText({ timeout: 5000 }).catch(() => '');
      const m = /(?:agent-chat\.agent-chat|Agent Chat)\s[\s\S]{0,120}?Activation: (\d+(?:\.\d+)?)\s*ms/.exec(text);
      if (m) return Number(m[1]);
      if (Date.now() > deadline) throw new Error(`no activation time for Agent Chat in Running Extensions: ${text.slice(0, 300)}`);
      // The list is virtual and sorted by activation time: a fast extension may be below the fold.
      if (text) {
        await editor.hover({ timeout: 5000 }).catch(() => undefined);
        await s.page.mouse.wheel(0, 400);
      }
      await sleep(250);
    }
  } finally {
    await runCommand(s.page, 'View: Close Editor').catch(() => undefined);
    if (await editor.isVisible().catch(() => false)) await s.page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }
}

interface ActivationSample {
  activateMs?: number;
  vscodeMs?: number;
}

async function activationSample(s: Session): Promise<ActivationSample> {
  const a = await s.helper.activation(60_000);
  const vscodeMs = await runningExtensionsActivation(s).catch((err: unknown) => {
    s.notes.push(`Running Extensions not read: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return undefined;
  });
  return { ...(a.activationMs === undefined ? {} : { activateMs: a.activationMs }), ...(vscodeMs === undefined ? {} : { vscodeMs }) };
}

/** Reloads the window with the chat hidden, then shows it: activation, history read and webview from scratch. */
async function openAfterReload(s: Session, expected: number): Promise<ShowResult & ActivationSample> {
  await s.activity('Explorer');
  await sleep(500);
  const oldPid = s.pid;
  await reloadWindow(s.page);
  s.pid = (await s.helper.ready(120_000, oldPid)).pid;
  await s.watchHost();
  await installPageProbe(s.page);
  await sleep(3000); // the window's own startup work (eager extensions) out of the way
  const shown = await showNewPage(s, expected);
  const activation = await activationSample(s);
  await s.attach();
  return { ...shown, ...activation };
}

interface StopResult {
  ours: number[];
  bare: number[];
}

async function stops(s: Session, count: number): Promise<StopResult> {
  const out: StopResult = { ours: [], bare: [] };
  const reply = () => ({ tokens: words(3000, 's'), tokenDelayMs: 10 });
  const stopButton = s.chat.getByRole('button', { name: 'Stop' });
  for (let i = 0; i < count + 1; i++) {
    await s.calibrate();
    const before = await answerCount(s.chat);
    const n0 = s.fake.chatRequests().length;
    s.fake.enqueue(reply());
    await send(s.chat, `Long answer ${i}, please`);
    const answer = answers(s.chat).nth(before);
    await answer.waitFor({ state: 'attached', timeout: 30_000 });
    const id = (await answer.getAttribute('data-message-id'))!;
    await waitForMark(s.frame, id, 'firstTextPainted', 30_000);
    const rec = s.fake.chatRequests()[n0]!;
    await stopButton.click();
    const closedAt = await s.fake.waitForClientClose(rec, 10_000);
    const clickAt = await lastClick(s.frame, 'Stop');
    await settledAnswer(s.chat, before, 'interrupted');
    if (i === 0 || clickAt === undefined) continue; // the first is a warm-up
    out.ours.push(closedAt - s.toLocal(clickAt));

    // Baseline: a bare fetch in this process, aborted after the first bytes.
    const b0 = s.fake.chatRequests().length;
    s.fake.enqueue(reply());
    const ac = new AbortController();
    const res = await fetch(`${s.fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'bench' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 1000, messages: [{ role: 'user', content: 'Hi' }], stream: true }),
      signal: ac.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    const bareRec = s.fake.chatRequests()[b0]!;
    const abortAt = now();
    ac.abort();
    out.bare.push((await s.fake.waitForClientClose(bareRec, 10_000)) - abortAt);
  }
  return out;
}

interface HeapResult {
  before: number;
  after: number;
  afterNewChat: number;
  rssBefore: number;
  rssAfter: number;
  cpuPer1000: number;
}

async function heap(s: Session, answersCount: number): Promise<HeapResult> {
  const reply = { tokens: words(100, 'h'), tokenDelayMs: 0 };
  for (let i = 0; i < 5; i++) await s.ask(reply, `Warm-up ${i}`);
  await sleep(500);
  const g0 = await s.helper.gc();
  const rss0 = rssBytes(s.pid);
  const cpu0 = await s.exthostCpu();
  for (let i = 0; i < answersCount; i++) await s.ask(reply, `Answer ${i}`);
  const cpu1 = await s.exthostCpu();
  await sleep(1000); // debounced index writes, batcher timers
  const g1 = await s.helper.gc();
  const rss1 = rssBytes(s.pid);
  await s.newChat();
  await sleep(500);
  const g2 = await s.helper.gc();
  return {
    before: g0.memory.heapUsed,
    after: g1.memory.heapUsed,
    afterNewChat: g2.memory.heapUsed,
    rssBefore: rss0,
    rssAfter: rss1,
    cpuPer1000: (cpu1 - cpu0) / ((answersCount * reply.tokens.length) / 1000),
  };
}

/** Runs one phase; a failure is noted and the bench goes on with the next phase. */
async function phase<T>(s: Session, name: string, fn: () => Promise<T>): Promise<T | undefined> {
  const started = Date.now();
  try {
    const result = await fn();
    console.log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    s.notes.push(`${name} failed: ${message}`);
    console.log(`  ${name}: FAILED after ${((Date.now() - started) / 1000).toFixed(0)} s: ${message}`);
    const dir = await s.wb.saveArtifacts(`bench ${name}`).catch(() => undefined);
    if (dir) console.log(`    artifacts: ${dir}`);
    return undefined;
  }
}

export async function benchVscode(options: VscodeBenchOptions): Promise<Figure[]> {
  const c = options.quick ? quick : full;
  const m = machine();
  const figures: Figure[] = [];
  const skipped: string[] = [];
  const fig = (name: string, value: number, unit: string, budget: number | null, runs: number, extra: Partial<Figure> = {}) => {
    // Too few samples for a figure (e.g. a fast stream painted in too few frames): left out, and said so.
    if (!Number.isFinite(value)) return void skipped.push(name);
    figures.push({ name, value, unit, budget, lowerIsBetter: extra.lowerIsBetter ?? true, runs, machine: m, ...extra });
  };
  const h = await host();
  console.log(`\nReal VS Code (1.139 server + Chromium), release build${options.quick ? ', BENCH_QUICK' : ''}`);
  let build: ReleaseBuild | undefined;
  let fake: FakeServer | undefined;
  let wb: Workbench | undefined;
  const workspace = mkdtempSync(join(tmpdir(), 'agent-chat-bench-ws-'));
  const forgetWorkspace = h.removeOnExit(workspace);
  let session: Session | undefined;
  const profileLines: string[] = [];
  try {
    build = await releaseBuild(repoRoot, join(repoRoot, 'bench', 'vscode', 'helper-extension'));
    const forgetBuild = h.removeOnExit(build.root);
    const disposeBuild = build.dispose;
    build.dispose = () => {
      disposeBuild();
      forgetBuild();
    };
    console.log(`  release build: ${fmt(build.buildMs / 1000, 1)} s, VSIX ${fmt(build.packageMs / 1000, 1)} s`);
    const bundleTotal = Object.values(build.bundles).reduce((a, b) => a + b, 0);
    for (const [file, bytes] of Object.entries(build.bundles)) fig(`activation.bundle.${file}`, bytes / 1024, 'KiB', null, 1);
    fig('activation.bundle.total', bundleTotal / 1024, 'KiB', null, 1);
    if (build.vsixBytes !== undefined) fig('activation.vsix', build.vsixBytes / 1024, 'KiB', 2048, 1);

    fake = await startFakeServer('anthropic');
    recordFinishTimes(fake);
    const helper = new Helper(await h.freePort());
    const started = Date.now();
    wb = await openWorkbench({
      name: 'bench',
      workspace,
      extensionDevelopmentPath: build.extensionsFolder,
      settings: {
        'agentChat.provider': 'anthropic',
        'agentChat.anthropic.baseUrl': fake.url,
        'agentChat.maxRetries': 0,
        'workbench.startupEditor': 'none',
        // VS Code's automatic port forwarding scans /proc (ls of every process's fds, stat and readlink of each)
        // every few seconds from the extension host; on a busy machine that is most of the host's idle CPU and
        // would be counted as ours.
        'remote.autoForwardPorts': false,
      },
      env: { ANTHROPIC_API_KEY: 'sk-ant-bench', AGENT_CHAT_BENCH_HELPER_PORT: String(helper.port) },
    });
    await wb.page.addInitScript(openProbeInit);
    await wb.page.evaluate(openProbeInit); // the workbench page is already loaded: its part of the script now
    await installPageProbe(wb.page);
    const s = (session = new Session(wb, fake, helper));
    await helper.ready(120_000);
    await s.watchHost();
    await openChat(wb.page);
    await s.attach();
    console.log(`  workbench and chat open: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const first = await helper.activation(60_000);
    s.pid = findExtensionHost(wb.server.pid) ?? first.pid;
    if (s.pid !== first.pid) s.notes.push(`extension host pid from /proc (${s.pid}) differs from the helper's (${first.pid})`);
    s.history = await historyFolder(wb.server.userDataDir);
    const nodeBin = executable(s.pid);
    const activations: ActivationSample[] = [];
    const a0 = await phase(s, 'activation', () => activationSample(s));
    if (a0) activations.push(a0);
    const idle = await phase(s, 'idle extension host', async () => {
      await sleep(1000);
      const cpu0 = cpuMs(s.pid);
      await sleep(5000);
      return (cpuMs(s.pid) - cpu0) / 5;
    });
    if (idle !== undefined) fig('host.idleCpuPerSecond', idle, 'ms', null, 1);

    // --- firstToken: empty conversation and 2,000 earlier messages, interleaved
    const ft = await phase(s, 'firstToken', () => firstTokenPhase(s, c));
    if (ft) {
      const { empty, long } = ft;
      // The baseline ratio is set below, against VS Code's own webview messaging floor.
      fig('firstToken.median', median(empty.painted), 'ms', 25, empty.painted.length);
      fig('firstToken.p95', p95(empty.painted), 'ms', 50, empty.painted.length);
      // Baseline: the same provider code alone on plain Node (bench/providers.ts, this run).
      fig('firstToken.hostPosted.median', median(empty.posted), 'ms', null, empty.posted.length, options.providerFirstTokenMs ? { baselineRatio: median(empty.posted) / options.providerFirstTokenMs } : {});
      fig('firstToken.arrived.median', median(empty.arrived), 'ms', null, empty.arrived.length);
      fig('firstToken.frameStart.median', median(empty.frame), 'ms', null, empty.frame.length);
      fig('firstToken.dom.median', median(empty.dom), 'ms', null, empty.dom.length);
      fig('longConversation.firstToken.median', median(long.painted), 'ms', 25, long.painted.length, { baselineRatio: median(long.painted) / median(empty.painted) });
      fig('longConversation.firstToken.p95', p95(long.painted), 'ms', 50, long.painted.length);
      fig('longConversation.firstToken.hostPosted.median', median(long.posted), 'ms', null, long.posted.length);
      fig('longConversation.firstToken.arrived.median', median(long.arrived), 'ms', null, long.arrived.length);
      const t = ft.thinking;
      fig('firstToken.afterThinking.median', median(t.painted), 'ms', 25, t.painted.length);
      fig('firstToken.afterThinking.p95', p95(t.painted), 'ms', 50, t.painted.length);
      fig('firstToken.afterThinking.arrived.median', median(t.arrived), 'ms', null, t.arrived.length);
      fig('firstToken.afterThinking.frameStart.median', median(t.frame), 'ms', null, t.frame.length);
      fig('firstToken.afterThinking.dom.median', median(t.dom), 'ms', null, t.dom.length);
    }

    const floor = await phase(s, 'webview messaging floor', () => messagingFloor(s, c.firstToken >= 50 ? 30 : 10));
    if (floor) {
      fig('firstToken.vscodeFloor.painted.median', median(floor.painted), 'ms', null, floor.painted.length);
      fig('firstToken.vscodeFloor.arrived.median', median(floor.arrived), 'ms', null, floor.arrived.length);
      s.notes.push(`clock offsets: chat webview ${fmt(s.offset.offset, 3)} ms (±${fmt(s.offset.uncertainty, 3)}), ping webview ${fmt(floor.frameOffset.offset, 3)} ms (±${fmt(floor.frameOffset.uncertainty, 3)}), extension host ${fmt(s.hostOffset, 3)} ms (±${fmt(s.hostOffsetUncertainty, 3)})`);
      for (const f of figures) if (f.name === 'firstToken.median' || f.name === 'firstToken.afterThinking.median') f.baselineRatio = f.value / median(floor.painted);
    }

    // --- throughput: empty conversation and 2,000 earlier messages, interleaved; the bare SDK as baseline
    const tp = await phase(s, 'throughput', () => throughputPhase(s, c));
    const sdk = await phase(s, 'throughput baseline (bare SDK)', async () => ({
      fast: await sdkBaseline(s, nodeBin, words(c.fastTokens), 0),
      paced: await sdkBaseline(s, nodeBin, words(c.pacedTokens, 'p'), 5),
    }));
    if (tp) {
      const { empty, long } = tp;
      const all = [...empty.fast, ...empty.paced, ...long.fast, ...long.paced];
      const rate = (rs: StreamResult[]) => median(rs.map((r) => r.shownRate));
      const longest = (rs: StreamResult[]) => Math.max(...rs.map((r) => r.longestGap));
      const longestTask = (rs: StreamResult[]) => Math.max(...rs.map((r) => Math.max(r.longestTask, r.longestLoaf)));
      const cost = (rs: StreamResult[]) => median(rs.flatMap((r) => r.frameTotal));
      const script = (rs: StreamResult[]) => median(rs.flatMap((r) => r.frameScript));
      const frames = (rs: StreamResult[]) => rs.reduce((n, r) => n + r.frameTotal.length, 0);
      const identical = (rs: StreamResult[]) => (rs.every((r) => r.storedIdentical && r.shownIdentical) ? 1 : 0);
      const fastRate = rate(empty.fast);
      fig('throughput.fast.tokensPerSecond', fastRate, 'tokens/s', 5000, empty.fast.length, { lowerIsBetter: false, ...(sdk ? { baselineRatio: fastRate / sdk.fast.rate } : {}) });
      fig('throughput.fast.serverTokensPerSecond', median(empty.fast.map((r) => r.serverRate)), 'tokens/s', null, empty.fast.length, { lowerIsBetter: false });
      fig('throughput.fast.lagAfterServer', median(empty.fast.map((r) => r.lagMs)), 'ms', null, empty.fast.length);
      fig('throughput.fast.longestFrame', longest(empty.fast), 'ms', 50, empty.fast.length);
      fig('throughput.fast.longestTask', longestTask(empty.fast), 'ms', 50, empty.fast.length);
      fig('throughput.fast.frameCost.median', cost(empty.fast), 'ms', null, frames(empty.fast));
      fig('throughput.fast.frameScript.max', Math.max(...empty.fast.flatMap((r) => r.frameScript)), 'ms', null, frames(empty.fast));
      // Does a frame cost more as the answer grows? Script time (paint + the forced layout for scrolling) in the
      // second half of each stream's frames over the first half; also per 1,000 characters painted, since a
      // frame late in a fast stream may paint several queued deltas at once.
      const halves = (rs: StreamResult[], pick: (r: StreamResult) => number[]) => {
        const ratios = rs.filter((r) => pick(r).length >= 4).map((r) => {
          const v = pick(r);
          const n = Math.floor(v.length / 2);
          return median(v.slice(-n)) / median(v.slice(0, n));
        });
        return ratios.length ? median(ratios) : Number.NaN;
      };
      fig('throughput.fast.frameScript.growth', halves(empty.fast, (r) => r.frameScript), '×', null, empty.fast.length);
      fig('throughput.fast.frameScriptPerKChar.median', median(empty.fast.flatMap((r) => r.frameScriptPerKChar)), 'ms', null, empty.fast.length);
      fig('throughput.fast.frameScriptPerKChar.growth', halves(empty.fast, (r) => r.frameScriptPerKChar), '×', null, empty.fast.length);
      fig('throughput.paced.frameScript.growth', halves(empty.paced, (r) => r.frameScript), '×', null, empty.paced.length);
      fig('throughput.fast.identical', identical(empty.fast), 'bool', 1, empty.fast.length, { lowerIsBetter: false });
      const pacedRate = rate(empty.paced);
      fig('throughput.paced.tokensPerSecond', pacedRate, 'tokens/s', null, empty.paced.length, { lowerIsBetter: false, baselineRatio: pacedRate / median(empty.paced.map((r) => r.serverRate)) });
      fig('throughput.paced.longestFrame', longest(empty.paced), 'ms', 50, empty.paced.length);
      fig('throughput.paced.longestTask', longestTask(empty.paced), 'ms', 50, empty.paced.length);
      fig('throughput.paced.frameCost.median', cost(empty.paced), 'ms', null, frames(empty.paced));
      fig('throughput.paced.frameScript.median', script(empty.paced), 'ms', null, frames(empty.paced));
      fig('throughput.paced.identical', identical(empty.paced), 'bool', 1, empty.paced.length, { lowerIsBetter: false });

      const longRate = rate(long.fast);
      fig('longConversation.fast.tokensPerSecond', longRate, 'tokens/s', 5000, long.fast.length, { lowerIsBetter: false, baselineRatio: longRate / fastRate });
      fig('longConversation.fast.longestFrame', longest(long.fast), 'ms', 50, long.fast.length);
      fig('longConversation.paced.longestFrame', longest(long.paced), 'ms', 50, long.paced.length);
      fig('longConversation.longestTask', longestTask([...long.fast, ...long.paced]), 'ms', 50, long.fast.length + long.paced.length);
      fig('longConversation.identical', identical([...long.fast, ...long.paced]), 'bool', 1, long.fast.length + long.paced.length, { lowerIsBetter: false });
      fig('longConversation.paced.frameCost.median', cost(long.paced), 'ms', null, frames(long.paced), { baselineRatio: cost(long.paced) / cost(empty.paced) });
      fig('longConversation.paced.frameCost.ratio', cost(long.paced) / cost(empty.paced), '×', 1.2, frames(long.paced));
      fig('longConversation.paced.frameScript.ratio', script(long.paced) / script(empty.paced), '×', null, frames(long.paced));
      fig('longConversation.fast.frameCost.ratio', cost(long.fast) / cost(empty.fast), '×', 1.2, frames(long.fast));

      // Extension host CPU, from /proc, over each whole stream (request, streaming, storing, posting).
      const perK = (r: StreamResult) => r.hostCpuMs / (r.tokens / 1000);
      const cpuFast = median([...empty.fast, ...long.fast].map(perK));
      const cpuPaced = median([...empty.paced, ...long.paced].map(perK));
      const sdkFast = sdk ? sdk.fast.cpuMs / (c.fastTokens / 1000) : undefined;
      const sdkPaced = sdk ? sdk.paced.cpuMs / (c.pacedTokens / 1000) : undefined;
      fig('host.cpuPer1000Tokens.fast', cpuFast, 'ms', null, empty.fast.length + long.fast.length, sdkFast ? { baselineRatio: cpuFast / sdkFast } : {});
      fig('host.cpuPer1000Tokens.paced', cpuPaced, 'ms', null, empty.paced.length + long.paced.length, sdkPaced ? { baselineRatio: cpuPaced / sdkPaced } : {});
      if (idle !== undefined) {
        // Minus what the extension host burns anyway over the same wall time (other extensions, timers).
        const net = (r: StreamResult) => (r.hostCpuMs - (idle * r.wallMs) / 1000) / (r.tokens / 1000);
        fig('host.cpuPer1000Tokens.fast.overIdle', median([...empty.fast, ...long.fast].map(net)), 'ms', null, empty.fast.length + long.fast.length);
        fig('host.cpuPer1000Tokens.paced.overIdle', median([...empty.paced, ...long.paced].map(net)), 'ms', null, empty.paced.length + long.paced.length);
      }
      s.notes.push(`performance entries seen: webview ${JSON.stringify(all[0]?.seen)}, workbench page ${JSON.stringify(all[0]?.pageSeen)}`);
      for (const r of all) if (r.worstLongFrame) s.notes.push(`longest frame of the workbench's main thread during a ${r.tokens}-token stream: ${describeLongFrame(r.worstLongFrame)}`);
      fig('throughput.workbenchLongestTask', Math.max(...all.map((r) => r.pageLongestTask)), 'ms', null, all.length);
    }
    if (sdk) {
      fig('throughput.fast.sdkBaseline.tokensPerSecond', sdk.fast.rate, 'tokens/s', null, 1, { lowerIsBetter: false });
      fig('host.sdkBaseline.cpuPer1000Tokens.fast', sdk.fast.cpuMs / (c.fastTokens / 1000), 'ms', null, 1);
      fig('host.sdkBaseline.cpuPer1000Tokens.paced', sdk.paced.cpuMs / (c.pacedTokens / 1000), 'ms', null, 1);
      if (!sdk.fast.identical || !sdk.paced.identical) s.notes.push('the bare SDK baseline did not read the whole text');
    }

    // --- where the extension host's time goes while streaming: a CPU profile (diagnostic only, not a figure)
    const profiles = await phase(s, 'host CPU profile', async () => {
      await s.newChat();
      const out: string[] = [];
      const runs: [string, string[], number][] = [['paced', words(c.pacedTokens, 'p'), 5], ['fast', words(c.fastTokens), 0]];
      for (const [label, tokens, delay] of runs) {
        await s.helper.profileStart();
        await s.ask({ tokens, tokenDelayMs: delay }, `Profiled ${label} answer`);
        const p = summarizeProfile(await s.helper.profileStop());
        const busy = p.areas.filter(([a]) => a !== 'idle').reduce((n, [, ms]) => n + ms, 0);
        out.push(
          `\nExtension host CPU profile, ${label} stream of ${tokens.length} tokens: ${fmt(p.totalMs)} ms wall, ${fmt(busy)} ms busy`,
          table(['area (self time)', 'ms', '% of busy'], p.areas.map(([a, ms]) => [a, fmt(ms), a === 'idle' ? '' : fmt((ms / busy) * 100, 1)])),
          table(['top functions (self time)', 'ms'], p.functions.map(([f, ms]) => [f.length > 110 ? `${f.slice(0, 107)}...` : f, fmt(ms)])),
          ...p.callers.map(([f, cs]) => `  ${f}\n${cs.map(([c, ms]) => `      ${fmt(ms)} ms from ${c}`).join('\n')}`),
        );
      }
      return out;
    });

    if (profiles) profileLines.push(...profiles);

    // --- stop
    const st = await phase(s, 'stop', async () => {
      await s.newChat();
      return stops(s, c.stop);
    });
    if (st) {
      fig('stop.median', median(st.ours), 'ms', 100, st.ours.length, { baselineRatio: median(st.ours) / median(st.bare) });
      fig('stop.p95', p95(st.ours), 'ms', 100, st.ours.length);
      fig('stop.bareFetchAbort.median', median(st.bare), 'ms', null, st.bare.length);
    }

    // --- host heap over N answers
    const hp = await phase(s, `host heap (${c.heapAnswers} answers)`, async () => {
      await s.newChat();
      return heap(s, c.heapAnswers);
    });
    if (hp) {
      const mb = 2 ** 20;
      fig(`host.heapGrowth.${c.heapAnswers}answers`, (hp.after - hp.before) / mb, 'MiB', 5, 1);
      fig('host.heapGrowth.afterNewChat', (hp.afterNewChat - hp.before) / mb, 'MiB', null, 1);
      fig(`host.rssGrowth.${c.heapAnswers}answers`, (hp.rssAfter - hp.rssBefore) / mb, 'MiB', null, 1);
      fig('host.heapUsed', hp.after / mb, 'MiB', null, 1);
      fig('host.cpuPer1000Tokens.shortAnswers', hp.cpuPer1000, 'ms', null, c.heapAnswers);
    }

    // --- open: a new chat page on a 10,000-message conversation (and on a 2-message one, the baseline), and
    // showing the hidden sidebar chat again (its page is kept)
    const open = await phase(s, 'open', async () => {
      const shortId = await seedConversation(s.history, 2);
      const bigId = await seedConversation(s.history, 10_000);
      const big: ShowResult[] = [];
      const short: ShowResult[] = [];
      const reshown: number[] = [];
      // Interleaved; each switch happens in the visible sidebar chat, then a new page opens in an editor tab.
      for (let i = 0; i <= c.openShow; i++) {
        await s.attach();
        await s.switchTo(bigId, 10_000);
        const b = await openInEditor(s, 50);
        const r = await reshow(s);
        await s.attach();
        await s.switchTo(shortId, 2);
        const sh = await openInEditor(s, 2);
        if (i === 0) continue; // warm-up
        big.push(b);
        short.push(sh);
        reshown.push(r);
      }
      await s.attach();
      return { big, short, reshown };
    });
    if (open) {
      const med = (rs: ShowResult[], k: keyof ShowResult) => median(rs.map((r) => r[k] as number));
      fig('open.tenThousand.median', med(open.big, 'ms'), 'ms', 300, open.big.length, { baselineRatio: med(open.big, 'ms') / med(open.short, 'ms') });
      fig('open.tenThousand.p95', p95(open.big.map((r) => r.ms)), 'ms', 300, open.big.length);
      fig('open.tenThousand.webviewCreated', med(open.big, 'created'), 'ms', null, open.big.length);
      fig('open.tenThousand.pageBuilt', med(open.big, 'app'), 'ms', null, open.big.length);
      fig('open.tenThousand.messagesInDom', med(open.big, 'rendered'), 'ms', null, open.big.length);
      fig('open.twoMessages.median', med(open.short, 'ms'), 'ms', null, open.short.length);
      fig('open.twoMessages.pageBuilt', med(open.short, 'app'), 'ms', null, open.short.length);
      fig('open.twoMessages.messagesInDom', med(open.short, 'rendered'), 'ms', null, open.short.length);
      fig('open.reshow.tenThousand.median', median(open.reshown), 'ms', 300, open.reshown.length);
      const vias = new Set([...open.big, ...open.short].map((r) => r.via));
      if (vias.has('poll')) s.notes.push(`open: some renders were seen by the 5 ms poll, not a MutationObserver (up to 5 ms late): ${[...vias].join(', ')}`);
    }

    // --- open after a window reload: activation + history read + webview, on a fresh 10,000-message conversation
    const cold = await phase(s, 'open after reload', async () => {
      const out: ShowResult[] = [];
      for (let i = 0; i < c.openReload; i++) {
        await seedConversation(s.history, 10_000); // the most recent conversation is the one a new window opens
        const r = await openAfterReload(s, 50);
        out.push(r);
        activations.push(r);
      }
      return out;
    });
    if (cold) {
      fig('open.afterReload.median', median(cold.map((r) => r.ms)), 'ms', 300, cold.length);
      fig('open.afterReload.webviewCreated', median(cold.map((r) => r.created)), 'ms', null, cold.length);
      fig('open.afterReload.pageBuilt', median(cold.map((r) => r.app)), 'ms', null, cold.length);
      fig('open.afterReload.messagesInDom', median(cold.map((r) => r.rendered)), 'ms', null, cold.length);
    }

    // --- activation
    const own = activations.flatMap((a) => (a.activateMs === undefined ? [] : [a.activateMs]));
    const vscode = activations.flatMap((a) => (a.vscodeMs === undefined ? [] : [a.vscodeMs]));
    if (own.length) fig('activation.activate', median(own), 'ms', 50, own.length);
    if (vscode.length) fig('activation.runningExtensions', median(vscode), 'ms', 50, vscode.length);
    const logs = activationFromLogs(wb.server.logsDir);
    if (logs.hostMs.length) fig('activation.hostLog', median(logs.hostMs), 'ms', null, logs.hostMs.length);
    if (build.vsixError) s.notes.push(`VSIX not built: ${build.vsixError}`);
  } finally {
    const notes = session?.notes ?? [];
    await wb?.close().catch((err: unknown) => console.error('closing the workbench failed', err));
    await fake?.close().catch(() => undefined);
    build?.dispose();
    rmSync(workspace, { recursive: true, force: true, maxRetries: 3 });
    forgetWorkspace();
    for (const n of notes) console.log(`  note: ${n}`);
    if (skipped.length) console.log(`  note: not enough samples for ${skipped.join(', ')}`);
  }
  for (const line of profileLines) console.log(line);
  return figures;
}

/** One row of the summary table. */
export function row(f: Figure): (string | number)[] {
  const met = f.budget === null ? '' : (f.lowerIsBetter ? f.value <= f.budget : f.value >= f.budget) ? 'yes' : 'NO';
  return [f.name, fmt(f.value), f.unit, f.budget === null ? '' : fmt(f.budget), met, f.baselineRatio === undefined ? '' : `${fmt(f.baselineRatio)}×`, f.runs];
}
