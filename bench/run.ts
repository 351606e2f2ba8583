// `npm run bench`: runs every benchmark, prints its table, and writes bench/results.json.
//
// Environment:
//   BENCH_QUICK=1        fewer runs everywhere (a smoke run of the whole bench in about three minutes; the 10 MB
//                        command once, on the child-process path)
//   BENCH_RUNS=N         answers per vendor in the provider bench (default 100, 20 with BENCH_QUICK)
//   BENCH_ONLY=a,b       only these parts: providers, history, caching, commands, vscode
//   BENCH_COMMANDS=0     skip the 10 MB run_command part (it needs VS Code's server and Chromium too)
//   BENCH_COMMANDS_FULL=1  five 10 MB runs per path instead of two (a terminal run takes ~40 s; see main())
//   BENCH_PHASES=a,b     only these phases of the real-VS-Code part (see bench/vscode-host.ts)
//   BENCH_OPEN_TRACE=dir a Chromium performance trace of each new page on 10,000 messages (the open phase)
//   BENCH_FIRST_TOKEN_TRACE=dir  a trace of each block of ten first tokens (empty conversation)
//   BENCH_LONG_TRACE=dir a trace of the answer making 200 tool calls (the longSession phase)
//   BENCH_THROUGHPUT_TRACE=dir  a trace of each stream of the throughput phase (empty and long conversation)
//   BENCH_VSCODE=0       skip the real-VS-Code part (it needs VS Code's server and Chromium, see test/vscode-host)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCaching } from './caching';
import { benchCommandOutput } from './command-output';
import { benchHistory } from './history';
import { benchProviders } from './providers';
import { fmt, machine, table, type Figure } from './stats';
import { benchVscode } from './vscode-host';
import { row } from './vscode/figures';

async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  // 100 answers per vendor (was 200): enough for a median and a p95, in half the provider part's time.
  const runs = Number(process.env.BENCH_RUNS ?? (quick ? 20 : 100));
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const optOut: Record<string, string | undefined> = { vscode: process.env.BENCH_VSCODE, commands: process.env.BENCH_COMMANDS };
  const wanted = (part: string) => (only ? only.includes(part) : optOut[part] !== '0');
  console.log(`Agent Chat benchmarks on ${machine()}${quick ? ' (BENCH_QUICK)' : ''}`);
  const figures: Figure[] = [];
  const started = Date.now();
  const seconds: string[] = [];
  const part = async (name: string, run: () => Promise<Figure[]>): Promise<void> => {
    if (!wanted(name)) return;
    const t = Date.now();
    figures.push(...(await run()));
    seconds.push(`${name} ${fmt((Date.now() - t) / 1000, 0)} s`);
  };
  await part('providers', () => benchProviders(runs));
  await part('history', () => benchHistory(quick));
  await part('caching', () => benchCaching());
  // The 10 MB command part runs its short count (two runs per path) unless asked for five: a terminal-path run
  // takes ~40 s, so five per path were over 4 of the bench's minutes, and the runs' spread is small beside
  // how far their frames are from the budget.
  // A quick run prints the 10 MB once, on the child-process path only, and inside the real-VS-Code part's window
  // when that part runs too (its `commands` phase): a window of its own cost ~30 s of a quick run's three minutes.
  if (quick) {
    process.env.BENCH_COMMAND_RUNS ??= '1';
    process.env.BENCH_COMMAND_PATHS ??= 'process';
  }
  const commandsInVscode = quick && wanted('vscode') && wanted('commands');
  if (!commandsInVscode) await part('commands', () => benchCommandOutput(quick || process.env.BENCH_COMMANDS_FULL !== '1'));
  await part('vscode', () => {
    const provider = figures.find((f) => f.name === 'provider.anthropic.firstToken.median');
    return benchVscode({ quick, commands: commandsInVscode, ...(provider ? { providerFirstTokenMs: provider.value } : {}) });
  });
  const out = join(__dirname, '..', '..', 'bench', 'results.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), quick, figures }, null, 2)}\n`);
  console.log('\nAll figures');
  console.log(table(['figure', 'value', 'unit', 'budget', 'met', 'vs baseline', 'runs'], figures.map(row)));
  console.log(`\nWrote ${figures.length} figures to bench/results.json`);
  // Where a run's time went (the build before it is npm's): what to cut when BENCH_QUICK grows past its minutes.
  console.log(`Time per part: ${seconds.join(', ')}; all ${fmt((Date.now() - started) / 1000, 0)} s`);
  // Nothing may keep the process alive (a stray keep-alive socket); what we started is already stopped.
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
