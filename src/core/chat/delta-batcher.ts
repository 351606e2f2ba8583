// Batches streamed text before it crosses to the webview.
//
// The first piece goes out at once (that is what the user waits for). After that, pieces are
// gathered and sent at most once per interval — about one animation frame — so a 5,000 tokens/s
// stream costs ~60 posts a second instead of 5,000. `flush` sends what is pending immediately; the
// caller flushes on every boundary (tool call, stop, error, completion) so nothing is held back.

export interface BatcherClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: BatcherClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class DeltaBatcher {
  private pending: string[] = [];
  private timer: unknown;
  private lastPost = Number.NEGATIVE_INFINITY;
  private seq = 0;

  constructor(
    private readonly post: (text: string, seq: number) => void,
    private readonly intervalMs = 16,
    private readonly clock: BatcherClock = systemClock,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.pending.push(text);
    if (this.timer !== undefined) return;
    const wait = this.lastPost + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0) return;
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.lastPost = this.clock.now();
    this.post(text, ++this.seq);
  }

  /** Drops the timer; anything still pending is sent first. */
  dispose(): void {
    this.flush();
  }
}
