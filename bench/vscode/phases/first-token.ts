// firstToken: server writes the first token → that text painted in the chat (page clocks), with where the time
// goes (host posted, arrived, frame started, in the DOM); an empty conversation and one with 2,000 earlier
// messages, interleaved in blocks of 10 so that drift on a shared machine affects both alike; and again after a
// 300 ms model "think"; and with the rest of the answer 50 ms behind its first token, so that nothing else
// runs in the extension host after the first text is posted (the message's way alone).
import type { Reply } from '../../../test/fakes/script';
import { median, p95 } from '../../stats';
import { Figures } from '../figures';
import { words, type Counts } from '../plan';
import { startPageRecording, stopPageRecording, summarizeLongFrames, waitForMark, type LongFrame } from '../probes';
import { seedConversation } from '../seed';
import type { Asked, Session } from '../session';
import { traced } from '../trace';
import { rendererIdleMsPerSecond } from './host';

interface FirstTokenResult {
  /** Server wrote the first token → painted. */
  painted: number[];
  /** … → the DOM had the text (before style, layout and paint). */
  dom: number[];
  /** … → the first textDelta arrived in the webview (extension host, workbench and webview messaging). */
  arrived: number[];
  /** … → the extension host posted the first textDelta (SDK, provider, controller, batcher). */
  posted: number[];
  /** Host posted → the host's next socket write (VS Code's messages leave the process in a timer); host clock. */
  held: number[];
  /** … → the animation frame that put the text in the DOM started. */
  frame: number[];
}

const emptyFirstTokens = (): FirstTokenResult => ({ painted: [], dom: [], arrived: [], posted: [], held: [], frame: [] });

/** A fresh conversation with 2,000 earlier messages, opened in the chat. */
export async function openLongConversation(s: Session): Promise<void> {
  const id = await seedConversation(s.history, 2000);
  await s.switchTo(id, 2000);
}

async function firstTokens(s: Session, count: number, label: string, out: FirstTokenResult = emptyFirstTokens(), firstByteDelayMs = 0, tokenDelayMs = 0): Promise<FirstTokenResult> {
  const reply: Reply = { tokens: words(tokenDelayMs ? 3 : 20, 'f'), tokenDelayMs, ...(firstByteDelayMs ? { firstByteDelayMs } : {}) };
  await s.calibrate();
  const asked: Asked[] = [];
  for (let i = 0; i < count; i++) {
    // Left alone until well after its first token is painted (p95 under 50 ms; a think delays it).
    const r = await s.ask(reply, `${label} question ${i}`, 'complete', 1, firstByteDelayMs + 250);
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
    const written = posts.written[r.id];
    if (at !== undefined && written !== undefined) out.held.push(written - at);
  }
  return out;
}

async function measure(s: Session, c: Counts): Promise<{ empty: FirstTokenResult; long: FirstTokenResult; thinking: FirstTokenResult; alone: FirstTokenResult }> {
  await s.newChat();
  await firstTokens(s, c.warm, 'Warm-up');
  const empty = emptyFirstTokens();
  const long = emptyFirstTokens();
  const alone = emptyFirstTokens();
  const longFrames: LongFrame[] = [];
  for (let done = 0; done < c.firstToken; done += 10) {
    const n = Math.min(10, c.firstToken - done);
    await s.newChat();
    await startPageRecording(s.page);
    await traced(s, 'BENCH_FIRST_TOKEN_TRACE', `first-token-${done}`, () => firstTokens(s, n, 'Empty', empty));
    longFrames.push(...((await stopPageRecording(s.page))?.longFrames ?? []));
    await firstTokens(s, Math.ceil(n / 2), 'Alone', alone, 0, 50);
    await openLongConversation(s);
    await firstTokens(s, n, 'Long', long);
  }
  // Drift across the series (a window that gets slower as conversations pile up) shows as rising block medians.
  const blocks = Array.from({ length: Math.ceil(empty.painted.length / 10) }, (_, b) => median(empty.painted.slice(b * 10, b * 10 + 10)).toFixed(1));
  s.notes.push(`first token per block of 10 answers (empty conversation), medians in order: ${blocks.join(' ; ')} ms`);
  s.notes.push(`workbench main thread during the first-token series (${c.firstToken} answers, empty conversation): ${longFrames.length} frames over 50 ms${longFrames.length ? `: ${summarizeLongFrames(longFrames)}` : ''}`);
  // Real models think before the first token (hundreds of ms); the fake server answers at once, while the
  // workbench is still busy with the send (the user's message, the Send → Stop button, the key events).
  await s.newChat();
  const thinking = await firstTokens(s, c.thinkingFirstToken, 'Thinking', emptyFirstTokens(), 300);
  return { empty, long, thinking, alone };
}

