// VS Code's own floor for the terminal path of the 10 MB command: the same `node big.js` run in a terminal by
// VS Code alone (the bench helper extension's terminal, created and shown without taking the focus as Agent
// Chat's is, through shell integration), with Agent Chat's view open and idle, and the same frame probe in it.
// Its long frames are what the workbench's terminal costs the renderer thread the chat's webview shares; what
// the terminal path measures over them is Agent Chat's own.
//
// Two variants, each in the same window: `floor` (nobody reads the output) and `floorRead` (the helper reads it
// with execution.read(), as Agent Chat does, which makes VS Code send the output to the extension host too).
// Run 1 of each variant creates a new terminal, like the terminal path's first run. BENCH_FLOOR_HIDDEN=1 adds
// `floorHidden`: a new terminal that is never shown, its output read (what not revealing Agent Chat's terminal
// would do); it is given BENCH_FLOOR_HIDDEN_MS (default 150 s) and reported as not ended if it does not.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbench, repoRoot, type Workbench } from '../test/e2e/harness';
import { webviewFrame } from './vscode/chat-frame';
import { Helper } from './vscode/exthost';
import { describeLongFrame, startRecording, stopRecording, summarizeLongFrames } from './vscode/probes';
import { fmt, machine, median, p95, type Figure } from './stats';

export type FloorVariant = 'floor' | 'floorRead' | 'floorHidden';

export interface FloorSample {
  commandMs: number;
  longestFrameMs: number;
  longestTaskMs: number;
  readChars: number;
  longFrames: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function floorRun(wb: Workbench, helper: Helper, workspace: string, variant: FloorVariant, n: number): Promise<FloorSample> {
  const { frame } = await webviewFrame(wb);
  const trace = process.env.BENCH_COMMAND_TRACE;
  if (trace) await wb.browser.startTracing(wb.page, { path: join(trace, `command-${variant}-${n}-${Date.now()}.json`), screenshots: false });
  await startRecording(frame);
  const hidden = variant === 'floorHidden';
  const limitMs = hidden ? Number(process.env.BENCH_FLOOR_HIDDEN_MS ?? 150_000) : 300_000;
  const how = { read: variant !== 'floor', fresh: n === 0 || hidden, hidden };
  const ran = await helper.runInTerminal('node big.js', workspace, how, limitMs).catch((err: unknown) => {
    if (!hidden) throw err;
    return { durationMs: Number.NaN, exitCode: null, readChars: 0, notEnded: String(err) };
  });
  // The terminal path's recording ends with the model's answer, a moment after the command: the same tail here.
  await new Promise((r) => setTimeout(r, 500));
  const rec = await stopRecording(frame);
  if (trace) await wb.browser.stopTracing();
  if (ran.exitCode !== 0 && !hidden) throw new Error(`bench: the floor's command ended with ${String(ran.exitCode)}`);
  if ('notEnded' in ran) console.log(`  ${variant}: the command did not end within ${limitMs} ms (${ran.notEnded})`);
  const longest = [...rec.longFrames].sort((a, b) => b.duration - a.duration)[0];
  return {
    commandMs: ran.durationMs,
    longestFrameMs: Math.max(0, ...rec.gaps, ...rec.longFrames.map((f) => f.duration)),
    longestTaskMs: Math.max(0, ...rec.longTasks.map((t) => t.duration)),
    readChars: ran.readChars,
    longFrames: `${summarizeLongFrames(rec.longFrames)}${longest ? ` | longest: ${describeLongFrame(longest)}` : ''}`,
  };
}

/** Opens a window with Agent Chat and the helper, the chat's view open, and runs each variant `runs` times. */
export async function runFloor(runs: number, workspace: string): Promise<Record<FloorVariant, FloorSample[]>> {
  const helper = new Helper(await freePort());
  // The web host loads several development extensions from one folder of them (as the integration runner does).
  const extensions = mkdtempSync(join(tmpdir(), 'agent-chat-bench-floor-'));
  symlinkSync(repoRoot, join(extensions, '0-agent-chat'), 'dir');
  symlinkSync(join(repoRoot, 'bench', 'vscode', 'helper-extension'), join(extensions, '1-bench-helper'), 'dir');
  let wb: Workbench | undefined;
  try {
    wb = await openWorkbench({
      name: 'bench-commands-floor',
      workspace,
      extensionDevelopmentPath: extensions,
      settings: { 'agentChat.provider': 'anthropic', 'agentChat.maxRetries': 0 },
      env: { ANTHROPIC_API_KEY: 'sk-ant-bench', AGENT_CHAT_BENCH_HELPER_PORT: String(helper.port) },
    });
    await helper.ready(120_000);
    const out: Record<FloorVariant, FloorSample[]> = { floor: [], floorRead: [], floorHidden: [] };
    const variants: FloorVariant[] = ['floor', 'floorRead', ...(process.env.BENCH_FLOOR_HIDDEN === '1' ? (['floorHidden'] as const) : [])];
    for (const variant of variants) {
      for (let n = 0; n < runs; n++) {
        const s = await floorRun(wb, helper, workspace, variant, n);
        console.log(`  ${variant} run ${n + 1}: command ${fmt(s.commandMs, 0)} ms, longest frame ${fmt(s.longestFrameMs, 0)} ms, longest task ${fmt(s.longestTaskMs, 0)} ms${variant === 'floorRead' ? `, ${s.readChars} characters read` : ''}`);
        if (s.longFrames) console.log(`    long frames: ${s.longFrames}`);
        out[variant].push(s);
      }
    }
    return out;
  } finally {
    await wb?.close();
    rmSync(extensions, { recursive: true, force: true });
  }
}

/** The floor's figures, and the terminal path's longest frame over each floor's (when both ran in this bench). */
export function floorFigures(floor: Record<FloorVariant, FloorSample[]>, terminalLongestFrames: number[]): Figure[] {
  const figures: Figure[] = [];
  const figure = (name: string, value: number, unit: string, runs: number): Figure => ({ name, value, unit, budget: null, lowerIsBetter: true, runs, machine: machine() });
  for (const variant of ['floor', 'floorRead', 'floorHidden'] as const) {
    const values = floor[variant].filter((s) => Number.isFinite(s.commandMs)).map((s) => s.longestFrameMs);
    if (!values.length) continue;
    for (const [stat, of] of [['median', median], ['p95', p95]] as const) {
      figures.push(figure(`commands.terminal.${variant}.10MB.longestFrame.${stat}`, of(values), 'ms', values.length));
      // 1 would be "all of the terminal path's longest frame is VS Code's terminal".
      if (terminalLongestFrames.length && variant !== 'floorHidden') {
        figures.push(figure(`commands.terminal.10MB.longestFrame.${stat}.over.${variant}`, of(terminalLongestFrames) / of(values), '×', values.length));
      }
    }
  }
  return figures;
}
