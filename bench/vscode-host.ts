// The whole pipeline in the real VS Code (1.139 server + Chromium, through the Playwright harness of
// test/e2e): fake Anthropic server → extension host (SDK, provider, controller, batching) → VS Code's webview
// messaging → the chat webview's paint.
//
// Runs against a release build (esbuild --production, made in a temporary folder), loaded in development
// mode together with a small helper extension (bench/vscode/helper-extension) that works from inside the
// extension host: pid, memory after a forced GC, Agent Chat's activation result, when webviews were posted to,
// a CPU profile, and a bare webview for VS Code's own messaging floor. In the webview a probe (probes.ts)
// watches the DOM and the animation frames; nothing in src/ is changed for it.
//
// Each phase lives in bench/vscode/phases/ and returns its figures (bench/results.json); this file opens the
// window (bench/vscode/window.ts), runs the phases in order and closes everything. A phase that fails is noted
// and the next one runs. Everything it starts (VS Code server, Chromium, the fake server, temp folders) is
// stopped in `finally`, and the harness kills the process groups on exit and on SIGINT/SIGTERM/SIGHUP too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { host, repoRoot, type Workbench } from '../test/e2e/harness';
import { startFakeServer, type FakeServer } from '../test/fakes/server';
import { fmt, type Figure } from './stats';
import { releaseBuild, type ReleaseBuild } from './vscode/build';
import { executable } from './vscode/exthost';
import { Figures } from './vscode/figures';
import { phase } from './vscode/phase';
import { commandsPhase } from './vscode/phases/commands';
import { activationFigures, activationSample, sizeFigures, type ActivationSample } from './vscode/phases/activation';
import { firstTokenPhase } from './vscode/phases/first-token';
import { messagingFloorPhase, relateToFloor } from './vscode/phases/floor';
import { heapPhase, idleCpuPerSecond, idleFigures } from './vscode/phases/host';
import { longSessionPhase } from './vscode/phases/long-session';
import { openAfterReloadPhase, openPhase } from './vscode/phases/open';
import { profilePhase } from './vscode/phases/profile';
import { stopPhase } from './vscode/phases/stop';
import { sdkBaselinePhase, throughputFigures, throughputPhase } from './vscode/phases/throughput';
import { full, quick, type Counts } from './vscode/plan';
import { recordFinishTimes, type Session } from './vscode/session';
import { openBenchWindow } from './vscode/window';

export interface VscodeBenchOptions {
  quick: boolean;
  /** Runs the 10 MB command once in this window (child-process path), as BENCH_QUICK does; see phases/commands.ts. */
  commands?: boolean;
  /** Median first-token latency of the provider alone (bench/providers.ts, same run): a baseline. */
  providerFirstTokenMs?: number;
}

/** What the bench started, to be stopped in `finally` whatever happened. */
interface Resources {
  workspace: string;
  build?: ReleaseBuild;
  fake?: FakeServer;
  wb?: Workbench;
  session?: Session;
}

async function makeReleaseBuild(h: Awaited<ReturnType<typeof host>>): Promise<ReleaseBuild> {
  const build = await releaseBuild(repoRoot, join(repoRoot, 'bench', 'vscode', 'helper-extension'));
  const forgetBuild = h.removeOnExit(build.root);
  const disposeBuild = build.dispose;
  build.dispose = () => {
    disposeBuild();
    forgetBuild();
  };
  console.log(`  release build: ${fmt(build.buildMs / 1000, 1)} s, VSIX ${fmt(build.packageMs / 1000, 1)} s`);
  return build;
}

/**
 * BENCH_PHASES=a,b runs only these phases of the real-VS-Code part (names as printed: activation, firstToken,
 * floor, throughput, profile, stop, heap, longSession, open, openAfterReload, and commands in a quick run), to compare before and after
 * a change in the same conditions without the whole run.
 */
function phaseFilter(): { wanted: (name: string) => boolean; named: (name: string) => boolean } {
  const only = process.env.BENCH_PHASES?.split(',').map((p) => p.trim()).filter(Boolean);
  return { wanted: (name) => !only || only.includes(name), named: (name) => !!only?.includes(name) };
}

