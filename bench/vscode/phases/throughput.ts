// throughput: 20,000 tokens as fast as the socket allows, and ~200 tokens/s: rate shown (the bare SDK in its own
// process as baseline), longest frame / long task, text identical, per-frame cost; longConversation: the same
// with 2,000 earlier messages, interleaved with the empty conversation; host: extension host CPU per 1,000 tokens.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { median, p95 } from '../../stats';
import { Figures } from '../figures';
import { words, type Counts } from '../plan';
import { describeLongFrame } from '../probes';
import type { Session } from '../session';
import { openLongConversation } from './first-token';
import { streamOnce, type StreamResult } from './stream';
import { traced } from '../trace';

const runFile = promisify(execFile);

interface ThroughputResult {
  paced: StreamResult[];
  fast: StreamResult[];
}

export interface ThroughputRuns {
  empty: ThroughputResult;
  long: ThroughputResult;
}

interface SdkRun {
  rate: number;
  /** Median over the measured streams; `cpuSpread` is their lowest and highest. */
  cpuMs: number;
  cpuSpread: [number, number];
  streams: number;
  identical: boolean;
}

export interface SdkBaseline {
  fast: SdkRun;
  paced: SdkRun;
}

/** Streams, alternating an empty conversation and one with 2,000 earlier messages (a fresh one each time). */
export async function throughputPhase(s: Session, c: Counts): Promise<ThroughputRuns> {
  const empty: ThroughputResult = { paced: [], fast: [] };
  const long: ThroughputResult = { paced: [], fast: [] };
  for (let i = 0; i < c.pacedRuns; i++) {
    await s.newChat();
    empty.paced.push(await tracedStream(s, `paced-empty-${i}`, words(c.pacedTokens, 'p'), 5));
    await openLongConversation(s);
    long.paced.push(await tracedStream(s, `paced-long-${i}`, words(c.pacedTokens, 'p'), 5));
  }
  for (let i = 0; i < c.fastRuns; i++) {
    await s.newChat();
    empty.fast.push(await tracedStream(s, `fast-empty-${i}`, words(c.fastTokens), 0));
    await openLongConversation(s);
    long.fast.push(await tracedStream(s, `fast-long-${i}`, words(c.fastTokens), 0));
  }
  return { empty, long };
}

/** One stream, under a Chromium trace when BENCH_THROUGHPUT_TRACE names a folder. */
function tracedStream(s: Session, name: string, tokens: string[], tokenDelayMs: number): Promise<StreamResult> {
  return traced(s, 'BENCH_THROUGHPUT_TRACE', name, () => streamOnce(s, tokens, tokenDelayMs));
}

/**
 * The bare Anthropic SDK reading the same answer in its own process, on the extension host's Node: one stream to
 * warm up, then `measured` streams whose median CPU is the baseline (one stream's CPU time moved 178–300 ms per
 * 1,000 paced tokens between quiet runs, too much to judge a 2× goal on).
 */
async function sdkRun(s: Session, nodeBin: string, tokens: string[], tokenDelayMs: number, measured: number): Promise<SdkRun> {
  const streams = measured + 1;
  const n0 = s.fake.chatRequests().length;
  for (let i = 0; i < streams; i++) s.fake.enqueue({ tokens, tokenDelayMs });
  const script = join(__dirname, '..', 'sdk-baseline.js');
  const { stdout } = await runFile(nodeBin, [script, s.fake.url, String(streams)], { timeout: 300_000, maxBuffer: 2 ** 20 });
  const outs = JSON.parse(stdout.trim().split('\n').at(-1)!) as { first: number; end: number; cpuMs: number; length: number }[];
  const rates = outs.map((out, i) => tokens.length / ((out.end - s.fake.chatRequests()[n0 + 1 + i]!.firstTokenAt!) / 1000));
  const cpu = outs.map((o) => o.cpuMs);
  return {
    rate: median(rates),
    cpuMs: median(cpu),
    cpuSpread: [Math.min(...cpu), Math.max(...cpu)],
    streams: outs.length,
    identical: outs.every((o) => o.length === tokens.join('').length),
  };
}

