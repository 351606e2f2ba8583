// A command printing 10 MB, run through run_command in the real VS Code (the Playwright harness of test/e2e,
// the development build in dist/, the fake Anthropic server): how long from Run to the model's answer, how long
// the command itself took in the extension host, and the chat webview's longest frame and long task while the
// output streamed. Each run starts a new chat so earlier outputs do not weigh on the page.
//
// Paths: the child-process fallback (AGENT_CHAT_COMMANDS_IN_PROCESS=1) and the "Agent Chat" terminal with shell
// integration, each in its own window, and VS Code's own floor for the terminal path (command-floor.ts: the same
// command in a terminal without Agent Chat on the path); BENCH_COMMAND_PATHS=process, terminal or floor picks.
// Run alone with `BENCH_ONLY=commands npm run bench` (it needs VS Code's server and Chromium, see test/vscode-host).
// BENCH_COMMAND_RUNS=n sets the runs per path; BENCH_COMMAND_TRACE=dir writes a Chromium performance trace of
// each run there (open it in the DevTools Performance panel) to see what a long frame spent its time on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bodyOf, toolResult } from '../test/e2e/anthropic-requests';
import { answerCount, send, settledAnswer, toolCallWithStatus } from '../test/e2e/chat-page';
import { openWorkbench, type Workbench } from '../test/e2e/harness';
import { startFakeServer, type FakeServer } from '../test/fakes/server';
import { floorFigures, runFloor } from './command-floor';
import { fmt, machine, median, p95, table, type Figure } from './stats';
import { webviewFrame, type ChatView } from './vscode/chat-frame';
import { describeLongFrame, startRecording, stopRecording, summarizeLongFrames } from './vscode/probes';

type CommandPath = 'process' | 'terminal';
type BenchPath = CommandPath | 'floor';

/** 100,000 numbered lines of 100 characters (10 MB), written as fast as the pipe takes them. */
export const bigJs =
  "const line = 'y'.repeat(99) + '\\n'; let i = 0; const out = () => { while (i < 100000) { i++; if (!process.stdout.write(i + ' ' + line)) return process.stdout.once('drain', out); } console.log('END-OF-BIG'); }; out();";

export interface Sample {
  runToAnswerMs: number;
  /** The command's duration as the extension host measured it (what the model is told). */
  commandMs: number;
  /** Longest interval between two animation frames of the chat webview (a frame's real length, LoAF or not). */
  longestFrameMs: number;
  longestTaskMs: number;
  modelChars: number;
  /** What the long frames spent their time on, and the longest one, for the run's line. */
  longFrames: string;
}

async function newChat(wb: Workbench, chat: ChatView): Promise<void> {
  if ((await chat.locator('[role="log"] > article').count()) === 0) return;
  await wb.page.locator('.part.sidebar').getByRole('button', { name: 'New Chat', exact: true }).click();
  await chat.locator('[role="log"] > article').first().waitFor({ state: 'detached', timeout: 30_000 });
}

export async function oneRun(wb: Workbench, fake: FakeServer, n: number): Promise<Sample> {
  const { chat, frame } = await webviewFrame(wb);
  await newChat(wb, chat);
  const first = await answerCount(chat);
  const before = fake.chatRequests().length;
  const id = `toolu_big_${n}`;
  fake.enqueue({ toolCalls: [{ id, name: 'run_command', arguments: { command: 'node big.js' } }] }, { tokens: ['Printed.'] });
  await send(chat, '@devops Print a lot.');
  const card = await toolCallWithStatus(chat, id, 'awaitingApproval');
  const trace = process.env.BENCH_COMMAND_TRACE;
  if (trace) await wb.browser.startTracing(wb.page, { path: join(trace, `command-output-${n}-${Date.now()}.json`), screenshots: false });
  await startRecording(frame);
  const clicked = performance.now();
  await card.getByRole('button', { name: 'Run', exact: true }).click();
  await chat.locator('[role="log"] > article.assistant').nth(first + 1).waitFor({ state: 'attached', timeout: 240_000 });
  await settledAnswer(chat, first + 1);
  const runToAnswerMs = performance.now() - clicked;
  const rec = await stopRecording(frame);
  if (trace) await wb.browser.stopTracing();
  const longest = [...rec.longFrames].sort((a, b) => b.duration - a.duration)[0];
  const result = toolResult(bodyOf(fake.chatRequests().slice(before)[1]), id);
  const seconds = /Exit code: \S+ · ([\d.]+) s/.exec(result?.text ?? '')?.[1];
  if (!result || seconds === undefined) throw new Error(`bench: no command result for ${id}`);
  return {
    runToAnswerMs,
    commandMs: Number(seconds) * 1000,
    longestFrameMs: Math.max(0, ...rec.gaps, ...rec.longFrames.map((f) => f.duration)),
    longestTaskMs: Math.max(0, ...rec.longTasks.map((t) => t.duration)),
    modelChars: result.text.length,
    longFrames: `${summarizeLongFrames(rec.longFrames)}${longest ? ` | longest: ${describeLongFrame(longest)}` : ''}`,
  };
}

