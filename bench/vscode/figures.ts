// The figures one bench phase produces, and the row each becomes in the summary table.
import { fmt, machine, type Figure } from '../stats';

export class Figures {
  readonly list: Figure[] = [];
  /** Figures left out for too few samples (e.g. a fast stream painted in too few frames). */
  readonly skipped: string[] = [];
  private readonly machine = machine();

  add(name: string, value: number, unit: string, budget: number | null, runs: number, extra: Partial<Figure> = {}): void {
    if (!Number.isFinite(value)) return void this.skipped.push(name);
    this.list.push({ name, value, unit, budget, lowerIsBetter: extra.lowerIsBetter ?? true, runs, machine: this.machine, ...extra });
  }

  /** Takes in another phase's figures. */
  merge(other: Figures | undefined): void {
    if (!other) return;
    this.list.push(...other.list);
    this.skipped.push(...other.skipped);
  }

  find(name: string): Figure | undefined {
    return this.list.find((f) => f.name === name);
  }
}

/** One row of the summary table. */
export function row(f: Figure): (string | number)[] {
  const met = f.budget === null ? '' : (f.lowerIsBetter ? f.value <= f.budget : f.value >= f.budget) ? 'yes' : 'NO';
  return [f.name, fmt(f.value), f.unit, f.budget === null ? '' : fmt(f.budget), met, f.baselineRatio === undefined ? '' : `${fmt(f.baselineRatio)}×`, f.runs];
}
