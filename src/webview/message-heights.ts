// What the transcript knows of its messages' heights without reading the layout: each one's height when it
// was last measured, and the average of those for the ones never shown.
import type { Entry } from './window-entry';

/** A message's height before any was ever measured. */
const firstEstimate = 120;

export class MessageHeights {
  private sum = 0;
  private count = 0;

  /** Records a measured height for `e` (kept for its spacer and for when it comes back). */
  note(e: Entry, height: number): void {
    e.height = height;
    this.sum += height;
    this.count++;
  }

  /** The height a message never measured is taken to have. */
  estimate(): number {
    return this.count ? this.sum / this.count : firstEstimate;
  }

  of(e: Entry): number {
    return e.height ?? this.estimate();
  }

  /** The known or estimated height of entries `from` up to (not including) `to`. */
  between(entries: readonly Entry[], from: number, to: number): number {
    let h = 0;
    for (let i = from; i < to; i++) h += this.of(entries[i]!);
    return h;
  }

  /** How many entries from `from` (going `step`) it takes to fill `px`, by their known or estimated heights (at most `most`). */
  countFor(entries: readonly Entry[], px: number, from: number, step: 1 | -1, most = 8): number {
    let n = 0;
    for (let i = from; px > 0 && n < most && i >= 0 && i < entries.length; i += step, n++) px -= this.of(entries[i]!);
    return n;
  }
}
