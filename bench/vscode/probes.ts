// What the real-VS-Code bench installs in the chat webview (through Playwright's evaluate, which CSP does not
// block), and the Node side that reads it. Nothing here changes the extension: the probe watches the DOM.
//
// Times are `performance.timeOrigin + performance.now()` in the page's clock; `clockOffset` measures how
// far that clock is from this process's (same machine, but each document has its own time origin).
//
// "Painted" means: the DOM change was made, and the rendering step that follows it (style, layout, paint)
// has run. A change made inside an animation frame (the transcript paints in requestAnimationFrame) is
// painted when a task posted from that frame runs; a change made elsewhere is painted after the next
// frame. That is the usual "next paint" approximation; the compositor may show it a little later still.
import type { Frame, Page } from 'playwright-core';

const nowNode = () => performance.timeOrigin + performance.now();

/** Marks for one message article, page clock. */
export interface MessageMarks {
  /** The first textDelta for the message arrived in the webview (host → workbench → webview). */
  firstArrived?: number;
  /** The first DOM change that gave the message's content some text. */
  firstText?: number;
  /** Start of the animation-frame callback that made that change (the transcript paints in frames). */
  firstTextFrameStart?: number;
  firstTextPainted?: number;
  /** The latest change inside the message's content (the final text, once the answer settled). */
  lastContent?: number;
  lastContentPainted?: number;
}

export interface FrameSample {
  /** Page-clock start of one requestAnimationFrame callback. */
  start: number;
  /** Script time of the callback (the transcript's paint: DOM updates, forced layout for scrolling). */
  script: number;
  /** From the callback's start to the task after the frame's rendering: script + style + layout + paint. */
  total?: number;
  /** Callback touched the chat's log. */
  log: boolean;
  /** Characters of streamed text that arrived (textDelta) since the previous frame. */
  chars: number;
}

export interface Recording {
  frames: FrameSample[];
  /** Intervals between consecutive animation frames (ms) while recording. */
  gaps: number[];
  longTasks: { start: number; duration: number }[];
  /** Long animation frames (≥ 50 ms, Chromium's LoAF API) with the scripts that ran in them. */
  longFrames: LongFrame[];
  /** Entries each observer saw since the probe was installed (or 'unsupported'). */
  seen: Record<string, number | string>;
}

export interface LongFrame {
  start: number;
  duration: number;
  blocking: number;
  /** Time from the frame's rendering start / style-and-layout start to its end. */
  render: number;
  styleAndLayout: number;
  scripts: { invoker: string; source: string; duration: number; forcedLayout: number }[];
}

/** Long frames summed by the script that ran longest in each (or their rendering, when no script did). */
export function summarizeLongFrames(frames: LongFrame[]): string {
  const by = new Map<string, { n: number; ms: number }>();
  for (const f of frames) {
    const top = [...f.scripts].sort((a, b) => b.duration - a.duration)[0];
    const key = top && top.duration >= f.duration / 4 ? `${top.invoker} ${top.source}`.trim() : f.render >= f.duration / 4 ? 'rendering (style, layout, paint)' : 'no script or rendering (another task, or the CPU was busy elsewhere)';
    const e = by.get(key) ?? { n: 0, ms: 0 };
    e.n++;
    e.ms += f.duration;
    by.set(key, e);
  }
  return [...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 4).map(([k, e]) => `${e.n}× ${k} (${e.ms.toFixed(0)} ms)`).join('; ');
}

/** A one-line account of a long frame, for the report. */
export function describeLongFrame(f: LongFrame): string {
  const scripts = [...f.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3)
    .map((x) => `${x.invoker} ${x.source} ${x.duration.toFixed(0)} ms${x.forcedLayout ? ` (forced layout ${x.forcedLayout.toFixed(0)} ms)` : ''}`);
  return `${f.duration.toFixed(0)} ms frame (rendering ${f.render.toFixed(0)} ms, style+layout ${f.styleAndLayout.toFixed(0)} ms; scripts: ${scripts.join('; ') || 'none'})`;
}