/** The phases in order, each adding its figures to `all`; returns the CPU profile's report lines. */
async function runPhases(s: Session, c: Counts, options: VscodeBenchOptions, all: Figures, workspace: string): Promise<string[]> {
  const { wanted, named } = phaseFilter();
  const activations: ActivationSample[] = [];
  const a0 = wanted('activation') ? await phase(s, 'activation', () => activationSample(s)) : undefined;
  if (a0) activations.push(a0);
  const idle = wanted('throughput') ? await phase(s, 'idle extension host', () => idleCpuPerSecond(s, c.idleSeconds)) : undefined;
  if (idle !== undefined) all.merge(idleFigures(idle));
  if (wanted('firstToken')) all.merge(await phase(s, 'firstToken', () => firstTokenPhase(s, c, options.providerFirstTokenMs)));
  if (wanted('floor')) all.merge(await phase(s, 'webview messaging floor', () => messagingFloorPhase(s, c.firstToken >= 50 ? 30 : 10)));
  relateToFloor(all);
  if (wanted('throughput')) {
    const tp = await phase(s, 'throughput', () => throughputPhase(s, c));
    const sdk = await phase(s, 'throughput baseline (bare SDK)', () => sdkBaselinePhase(s, c, executable(s.pid)));
    all.merge(throughputFigures(s, c, tp, sdk, idle));
  }
  // A quick run leaves the profile out unless it is asked for: it prints no figure.
  const profile = wanted('profile') && (c.profile || named('profile')) ? await phase(s, 'host CPU profile', () => profilePhase(s, c)) : undefined;
  if (wanted('stop')) all.merge(await phase(s, 'stop', () => stopPhase(s, c.stop)));
  if (wanted('heap')) all.merge(await phase(s, `host heap (${c.heapAnswers} answers)`, () => heapPhase(s, c.heapAnswers)));
  if (wanted('longSession')) all.merge(await phase(s, 'long session (10,000 messages, 200 tool calls)', () => longSessionPhase(s, c)));
  if (wanted('open')) all.merge(await phase(s, 'open', () => openPhase(s, c)));
  if (wanted('openAfterReload')) all.merge(await phase(s, 'open after reload', () => openAfterReloadPhase(s, c, activations)));
  all.merge(activationFigures(activations, s.wb.server.logsDir));
  if (options.commands && wanted('commands')) all.merge(await phase(s, '10 MB command (child process)', () => commandsPhase(s, workspace)));
  return profile ?? [];
}

async function release(r: Resources, all: Figures): Promise<void> {
  await r.wb?.close().catch((err: unknown) => console.error('closing the workbench failed', err));
  await r.fake?.close().catch(() => undefined);
  r.build?.dispose();
  rmSync(r.workspace, { recursive: true, force: true, maxRetries: 3 });
  for (const n of r.session?.notes ?? []) console.log(`  note: ${n}`);
  if (all.skipped.length) console.log(`  note: not enough samples for ${all.skipped.join(', ')}`);
}

export async function benchVscode(options: VscodeBenchOptions): Promise<Figure[]> {
  const c = options.quick ? quick : full;
  const all = new Figures();
  const h = await host();
  console.log(`\nReal VS Code (1.139 server + Chromium), release build${options.quick ? ', BENCH_QUICK' : ''}`);
  const r: Resources = { workspace: mkdtempSync(join(tmpdir(), 'agent-chat-bench-ws-')) };
  const forgetWorkspace = h.removeOnExit(r.workspace);
  let profile: string[] = [];
  try {
    const build = (r.build = await makeReleaseBuild(h));
    all.merge(sizeFigures(build));
    const fake = (r.fake = await startFakeServer('anthropic'));
    recordFinishTimes(fake);
    const s = (r.session = await openBenchWindow(build, r.workspace, fake, await h.freePort(), (wb) => (r.wb = wb), options.commands === true));
    profile = await runPhases(s, c, options, all, r.workspace);
    if (build.vsixError) s.notes.push(`VSIX not built: ${build.vsixError}`);
  } finally {
    await release(r, all);
    forgetWorkspace();
  }
  for (const line of profile) console.log(line);
  return all.list;
}