export async function sdkBaselinePhase(s: Session, c: Counts, nodeBin: string): Promise<SdkBaseline> {
  const measured = c.pacedRuns;
  return {
    fast: await sdkRun(s, nodeBin, words(c.fastTokens), 0, measured),
    paced: await sdkRun(s, nodeBin, words(c.pacedTokens, 'p'), 5, measured),
  };
}

const rate = (rs: StreamResult[]) => median(rs.map((r) => r.shownRate));
const longest = (rs: StreamResult[]) => Math.max(...rs.map((r) => r.longestGap));
const longestTask = (rs: StreamResult[]) => Math.max(...rs.map((r) => Math.max(r.longestTask, r.longestLoaf)));
const cost = (rs: StreamResult[]) => median(rs.flatMap((r) => r.frameTotal));
const script = (rs: StreamResult[]) => median(rs.flatMap((r) => r.frameScript));
const frames = (rs: StreamResult[]) => rs.reduce((n, r) => n + r.frameTotal.length, 0);
const identical = (rs: StreamResult[]) => (rs.every((r) => r.storedIdentical && r.shownIdentical) ? 1 : 0);

/**
 * Does a frame cost more as the answer grows? Script time (paint + the forced layout for scrolling) in the
 * second half of each stream's frames over the first half; also per 1,000 characters painted, since a frame
 * late in a fast stream may paint several queued deltas at once.
 */
function growth(rs: StreamResult[], pick: (r: StreamResult) => number[]): number {
  const ratios = rs.filter((r) => pick(r).length >= 4).map((r) => {
    const v = pick(r);
    const n = Math.floor(v.length / 2);
    return median(v.slice(-n)) / median(v.slice(0, n));
  });
  return ratios.length ? median(ratios) : Number.NaN;
}

function fastFigures(f: Figures, fast: StreamResult[], sdk: SdkBaseline | undefined): void {
  const fastRate = rate(fast);
  f.add('throughput.fast.tokensPerSecond', fastRate, 'tokens/s', 5000, fast.length, { lowerIsBetter: false, ...(sdk ? { baselineRatio: fastRate / sdk.fast.rate } : {}) });
  f.add('throughput.fast.serverTokensPerSecond', median(fast.map((r) => r.serverRate)), 'tokens/s', null, fast.length, { lowerIsBetter: false });
  f.add('throughput.fast.lagAfterServer', median(fast.map((r) => r.lagMs)), 'ms', null, fast.length);
  f.add('throughput.fast.longestFrame', longest(fast), 'ms', 50, fast.length);
  f.add('throughput.fast.longestTask', longestTask(fast), 'ms', 50, fast.length);
  f.add('throughput.fast.frameCost.median', cost(fast), 'ms', null, frames(fast));
  f.add('throughput.fast.frameScript.max', Math.max(...fast.flatMap((r) => r.frameScript)), 'ms', null, frames(fast));
  f.add('throughput.fast.frameScript.growth', growth(fast, (r) => r.frameScript), '×', null, fast.length);
  f.add('throughput.fast.frameScriptPerKChar.median', median(fast.flatMap((r) => r.frameScriptPerKChar)), 'ms', null, fast.length);
  f.add('throughput.fast.frameScriptPerKChar.growth', growth(fast, (r) => r.frameScriptPerKChar), '×', null, fast.length);
  f.add('throughput.fast.identical', identical(fast), 'bool', 1, fast.length, { lowerIsBetter: false });
}

