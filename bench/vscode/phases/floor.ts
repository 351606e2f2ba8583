// The floor under firstToken: VS Code's own messaging from the extension host into a minimal webview, and that
// page's next paint (the helper extension's ping panel), in ms from the host's postMessage.
import { fmt, median } from '../../stats';
import { Figures } from '../figures';
import { clockOffset, type ClockOffset } from '../probes';
import { sleep, type Session } from '../session';
import { rendererIdleMsPerSecond } from './host';

async function pingFrameOffset(s: Session): Promise<ClockOffset | undefined> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const f of s.page.frames()) {
      if (!f.url().includes('/webview/browser/pre/')) continue;
      if (await f.evaluate('!!document.getElementById("bench-ping")').catch(() => false)) return clockOffset(f, 8);
    }
    await sleep(50);
  }
  return undefined;
}

async function measure(s: Session, count: number): Promise<{ arrived: number[]; painted: number[]; frameOffset: ClockOffset }> {
  const pending = s.helper.ping(count + 1, 100);
  const frameOffset = await pingFrameOffset(s);
  const results = (await pending).slice(1); // the first is a warm-up
  if (!frameOffset) throw new Error('bench: the ping webview was not found');
  const local = (t: number) => t - frameOffset.offset;
  return {
    arrived: results.map((r) => local(r.arrived) - (r.posted - s.hostOffset)),
    painted: results.map((r) => local(r.painted) - (r.posted - s.hostOffset)),
    frameOffset,
  };
}

export async function messagingFloorPhase(s: Session, count: number): Promise<Figures> {
  const rendererIdle = await rendererIdleMsPerSecond(s);
  const floor = await measure(s, count);
  const f = new Figures();
  f.add('firstToken.vscodeFloor.rendererIdle', rendererIdle, 'ms/s', null, 1);
  f.add('firstToken.vscodeFloor.painted.median', median(floor.painted), 'ms', null, floor.painted.length);
  f.add('firstToken.vscodeFloor.arrived.median', median(floor.arrived), 'ms', null, floor.arrived.length);
  s.notes.push(`clock offsets: chat webview ${fmt(s.offset.offset, 3)} ms (±${fmt(s.offset.uncertainty, 3)}), ping webview ${fmt(floor.frameOffset.offset, 3)} ms (±${fmt(floor.frameOffset.uncertainty, 3)}), extension host ${fmt(s.hostOffset, 3)} ms (±${fmt(s.hostOffsetUncertainty, 3)})`);
  return f;
}

/** First-token figures as a multiple of VS Code's own floor (a bare webview's message painted). */
export function relateToFloor(all: Figures): void {
  const floor = all.find('firstToken.vscodeFloor.painted.median');
  if (!floor) return;
  for (const name of ['firstToken.median', 'firstToken.afterThinking.median']) {
    const f = all.find(name);
    if (f) f.baselineRatio = f.value / floor.value;
  }
}
