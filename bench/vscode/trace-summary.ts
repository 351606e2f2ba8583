// Where a traced scenario's frames spend their time: `node out/bench/vscode/trace-summary.js <trace.json> [share]`
// reads a Chromium trace the bench wrote (BENCH_SCROLL_TRACE, BENCH_LONG_TRACE, …), takes the renderer's
// tasks that ran animation-frame callbacks (the frames the bench times), and prints the spread of their
// duration and of their thread time (on a busy machine a task also waits for a core), then for the costliest
// `share` of them by thread time (default 0.1: from the p90 up) that time by kind (script, style, layout, paint,
// …, each event's own, nested events subtracted) and the page's functions the sampling profiler saw most in them.
import { readFileSync } from 'node:fs';
import { p95, quantile } from '../stats';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: less than `dur` by the time the thread waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: ProfileData & { startTime?: number } };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface ProfileData {
  cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
  timeDeltas?: number[];
}

interface Span {
  name: string;
  cpu: number;
  start: number;
  end: number;
  /** Own thread time (µs): the span's, less that of the events nested in it. */
  self: number;
}

/** Each task's nested events with their own time (µs), by thread. */
function tasksOf(events: TraceEvent[]): Span[][] {
  const tasks: Span[][] = [];
  let current: Span[] = [];
  const open: Span[] = [];
  for (const e of events) {
    const span: Span = { name: e.name, cpu: e.tdur ?? e.dur ?? 0, start: e.ts, end: e.ts + (e.dur ?? 0), self: e.tdur ?? e.dur ?? 0 };
    while (open.length && open.at(-1)!.end <= span.start) open.pop();
    if (!open.length) {
      if (current.length) tasks.push(current);
      current = [];
    } else open.at(-1)!.self -= span.cpu;
    current.push(span);
    open.push(span);
  }
  if (current.length) tasks.push(current);
  return tasks;
}

const kinds: [RegExp, string][] = [
  [/^(FunctionCall|EvaluateScript|v8\.|V8\.|FireAnimationFrame|TimerFire|EventDispatch|RunMicrotasks|ParseHTML|HTMLDocumentParser)/, 'script'],
  [/^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|ParseAuthorStyleSheet)/, 'style'],
  [/^(Layout|UpdateLayerTree|IntersectionObserverController)/, 'layout'],
  [/^(PrePaint|Paint|PaintImage|RasterTask|Layerize|UpdateLayer)/, 'paint'],
  [/^(Commit|ProxyMain|CompositeLayers)/, 'commit'],
  [/^(MajorGC|MinorGC|BlinkGC|V8\.GC|ThreadState)/, 'gc'],
];

function kindOf(name: string): string {
  return kinds.find(([re]) => re.test(name))?.[1] ?? name;
}

function mainThreads(events: TraceEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') ids.add(`${e.pid}:${e.tid}`);
  return ids;
}

/** The profiler's samples on `thread`: [time µs, function label, µs until the next sample], in the trace's clock. */
function samplesOf(events: TraceEvent[], thread: string): [number, string, number][] {
  const profiles = new Map<string, { start: number; nodes: Map<number, ProfileNode>; t: number }>();
  const out: [number, string, number][] = [];
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== thread && e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    if (e.name === 'Profile' && `${e.pid}:${e.tid}` === thread) profiles.set(key, { start: e.args?.data?.startTime ?? e.ts, nodes: new Map(), t: e.args?.data?.startTime ?? e.ts });
    if (e.name !== 'ProfileChunk') continue;
    const p = profiles.get(key);
    const data = e.args?.data;
    if (!p || !data) continue;
    for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    (data.cpuProfile?.samples ?? []).forEach((id, i) => {
      p.t += data.timeDeltas?.[i] ?? 0;
      const next = data.timeDeltas?.[i + 1] ?? 0;
      const node = p.nodes.get(id);
      const name = node?.callFrame.functionName;
      if (!node || name === '(idle)' || name === '(program)') return;
      // A native function (no script of its own) is named with the page's function that called it.
      const caller = node.callFrame.url ? undefined : node.parent === undefined ? undefined : p.nodes.get(node.parent);
      out.push([p.t, caller ? `${label(node)} ← ${label(caller)}` : label(node), next]);
    });
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function label(n: ProfileNode): string {
  const f = n.callFrame;
  const file = (f.url ?? '').split('/').pop();
  return file ? `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}` : f.functionName || '(anonymous)';
}

function top(map: Map<string, number>, n: number, unit: number, scale = 1): string {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${(v / unit / scale).toFixed(2).padStart(8)}  ${k}`).join('\n');
}

function main(): void {
  const [file, shareArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: trace-summary <trace.json> [share]');
  const share = Number(shareArg ?? 0.1);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = (Array.isArray(parsed) ? parsed : parsed.traceEvents).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  for (const thread of mainThreads(events)) {
    const own = events.filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X');
    const frames = tasksOf(own).filter((t) => t.some((s) => s.name === 'FireAnimationFrame'));
    if (!frames.length) continue;
    const length = (t: Span[]) => t[0]!.end - t[0]!.start;
    const ms = frames.map((t) => length(t) / 1000);
    const cpu = frames.map((t) => t[0]!.cpu / 1000);
    const cut = quantile(cpu, 1 - share);
    const costly = frames.filter((t) => t[0]!.cpu / 1000 >= cut);
    console.log(`renderer ${thread}: ${frames.length} frame tasks; median ${quantile(ms, 0.5).toFixed(1)} ms, p90 ${quantile(ms, 0.9).toFixed(1)}, p95 ${p95(ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}`);
    // On a busy machine a task also waits for a core: its thread time is what it cost.
    console.log(`  their thread time: median ${quantile(cpu, 0.5).toFixed(1)} ms, p90 ${quantile(cpu, 0.9).toFixed(1)}, p95 ${p95(cpu).toFixed(1)}, max ${Math.max(...cpu).toFixed(1)}`);
    const byKind = new Map<string, number>();
    const byName = new Map<string, number>();
    for (const t of costly) for (const s of t) {
      byKind.set(kindOf(s.name), (byKind.get(kindOf(s.name)) ?? 0) + s.self);
      byName.set(s.name, (byName.get(s.name) ?? 0) + s.self);
    }
    console.log(`${costly.length} frames from ${cut.toFixed(1)} ms of thread time up, their thread time per frame (ms) by kind:\n${top(byKind, 8, 1000, costly.length)}`);
    console.log(`by event:\n${top(byName, 12, 1000, costly.length)}`);
    const samples = samplesOf(events, thread);
    const inCostly = new Map<string, number>();
    let k = 0;
    for (const t of costly) {
      const [from, to] = [t[0]!.start, t[0]!.end];
      while (k < samples.length && samples[k]![0] < from) k++;
      for (let j = k; j < samples.length && samples[j]![0] < to; j++) inCostly.set(samples[j]![1], (inCostly.get(samples[j]![1]) ?? 0) + samples[j]![2]);
    }
    if (inCostly.size) console.log(`functions sampled in them (ms per frame, by the time to the next sample):\n${top(inCostly, 24, 1000, costly.length)}`);
  }
}

main();
