// `npm run bench`: runs every benchmark, prints its table, and writes bench/results.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchHistory } from './history';
import { benchProviders } from './providers';
import { machine, type Figure } from './stats';

async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 200);
  console.log(`Agent Chat benchmarks on ${machine()}`);
  const figures: Figure[] = [...(await benchProviders(runs)), ...(await benchHistory())];
  const out = join(__dirname, '..', '..', 'bench', 'results.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), figures }, null, 2)}\n`);
  console.log(`\nWrote ${figures.length} figures to bench/results.json`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
