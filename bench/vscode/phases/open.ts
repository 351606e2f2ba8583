// open: a new chat page → the last page of a 10,000-message conversation painted (an editor tab, with a
// 2-message conversation as the baseline); showing the hidden sidebar chat again (its page is kept); and the
// sidebar after a window reload (activation, history read and webview from scratch).
import { reloadWindow } from '../../../test/e2e/harness';
import { median, p95 } from '../../stats';
import { Figures } from '../figures';
import { openInEditor, reshow, showNewPage, type ShowResult } from '../open';
import type { Counts } from '../plan';
import { installPageProbe } from '../probes';
import { seedConversation } from '../seed';
import { sleep, type Session } from '../session';
import { traced } from '../trace';
import { activationSample, type ActivationSample } from './activation';

/**
 * Messages a new page on the 10,000-message conversation shows: the transcript puts only those that fill the
 * view (and a little more) on the page, all in its first render, so a few mean the first screen is there.
 */
const visibleAtLeast = 5;

const med = (rs: ShowResult[], k: 'ms' | 'created' | 'app' | 'rendered') => median(rs.map((r) => r[k]));

async function measureOpen(s: Session, c: Counts): Promise<{ big: ShowResult[]; short: ShowResult[]; reshown: number[] }> {
  await s.armOpenProbe();
  const shortId = await seedConversation(s.history, 2);
  const bigId = await seedConversation(s.history, 10_000);
  const big: ShowResult[] = [];
  const short: ShowResult[] = [];
  const reshown: number[] = [];
  // Interleaved; each switch happens in the visible sidebar chat, then a new page opens in an editor tab.
  for (let i = 0; i <= c.openShow; i++) {
    await s.attach();
    await s.switchTo(bigId, 10_000);
    const b = await traced(s, 'BENCH_OPEN_TRACE', `open-${i}`, () => openInEditor(s, visibleAtLeast));
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
}

export async function openPhase(s: Session, c: Counts): Promise<Figures> {
  const { big, short, reshown } = await measureOpen(s, c);
  const f = new Figures();
  f.add('open.tenThousand.median', med(big, 'ms'), 'ms', 300, big.length, { baselineRatio: med(big, 'ms') / med(short, 'ms') });
  f.add('open.tenThousand.p95', p95(big.map((r) => r.ms)), 'ms', 300, big.length);
  f.add('open.tenThousand.webviewCreated', med(big, 'created'), 'ms', null, big.length);
  f.add('open.tenThousand.pageBuilt', med(big, 'app'), 'ms', null, big.length);
  f.add('open.tenThousand.messagesInDom', med(big, 'rendered'), 'ms', null, big.length);
  // Our part, split: from the webview's document to the style sheets and script fetched, the script's first
  // statement, its first render done, and the last page painted.
  // A page that never fetched a part (inline styles and script) or had not yet (the font comes after the first
  // paint) gives no time for it: only the pages that did count, and the figure says how many.
  for (const k of ['stylesLoaded', 'scriptLoaded', 'scriptStarted', 'rendered', 'fontLoaded'] as const) {
    const times = big.map((r) => r.timings[k]).filter(Number.isFinite);
    f.add(`open.tenThousand.ours.${k}`, median(times), 'ms', null, times.length);
  }
  f.add('open.tenThousand.ours.painted', median(big.map((r) => r.ms - r.created)), 'ms', 100, big.length);
  // What the user sees: VS Code shows the frame at the page's load event (or 200 ms after writing it), painted.
  f.add('open.tenThousand.ours.shown', median(big.map((r) => r.shown - r.created)), 'ms', null, big.length);
  f.add('open.twoMessages.median', med(short, 'ms'), 'ms', null, short.length);
  f.add('open.twoMessages.pageBuilt', med(short, 'app'), 'ms', null, short.length);
  f.add('open.twoMessages.messagesInDom', med(short, 'rendered'), 'ms', null, short.length);
  f.add('open.reshow.tenThousand.median', median(reshown), 'ms', 300, reshown.length);
  const vias = new Set([...big, ...short].map((r) => r.via));
  if (vias.has('poll')) s.notes.push(`open: some renders were seen by the 5 ms poll, not a MutationObserver (up to 5 ms late): ${[...vias].join(', ')}`);
  return f;
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

/**
 * Opens after a window reload on a fresh 10,000-message conversation (the most recent one is what a new window
 * opens); each reload's activation sample is added to `activations`.
 */
export async function openAfterReloadPhase(s: Session, c: Counts, activations: ActivationSample[]): Promise<Figures> {
  await s.armOpenProbe();
  const cold: ShowResult[] = [];
  for (let i = 0; i < c.openReload; i++) {
    await seedConversation(s.history, 10_000);
    const r = await openAfterReload(s, visibleAtLeast);
    cold.push(r);
    activations.push(r);
  }
  const f = new Figures();
  f.add('open.afterReload.median', median(cold.map((r) => r.ms)), 'ms', 300, cold.length);
  f.add('open.afterReload.webviewCreated', median(cold.map((r) => r.created)), 'ms', null, cold.length);
  f.add('open.afterReload.pageBuilt', median(cold.map((r) => r.app)), 'ms', null, cold.length);
  f.add('open.afterReload.messagesInDom', median(cold.map((r) => r.rendered)), 'ms', null, cold.length);
  return f;
}