/** The probe; a function expression evaluated in the webview. Idempotent. */
const probeSource = String.raw`(() => {
  if (window.__agentChatBench) return 'present';
  const now = () => performance.timeOrigin + performance.now();
  const B = {
    marks: {}, clicks: [], recording: false, startedAt: 0, seen: {}, inFrame: false, frameStart: 0, logTouched: false, pendingChars: 0,
    frames: [], gaps: [], longTasks: [], longFrames: [],
  };
  window.__agentChatBench = B;
  const origRaf = window.requestAnimationFrame.bind(window);
  const afterTask = (fn) => { const ch = new MessageChannel(); ch.port1.onmessage = () => { ch.port1.close(); fn(now()); }; ch.port2.postMessage(0); };
  // Wraps every requestAnimationFrame callback (the transcript's paint among them) to time it.
  window.requestAnimationFrame = (cb) => origRaf((ts) => {
    const start = now();
    B.inFrame = true;
    B.frameStart = start;
    B.logTouched = false;
    const chars = B.pendingChars;
    B.pendingChars = 0;
    try { cb(ts); } finally {
      const script = now() - start;
      if (B.recording) {
        const f = { start, script, log: B.logTouched, chars };
        B.frames.push(f);
        afterTask((t) => { f.total = t - start; f.log = f.log || B.logTouched; });
      }
      afterTask(() => { B.inFrame = false; });
    }
  });
  const painted = (fn) => { if (B.inFrame) afterTask(fn); else origRaf(() => afterTask(fn)); };
  const log = document.querySelector('[role="log"]');
  const mo = new MutationObserver((records) => {
    const t = now();
    B.logTouched = true;
    const seen = new Set();
    for (const r of records) {
      const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      const nodes = [node, ...Array.from(r.addedNodes || []).filter((n) => n.nodeType === 1)];
      for (const n of nodes) {
        const article = n && n.closest ? n.closest('article.assistant[data-message-id]') : null;
        if (!article || seen.has(article)) continue;
        const inContent = n.closest('.content') || (n.querySelector && n.querySelector('.content'));
        if (!inContent) continue;
        seen.add(article);
        const id = article.dataset.messageId;
        const m = B.marks[id] || (B.marks[id] = {});
        if (m.firstText === undefined) {
          const content = article.querySelector('.content');
          if (!content || !content.textContent) continue;
          m.firstText = t;
          if (B.inFrame) m.firstTextFrameStart = B.frameStart;
          painted((p) => { m.firstTextPainted = p; });
        }
        m.lastContent = t;
        painted((p) => { if (m.lastContent === t) m.lastContentPainted = p; });
      }
    }
  });
  if (log) mo.observe(log, { childList: true, subtree: true, characterData: true });
  // When each answer's first text arrived from the host. This listener runs after the page's own (listeners on
  // one target run in the order they were added), so the event's own time stamp (its dispatch) is used.
  // A turn's question, placeholder and first text cross as one \`together\` message: look inside it too.
  window.addEventListener('message', (e) => {
    const parts = e.data && e.data.type === 'together' && Array.isArray(e.data.messages) ? e.data.messages : [e.data];
    for (const d of parts) {
      if (!d || d.type !== 'textDelta' || typeof d.messageId !== 'string') continue;
      B.pendingChars += typeof d.text === 'string' ? d.text.length : 0;
      const m = B.marks[d.messageId] || (B.marks[d.messageId] = {});
      if (m.firstArrived === undefined) m.firstArrived = performance.timeOrigin + e.timeStamp;
    }
  }, true);
  document.addEventListener('click', (e) => {
    const b = e.target && e.target.closest ? e.target.closest('button') : null;
    if (b) B.clicks.push({ label: b.getAttribute('aria-label') || b.textContent || '', at: now() });
  }, true);
  // Entries arrive after the fact: only those that started after recording began count.
  const observe = (type, push) => {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          B.seen[type] = (B.seen[type] || 0) + 1;
          if (B.recording && performance.timeOrigin + e.startTime >= B.startedAt) push(e);
        }
      }).observe({ type });
    } catch (e) { B.seen[type] = 'unsupported'; }
  };
  observe('longtask', (e) => B.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration }));
  observe('long-animation-frame', (e) => B.longFrames.push({
    start: performance.timeOrigin + e.startTime, duration: e.duration, blocking: e.blockingDuration || 0,
    render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
    styleAndLayout: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
    scripts: (e.scripts || []).map((x) => ({
      invoker: x.invoker, source: String(x.sourceURL || '').split('/').pop() + ':' + (x.sourceFunctionName || ''),
      duration: x.duration, forcedLayout: x.forcedStyleAndLayoutDuration || 0,
    })),
  }));
  let last = 0;
  const loop = (ts) => {
    if (!B.recording) { last = 0; return; }
    if (last) B.gaps.push(ts - last);
    last = ts;
    origRaf(loop);
  };
  B.start = () => {
    B.frames = []; B.gaps = []; B.longTasks = []; B.longFrames = [];
    B.startedAt = now();
    B.recording = true;
    origRaf(loop);
  };
  B.stop = () => {
    B.recording = false;
    return { frames: B.frames, gaps: B.gaps, longTasks: B.longTasks, longFrames: B.longFrames, seen: B.seen };
  };
  return log ? 'installed' : 'installed-without-log';
})()`;

export async function installProbe(frame: Frame): Promise<string> {
  return frame.evaluate(probeSource) as Promise<string>;
}

