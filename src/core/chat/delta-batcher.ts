// Batches streamed text before it crosses to the webview.
//
// The first piece goes out at once (that is what the user waits for). After that, pieces are
// gathered and sent at most once per interval — about one animation frame for the first few posts, so
// the answer visibly gets going, then a steadier three frames — so a 5,000 tokens/s stream costs ~20
// posts a second instead of 5,000, and a 200 tokens/s one ~20 instead of ~60 (each post costs the
// extension host about a millisecond of VS Code's messaging; reading text at 20 updates a second is as
// smooth as at 60). One timer per post, never one per piece. `flush` sends what is pending immediately;
// the caller flushes on every boundary (tool call, stop, error, completion) so nothing is held back.

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
    /** Posts made at `intervalMs`; later ones at `steadyIntervalMs`. */
    private readonly quickPosts = 6,
    private readonly steadyIntervalMs = 48,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.pending.push(text);
    if (this.timer !== undefined) return;
    const interval = this.seq < this.quickPosts ? this.intervalMs : Math.max(this.intervalMs, this.steadyIntervalMs);
    const wait = this.lastPost + interval - this.clock.now();
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
