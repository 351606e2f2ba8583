// Chromium performance traces of chosen bench scenarios, to see where the page's time goes (script, style,
// layout, paint, messaging). Each scenario has its own variable naming a folder; unset, nothing is traced.
import { join } from 'node:path';
import type { Session } from './session';

/**
 * Runs `run` under a Chromium trace written to `$<variable>/<name>-<time>.json` when that variable names a
 * folder; BENCH_OPEN_TRACE (new pages), BENCH_FIRST_TOKEN_TRACE (one block of first tokens),
 * BENCH_LONG_TRACE (the 200-call answer), BENCH_SCROLL_TRACE (scrolling back through 10,000 messages),
 * BENCH_THROUGHPUT_TRACE (each stream of the throughput phase, empty and long conversation).
 */
export async function traced<T>(s: Session, variable: string, name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env[variable];
  if (!dir) return run();
  // BENCH_TRACE_CATEGORIES (comma-separated) replaces Playwright's default set, e.g. to add the JavaScript sampler
  // (disabled-by-default-v8.cpu_profiler) and see which of the page's functions a slow step runs.
  const categories = process.env.BENCH_TRACE_CATEGORIES?.split(',').filter(Boolean);
  await s.wb.browser.startTracing(s.page, { path: join(dir, `${name}-${Date.now()}.json`), screenshots: false, ...(categories ? { categories } : {}) });
  try {
    return await run();
  } finally {
    await s.wb.browser.stopTracing();
  }
}