export async function marksFor(frame: Frame, messageId: string): Promise<MessageMarks | undefined> {
  return frame.evaluate(`window.__agentChatBench && window.__agentChatBench.marks[${JSON.stringify(messageId)}]`) as Promise<MessageMarks | undefined>;
}

/** Waits (bounded) until the message's marks have the given painted field. */
export async function waitForMark(frame: Frame, messageId: string, field: keyof MessageMarks, timeoutMs = 10_000): Promise<MessageMarks> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await marksFor(frame, messageId);
    if (m?.[field] !== undefined) return m;
    if (Date.now() > deadline) throw new Error(`bench probe: no ${field} mark for message ${messageId} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startRecording(frame: Frame): Promise<void> {
  await frame.evaluate('window.__agentChatBench.start()');
}

export async function stopRecording(frame: Frame): Promise<Recording> {
  // Let the last frame's after-paint tasks land.
  await frame.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)))');
  return frame.evaluate('window.__agentChatBench.stop()') as Promise<Recording>;
}

export async function lastClick(frame: Frame, label: string): Promise<number | undefined> {
  return frame.evaluate(`(() => { const c = window.__agentChatBench.clicks.filter((c) => c.label === ${JSON.stringify(label)}); return c.length ? c[c.length - 1].at : undefined; })()`) as Promise<number | undefined>;
}

export interface ClockOffset {
  /** page clock − this process's clock, ms. */
  offset: number;
  /** Half the shortest round trip: the offset's uncertainty, ms. */
  uncertainty: number;
}

/** Offset of a frame's (or page's) clock from ours, from the evaluate round trip with the shortest time. */
export async function clockOffset(frame: Frame, samples = 15): Promise<ClockOffset> {
  let best: ClockOffset | undefined;
  for (let i = 0; i < samples; i++) {
    const t0 = nowNode();
    const tp = (await frame.evaluate('performance.timeOrigin + performance.now()')) as number;
    const t1 = nowNode();
    const c = { offset: tp - (t0 + t1) / 2, uncertainty: (t1 - t0) / 2 };
    if (!best || c.uncertainty < best.uncertainty) best = c;
  }
  return best!;
}

/**
 * Init script (page.addInitScript runs it in every new document, frames included; armed by the open phases,
 * Session.armOpenProbe) for the "open" figures:
 * - in the workbench page: records every mousedown (the click that shows the view, or that picks "Open Chat
 *   in Editor" in the command palette);
 * - in a webview document: for 20 s, records when the chat page built its DOM, when the host's snapshot
 *   arrived, and each change of the number of messages in the log with when it was painted.
 * VS Code writes the webview's HTML into the frame's first document with document.open/write, which drops
 * event listeners registered before; so a 5 ms poll looks for the chat's log, then a MutationObserver on
 * the log itself and a message listener take over (a document-wide observer as well, in case it survives).
 */
export const openProbeInit = String.raw`(() => {
  const now = () => performance.timeOrigin + performance.now();
  if (window === window.top) {
    if (!window.__benchDowns) {
      window.__benchDowns = [];
      window.addEventListener('mousedown', () => window.__benchDowns.push(now()), true);
    }
    return;
  }
  // Only Agent Chat's page is watched: VS Code's webview host document (pre/index.html) holds the page's frame
  // and never the chat, and other webviews (the floor's bare one) never get a log, so the 5 ms polls below would
  // run there for their whole 20 s, forcing ~1,400 style recalculations a second beside what is measured.
  if (location.pathname.endsWith('/pre/index.html')) return;
  let host = '';
  try { host = String(window.parent.location.search); } catch (e) { return; }
  if (!host.includes('extensionId=agent-chat.agent-chat')) return;
  if (window.__agentChatOpen) return;
  const S = (window.__agentChatOpen = { created: now(), counts: [] });
  let last = 0;
  let watched;
  const count = (via) => {
    const log = document.querySelector('[role="log"]');
    if (!log) return;
    if (S.appAt === undefined) S.appAt = now();
    if (watched !== log) {
      watched = log;
      new MutationObserver(() => count('mo')).observe(log, { childList: true });
      window.addEventListener('message', (e) => {
        // The page's own listener (added earlier) has rendered the snapshot by now: the event's time stamp
        // (its dispatch) is the arrival.
        if (e.data && e.data.type === 'snapshot' && S.snapshotAt === undefined) S.snapshotAt = performance.timeOrigin + e.timeStamp;
      }, true);
    }
    const n = log.querySelectorAll(':scope > article').length;
    if (n === last) return;
    last = n;
    const e = { n, at: now(), via };
    S.counts.push(e);
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { e.painted = now(); ch.port1.close(); };
      ch.port2.postMessage(0);
    });
  };
  // VS Code keeps a new page's frame hidden (visibility) until the page's load event (or 200 ms after writing
  // it): what the user sees is the first frame painted once it is visible. Polled like the log (a timer outlives
  // the document's replacement; an animation-frame loop started in the first document would not).
  const shownTimer = setInterval(() => {
    const frame = window.frameElement;
    if (!frame || frame.style.visibility === 'hidden' || !document.querySelector('[role="log"]')) return;
    clearInterval(shownTimer);
    S.shown = now();
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { S.shownPainted = now(); ch.port1.close(); };
      ch.port2.postMessage(0);
    });
  }, 5);
  const docObserver = new MutationObserver(() => count('document'));
  docObserver.observe(document, { childList: true, subtree: true });
  const timer = setInterval(() => { count('poll'); if (watched) clearInterval(timer); }, 5);
  setTimeout(() => { docObserver.disconnect(); clearInterval(timer); clearInterval(shownTimer); }, 20000);
})()`;

export interface OpenMarks {
  /** The webview document (its first, about:blank, state) was created. */
  created: number;
  /** The chat page had built its DOM (webview.js loaded and ran). */
  appAt?: number;
  /** The host's snapshot message arrived (was dispatched to the page). */
  snapshotAt?: number;
  counts: { n: number; at: number; painted?: number; via: string }[];
  /** VS Code made the page's frame visible (seen by a 5 ms poll), and the next frame was painted. */
  shown?: number;
  shownPainted?: number;
}

/**
 * The workbench page's view of long frames and long tasks. The chat webview runs on the workbench's main
 * thread (same site), so a long frame there can be the workbench's work or the chat's; Long Animation Frame
 * entries (not delivered inside the webview frame) name the scripts.
 */
const pageProbeSource = String.raw`(() => {
  if (window.__benchPage) return 'present';
  const P = { recording: false, startedAt: 0, longFrames: [], longTasks: [], seen: {} };
  window.__benchPage = P;
  const observe = (type, push) => {
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          P.seen[type] = (P.seen[type] || 0) + 1;
          if (P.recording && performance.timeOrigin + e.startTime >= P.startedAt) push(e);
        }
      }).observe({ type });
    } catch (e) { P.seen[type] = 'unsupported'; }
  };
  observe('long-animation-frame', (e) => P.longFrames.push({
    start: performance.timeOrigin + e.startTime, duration: e.duration, blocking: e.blockingDuration || 0,
    render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
    styleAndLayout: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
    scripts: (e.scripts || []).map((x) => ({
      invoker: x.invoker, source: String(x.sourceURL || '').split('?')[0].split('/').slice(-2).join('/') + ':' + (x.sourceFunctionName || ''),
      duration: x.duration, forcedLayout: x.forcedStyleAndLayoutDuration || 0,
    })),
  }));
  observe('longtask', (e) => P.longTasks.push({ start: performance.timeOrigin + e.startTime, duration: e.duration }));
  P.start = () => { P.longFrames = []; P.longTasks = []; P.startedAt = performance.timeOrigin + performance.now(); P.recording = true; };
  P.stop = () => { P.recording = false; return { longFrames: P.longFrames, longTasks: P.longTasks, seen: P.seen }; };
  return 'installed';
})()`;

export interface PageRecording {
  longFrames: LongFrame[];
  longTasks: { start: number; duration: number }[];
  seen: Record<string, number | string>;
}

export async function installPageProbe(page: Page): Promise<void> {
  await page.evaluate(pageProbeSource);
}

export async function startPageRecording(page: Page): Promise<void> {
  await page.evaluate('window.__benchPage && window.__benchPage.start()');
}

export async function stopPageRecording(page: Page): Promise<PageRecording | undefined> {
  return (await page.evaluate('window.__benchPage ? window.__benchPage.stop() : undefined')) as PageRecording | undefined;
}

/**
 * Workbench page: after the next mousedown, checks every animation frame whether the element marked
 * `data-bench-chat` (the chat's retained webview) is visible, and records when it became so and when that
 * frame was painted. For a view that keeps its page while hidden, showing it is only this.
 */
export const watchReshow = String.raw`(() => {
  const now = () => performance.timeOrigin + performance.now();
  const el = document.querySelector('[data-bench-chat]');
  const R = (window.__benchReshow = { down: undefined, shown: undefined, painted: undefined });
  if (!el) return 'missing';
  const visible = () => {
    const r = el.getBoundingClientRect();
    const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
    return onScreen && el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  };
  window.addEventListener('mousedown', () => {
    R.down = now();
    const check = () => {
      if (!visible()) return requestAnimationFrame(check);
      R.shown = now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { R.painted = now(); ch.port1.close(); };
      ch.port2.postMessage(0);
    };
    requestAnimationFrame(check);
  }, { capture: true, once: true });
  return visible() ? 'visible' : 'hidden';
})()`;
