// One answer streamed into the chat while the webview's and the workbench page's frames are recorded: the rate
// shown, frame costs, long tasks, host CPU, and whether the text stored and shown is exactly what was sent.
import { startPageRecording, startRecording, stopPageRecording, stopRecording, waitForMark, type LongFrame, type Recording } from '../probes';
import { storedText } from '../seed';
import { now, sleep, type Session } from '../session';

export interface StreamResult {
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

/** The text the host stored for `messageId`, once its write has landed (up to 5 s). */
async function storedWhenWritten(s: Session, messageId: string): Promise<string | undefined> {
  let stored: string | undefined;
  for (let i = 0; i < 50 && stored === undefined; i++) {
    stored = storedText(s.history, messageId);
    if (stored === undefined) await sleep(100);
  }
  return stored;
}

export async function streamOnce(s: Session, tokens: string[], tokenDelayMs: number): Promise<StreamResult> {
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
  const stored = await storedWhenWritten(s, r.id);
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