async function runPath(path: CommandPath, runs: number, workspace: string): Promise<Sample[]> {
  const fake = await startFakeServer('anthropic');
  let wb: Workbench | undefined;
  try {
    wb = await openWorkbench({
      name: `bench-commands-${path}`,
      workspace,
      settings: { 'agentChat.provider': 'anthropic', 'agentChat.maxRetries': 0, 'agentChat.anthropic.baseUrl': fake.url },
      env: { ANTHROPIC_API_KEY: 'sk-ant-bench', ...(path === 'process' ? { AGENT_CHAT_COMMANDS_IN_PROCESS: '1' } : {}) },
    });
    const samples: Sample[] = [];
    for (let n = 0; n < runs; n++) {
      const s = await oneRun(wb, fake, n);
      printRun(path, n, s);
      samples.push(s);
    }
    return samples;
  } finally {
    await wb?.close();
    await fake.close();
  }
}

export function printRun(path: CommandPath, n: number, s: Sample): void {
  console.log(`  ${path} run ${n + 1}: Run→answer ${fmt(s.runToAnswerMs, 0)} ms, command ${fmt(s.commandMs, 0)} ms, longest frame ${fmt(s.longestFrameMs, 0)} ms, longest task ${fmt(s.longestTaskMs, 0)} ms`);
  if (s.longFrames) console.log(`    long frames: ${s.longFrames}`);
}

export function figuresFor(path: CommandPath, samples: Sample[]): Figure[] {
  const figure = (name: string, values: number[], budget: number | null): Figure[] => [
    { name: `commands.${path}.${name}.median`, value: median(values), unit: 'ms', budget, lowerIsBetter: true, runs: values.length, machine: machine() },
    { name: `commands.${path}.${name}.p95`, value: p95(values), unit: 'ms', budget, lowerIsBetter: true, runs: values.length, machine: machine() },
  ];
  return [
    ...figure('10MB.runToAnswer', samples.map((s) => s.runToAnswerMs), null),
    ...figure('10MB.command', samples.map((s) => s.commandMs), null),
    // The issue's bar: no frame over 50 ms while 10 MB streams into the chat.
    ...figure('10MB.longestFrame', samples.map((s) => s.longestFrameMs), 50),
    ...figure('10MB.longestTask', samples.map((s) => s.longestTaskMs), 50),
  ];
}

export async function benchCommandOutput(quick: boolean): Promise<Figure[]> {
  const runs = Number(process.env.BENCH_COMMAND_RUNS ?? (quick ? 2 : 5));
  const paths = (process.env.BENCH_COMMAND_PATHS ?? 'process,terminal,floor').split(',').map((p) => p.trim()) as BenchPath[];
  console.log(`\nrun_command printing 10 MB in the real VS Code (${runs} runs per path: ${paths.join(', ')})`);
  const workspace = mkdtempSync(join(tmpdir(), 'agent-chat-bench-commands-'));
  writeFileSync(join(workspace, 'big.js'), bigJs);
  const figures: Figure[] = [];
  try {
    let terminalFrames: number[] = [];
    for (const path of paths) {
      if (path === 'floor') {
        figures.push(...floorFigures(await runFloor(runs, workspace), terminalFrames));
        continue;
      }
      const samples = await runPath(path, runs, workspace);
      figures.push(...figuresFor(path, samples));
      if (path === 'terminal') terminalFrames = samples.map((s) => s.longestFrameMs);
      console.log(`  ${path}: model's share ${samples[0]?.modelChars ?? '-'} characters`);
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true, maxRetries: 3 });
  }
  console.log(table(['figure', 'value', 'unit', 'runs'], figures.map((f) => [f.name, f.unit === '×' ? fmt(f.value) : fmt(f.value, 0), f.unit, f.runs])));
  return figures;
}