function pacedFigures(f: Figures, paced: StreamResult[]): void {
  f.add('throughput.paced.frameScript.growth', growth(paced, (r) => r.frameScript), '×', null, paced.length);
  const pacedRate = rate(paced);
  f.add('throughput.paced.tokensPerSecond', pacedRate, 'tokens/s', null, paced.length, { lowerIsBetter: false, baselineRatio: pacedRate / median(paced.map((r) => r.serverRate)) });
  f.add('throughput.paced.longestFrame', longest(paced), 'ms', 50, paced.length);
  f.add('throughput.paced.longestTask', longestTask(paced), 'ms', 50, paced.length);
  f.add('throughput.paced.frameCost.median', cost(paced), 'ms', null, frames(paced));
  f.add('throughput.paced.frameScript.median', script(paced), 'ms', null, frames(paced));
  f.add('throughput.paced.frameCost.p95', p95(paced.flatMap((r) => r.frameTotal)), 'ms', 16, frames(paced));
  f.add('throughput.paced.identical', identical(paced), 'bool', 1, paced.length, { lowerIsBetter: false });
}

function longConversationFigures(f: Figures, { empty, long }: ThroughputRuns): void {
  const both = [...long.fast, ...long.paced];
  const longRate = rate(long.fast);
  f.add('longConversation.fast.tokensPerSecond', longRate, 'tokens/s', 5000, long.fast.length, { lowerIsBetter: false, baselineRatio: longRate / rate(empty.fast) });
  f.add('longConversation.fast.longestFrame', longest(long.fast), 'ms', 50, long.fast.length);
  f.add('longConversation.paced.longestFrame', longest(long.paced), 'ms', 50, long.paced.length);
  f.add('longConversation.longestTask', longestTask(both), 'ms', 50, both.length);
  f.add('longConversation.identical', identical(both), 'bool', 1, both.length, { lowerIsBetter: false });
  f.add('longConversation.paced.frameCost.median', cost(long.paced), 'ms', null, frames(long.paced), { baselineRatio: cost(long.paced) / cost(empty.paced) });
  // The budgeted ratio pools every run's frames (the median frame of all long streams over that of all empty
  // ones): a paced stream paints only ~13 frames, so one run's ratio moved with whatever else the machine did
  // meanwhile (0.99× to 1.66× across quiet runs). One ratio per run (each long stream beside the empty one
  // streamed just before it) still gives the spread.
  const ratios = long.paced.map((r, i) => median(r.frameTotal) / median(empty.paced[i]?.frameTotal ?? [])).filter(Number.isFinite);
  f.add('longConversation.paced.frameCost.ratio', cost(long.paced) / cost(empty.paced), '×', 1.2, frames(long.paced));
  f.add('longConversation.paced.frameCost.ratio.min', Math.min(...ratios), '×', null, ratios.length);
  f.add('longConversation.paced.frameCost.ratio.max', Math.max(...ratios), '×', null, ratios.length);
  f.add('longConversation.paced.frameScript.ratio', script(long.paced) / script(empty.paced), '×', null, frames(long.paced));
  f.add('longConversation.fast.frameCost.ratio', cost(long.fast) / cost(empty.fast), '×', 1.2, frames(long.fast));
}

