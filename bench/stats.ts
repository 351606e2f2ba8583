// Small statistics and reporting helpers shared by every benchmark.
import { cpus, totalmem } from 'node:os';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  budget: number | null;
  lowerIsBetter: boolean;
  runs: number;
  machine: string;
  /** Ratio to a baseline measured in the same run, where one makes sense. */
  baselineRatio?: number;
}

export function quantile(values: number[], q: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export const median = (v: number[]) => quantile(v, 0.5);
export const p95 = (v: number[]) => quantile(v, 0.95);

export function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${process.platform}`;
}

/** The `n` largest entries of a tally, largest first. */
export function largest<K>(tally: Map<K, number>, n: number): [K, number][] {
  return [...tally].sort((a, b) => b[1] - a[1]).slice(0, n);
}

export function fmt(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '-';
  return n >= 100 ? n.toFixed(0) : n.toFixed(digits);
}

/** Prints rows as an aligned text table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
