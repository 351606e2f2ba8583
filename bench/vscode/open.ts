// The "open" measures. The chat keeps its page while hidden, so there are two ways to open it:
// - a new page (the sidebar after a window reload, or Open Chat in Editor): VS Code creates the webview,
//   the page loads with the conversation's last page written into it, and paints it;
// - showing the hidden sidebar again: the page is still there, so it is only VS Code showing it.
import type { Frame } from 'playwright-core';
import { runCommand } from '../../test/e2e/harness';
import type { Session } from './session';
import { clockOffset, watchReshow, type OpenMarks } from './probes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ShowResult {
  /** Click → the expected messages painted. */
  ms: number;
  /** → the webview's document existed. */
  created: number;
  /** → the chat page had built its DOM (webview.js loaded and ran). */
  app: number;
  /** → the messages were in the DOM. */
  rendered: number;
  /** → VS Code had made the page's frame visible (it is hidden until the page's load event) and it was painted with the messages. */
  shown: number;
  via: string;
  /** Where our part goes, each from the webview's document being created (see `pageTimings`). */
  timings: PageTimings;
}

/**
 * The page's own timeline, in ms from its document's creation: the style sheets and the script fetched
 * (through VS Code's service worker), the script's first statement (`agent-chat:script` from the bundle's
 * banner: the gap after the fetch is waiting for the style sheets, then parsing and compiling), and the end of
 * its first render (`agent-chat:rendered`, in main.ts).
 */
export interface PageTimings {
  stylesLoaded: number;
  scriptLoaded: number;
  scriptStarted: number;
  rendered: number;
  /** The icon font fetched: the page adds it after its load event and first paint (icon-font.ts), never before. */
  fontLoaded: number;
}

const pageTimings = String.raw`(() => {
  const end = (re) => Math.max(-1, ...performance.getEntriesByType('resource').filter((e) => re.test(e.name)).map((e) => e.responseEnd));
  const mark = (name) => { const m = performance.getEntriesByName(name, 'mark')[0]; return m ? m.startTime : -1; };
  return { origin: performance.timeOrigin, stylesLoaded: end(/\.css(\?|$)/), scriptLoaded: end(/webview\.js(\?|$)/), scriptStarted: mark('agent-chat:script'), rendered: mark('agent-chat:rendered'), fontLoaded: end(/\.(ttf|woff2?)(\?|$)/) };
})()`;

async function hideChat(s: Session): Promise<void> {
  if (!(await s.explorerVisible())) {
    await s.activity('Explorer');
    await s.page.locator('.sidebar .explorer-folders-view').first().waitFor({ state: 'visible', timeout: 30_000 });
  }
  await sleep(1000); // let the workbench settle
}

/**
 * Waits for a chat page in a frame that is not in `old` to paint `expected` messages, and times it from the
 * `index`-th mousedown the workbench page saw.
 */
async function newPagePainted(s: Session, old: Set<Frame>, expected: number, index: number): Promise<ShowResult> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`bench: no new chat page showed ${expected} messages`);
    for (const f of s.page.frames()) {
      if (old.has(f) || !f.url().includes('/webview/browser/pre/')) continue;
      const marks = (await f.evaluate('document.querySelector(\'[role="log"]\') ? window.__agentChatOpen : null').catch(() => null)) as OpenMarks | null;
      const hit = marks?.counts.find((c) => c.n >= expected && c.painted !== undefined);
      // Until VS Code has shown the frame (it is hidden until the page's load event) and painted it: next poll.
      if (!marks || !hit || marks.shownPainted === undefined) continue;
      const pageOffset = await clockOffset(s.page.mainFrame(), 5);
      const frameOffset = await clockOffset(f, 5);
      const startPage = ((await s.page.evaluate('window.__benchDowns')) as number[])[index];
      if (startPage === undefined) throw new Error('bench: the click was not seen');
      const start = startPage - pageOffset.offset;
      const local = (t: number) => t - frameOffset.offset - start;
      const t = (await f.evaluate(pageTimings)) as PageTimings & { origin: number };
      // Relative to the document's creation; a missing entry (-1) is not a figure.
      const since = (v: number) => (v < 0 ? Number.NaN : t.origin + v - marks.created);
      const timings = { stylesLoaded: since(t.stylesLoaded), scriptLoaded: since(t.scriptLoaded), scriptStarted: since(t.scriptStarted), rendered: since(t.rendered), fontLoaded: since(t.fontLoaded) };
      const shown = local(Math.max(marks.shownPainted, hit.painted!));
      return { ms: local(hit.painted!), created: local(marks.created), app: local(marks.appAt ?? Number.NaN), rendered: local(hit.at), shown, via: hit.via, timings };
    }
    await sleep(10);
  }
}

/** Hides the chat and clicks its icon; expects a new page (after a reload, when nothing was kept). */
export async function showNewPage(s: Session, expected: number): Promise<ShowResult> {
  await hideChat(s);
  const old = new Set(s.page.frames());
  const downs0 = (await s.page.evaluate('window.__benchDowns.length')) as number;
  await s.activity('Agent Chat');
  return newPagePainted(s, old, expected, downs0);
}

/** "Open Chat in Editor" from the command palette: a new page on the open conversation; closed again after. */
export async function openInEditor(s: Session, expected: number): Promise<ShowResult> {
  const old = new Set(s.page.frames());
  const downs0 = (await s.page.evaluate('window.__benchDowns.length')) as number;
  await runCommand(s.page, 'Agent Chat: Open Chat in Editor'); // picked with a click in the palette
  const result = await newPagePainted(s, old, expected, downs0);
  await runCommand(s.page, 'View: Close Editor');
  await s.page.locator('.tabs-container .tab', { hasText: 'Agent Chat' }).waitFor({ state: 'detached', timeout: 30_000 });
  return result;
}

/** Hides the sidebar chat and shows it again: click → its kept page visible and painted. */
export async function reshow(s: Session): Promise<number> {
  // The workbench-level iframe that holds the chat page.
  let f: Frame = s.frame;
  while (f.parentFrame() && f.parentFrame() !== s.page.mainFrame()) f = f.parentFrame()!;
  const element = await f.frameElement();
  await s.page.evaluate('document.querySelectorAll("[data-bench-chat]").forEach((e) => e.removeAttribute("data-bench-chat"))');
  await element.evaluate((e) => e.setAttribute('data-bench-chat', ''));
  await hideChat(s);
  const state = await s.page.evaluate(watchReshow);
  if (state !== 'hidden') throw new Error(`bench: the chat page is ${state} while the Explorer shows`);
  const before = s.frame;
  await s.activity('Agent Chat');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = (await s.page.evaluate('window.__benchReshow')) as { down?: number; painted?: number };
    if (r.down !== undefined && r.painted !== undefined) {
      if (before.isDetached()) throw new Error('bench: the chat page was not kept while hidden');
      return r.painted - r.down;
    }
    if (Date.now() > deadline) throw new Error('bench: the kept chat page did not show again');
    await sleep(20);
  }
}