/** Extension host CPU, from /proc, over each whole stream (request, streaming, storing, posting). */
function hostCpuFigures(f: Figures, { empty, long }: ThroughputRuns, c: Counts, sdk: SdkBaseline | undefined, idle: number | undefined): void {
  const fast = [...empty.fast, ...long.fast];
  const paced = [...empty.paced, ...long.paced];
  const perK = (r: StreamResult) => r.hostCpuMs / (r.tokens / 1000);
  const cpuFast = median(fast.map(perK));
  const cpuPaced = median(paced.map(perK));
  const sdkFast = sdk ? sdk.fast.cpuMs / (c.fastTokens / 1000) : undefined;
  const sdkPaced = sdk ? sdk.paced.cpuMs / (c.pacedTokens / 1000) : undefined;
  f.add('host.cpuPer1000Tokens.fast', cpuFast, 'ms', null, fast.length, sdkFast ? { baselineRatio: cpuFast / sdkFast } : {});
  f.add('host.cpuPer1000Tokens.paced', cpuPaced, 'ms', null, paced.length, sdkPaced ? { baselineRatio: cpuPaced / sdkPaced } : {});
  if (idle === undefined) return;
  // Minus what the extension host burns anyway over the same wall time (other extensions, timers).
  const net = (r: StreamResult) => (r.hostCpuMs - (idle * r.wallMs) / 1000) / (r.tokens / 1000);
  // The bare SDK runs in a process of its own that does nothing else, so what the stream adds to the host's own
  // idle burn (about 100 ms a second here, 2× the bare SDK's whole paced cost by itself) is what compares with it.
  const netFast = median(fast.map(net));
  const netPaced = median(paced.map(net));
  f.add('host.cpuPer1000Tokens.fast.overIdle', netFast, 'ms', null, fast.length, sdkFast ? { baselineRatio: netFast / sdkFast } : {});
  f.add('host.cpuPer1000Tokens.paced.overIdle', netPaced, 'ms', null, paced.length, sdkPaced ? { baselineRatio: netPaced / sdkPaced } : {});
  if (sdkPaced) f.add('host.cpuPer1000Tokens.paced.overIdle.ratio', netPaced / sdkPaced, '×', 2, paced.length);
}

function sdkFigures(f: Figures, s: Session, c: Counts, sdk: SdkBaseline): void {
  f.add('throughput.fast.sdkBaseline.tokensPerSecond', sdk.fast.rate, 'tokens/s', null, 1, { lowerIsBetter: false });
  f.add('host.sdkBaseline.cpuPer1000Tokens.fast', sdk.fast.cpuMs / (c.fastTokens / 1000), 'ms', null, sdk.fast.streams);
  f.add('host.sdkBaseline.cpuPer1000Tokens.paced', sdk.paced.cpuMs / (c.pacedTokens / 1000), 'ms', null, sdk.paced.streams);
  const perK = (ms: number, tokens: number) => (ms / (tokens / 1000)).toFixed(0);
  const spread = (r: SdkRun, tokens: number) => `${perK(r.cpuSpread[0], tokens)}–${perK(r.cpuSpread[1], tokens)}`;
  s.notes.push(`the bare SDK's CPU per 1,000 tokens over ${sdk.paced.streams} streams each: paced ${spread(sdk.paced, c.pacedTokens)} ms, fast ${spread(sdk.fast, c.fastTokens)} ms`);
  if (!sdk.fast.identical || !sdk.paced.identical) s.notes.push('the bare SDK baseline did not read the whole text');
}

/** The throughput, long-conversation and host CPU figures from whichever of the runs succeeded. */
export function throughputFigures(s: Session, c: Counts, tp: ThroughputRuns | undefined, sdk: SdkBaseline | undefined, idle: number | undefined): Figures {
  const f = new Figures();
  if (tp) {
    fastFigures(f, tp.empty.fast, sdk);
    pacedFigures(f, tp.empty.paced);
    longConversationFigures(f, tp);
    hostCpuFigures(f, tp, c, sdk, idle);
    const all = [...tp.empty.fast, ...tp.empty.paced, ...tp.long.fast, ...tp.long.paced];
    s.notes.push(`performance entries seen: webview ${JSON.stringify(all[0]?.seen)}, workbench page ${JSON.stringify(all[0]?.pageSeen)}`);
    for (const r of all) if (r.worstLongFrame) s.notes.push(`longest frame of the workbench's main thread during a ${r.tokens}-token stream: ${describeLongFrame(r.worstLongFrame)}`);
    f.add('throughput.workbenchLongestTask', Math.max(...all.map((r) => r.pageLongestTask)), 'ms', null, all.length);
  }
  if (sdk) sdkFigures(f, s, c, sdk);
  return f;
}