/**
 * Measures the first-token series. `providerFirstTokenMs` is the provider alone on plain Node (bench/providers.ts,
 * same run): the baseline of the host's share. The ratio to VS Code's own floor is set by the floor phase.
 */
export async function firstTokenPhase(s: Session, c: Counts, providerFirstTokenMs?: number): Promise<Figures> {
  await s.newChat();
  const rendererIdle = await rendererIdleMsPerSecond(s);
  const { empty, long, thinking: t, alone } = await measure(s, c);
  const f = new Figures();
  f.add('firstToken.rendererIdle', rendererIdle, 'ms/s', null, 1);
  f.add('firstToken.median', median(empty.painted), 'ms', 25, empty.painted.length);
  f.add('firstToken.p95', p95(empty.painted), 'ms', 50, empty.painted.length);
  f.add('firstToken.hostPosted.median', median(empty.posted), 'ms', null, empty.posted.length, providerFirstTokenMs ? { baselineRatio: median(empty.posted) / providerFirstTokenMs } : {});
  f.add('firstToken.hostHeld.median', median(empty.held), 'ms', null, empty.held.length);
  f.add('firstToken.arrived.median', median(empty.arrived), 'ms', null, empty.arrived.length);
  f.add('firstToken.frameStart.median', median(empty.frame), 'ms', null, empty.frame.length);
  f.add('firstToken.dom.median', median(empty.dom), 'ms', null, empty.dom.length);
  f.add('longConversation.firstToken.median', median(long.painted), 'ms', 25, long.painted.length, { baselineRatio: median(long.painted) / median(empty.painted) });
  f.add('longConversation.firstToken.p95', p95(long.painted), 'ms', 50, long.painted.length);
  f.add('longConversation.firstToken.hostPosted.median', median(long.posted), 'ms', null, long.posted.length);
  f.add('longConversation.firstToken.arrived.median', median(long.arrived), 'ms', null, long.arrived.length);
  f.add('firstToken.restLater.median', median(alone.painted), 'ms', 25, alone.painted.length);
  f.add('firstToken.restLater.hostHeld.median', median(alone.held), 'ms', null, alone.held.length);
  f.add('firstToken.restLater.arrived.median', median(alone.arrived), 'ms', null, alone.arrived.length);
  f.add('firstToken.restLater.dom.median', median(alone.dom), 'ms', null, alone.dom.length);
  f.add('firstToken.afterThinking.median', median(t.painted), 'ms', 25, t.painted.length);
  f.add('firstToken.afterThinking.p95', p95(t.painted), 'ms', 50, t.painted.length);
  f.add('firstToken.afterThinking.hostHeld.median', median(t.held), 'ms', null, t.held.length);
  f.add('firstToken.afterThinking.arrived.median', median(t.arrived), 'ms', null, t.arrived.length);
  f.add('firstToken.afterThinking.frameStart.median', median(t.frame), 'ms', null, t.frame.length);
  f.add('firstToken.afterThinking.dom.median', median(t.dom), 'ms', null, t.dom.length);
  return f;
}
