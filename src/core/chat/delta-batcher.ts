// Batches streamed text before it crosses to the webview.
//
// The first piece goes out at once (that is what the user waits for). After that, pieces are
// gathered and sent at most once per interval — about one animation frame for the first few posts, so
// the answer visibly gets going, then a steadier three frames — so a 5,000 tokens/s stream costs ~20
// posts a second instead of 5,000, and a 200 tokens/s one ~20 instead of ~60 (each post costs the
// extension host about a millisecond of VS Code's messaging; reading text at 20 updates a second is as
// smooth as at 60). A slow stream (a model writing a few hundred tokens a second) has little to paint
// per post, so its posts come further apart still (120 ms, about eight a second: each still shows a few
// words, and a post costs the extension host about the same whether it carries one word or fifty):
// two posts in five of a steady stream's, and the extension host's CPU with them, for the same text. One
// timer per post, never one per piece. `flush` sends what is pending immediately; the caller flushes on every
// boundary (tool call, stop, error, completion) so nothing is held back.

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

/** Pieces per millisecond below which a stream counts as slow (1,000 pieces a second). */
const slowPiecesPerMs = 1;

export class DeltaBatcher {
  private pending: string[] = [];
  /** Whether the pieces before the last post came slowly (see `slowIntervalMs`). */
  private slow = false;
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
    private readonly slowIntervalMs = 120,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.pending.push(text);
    if (this.timer !== undefined) return;
    const interval = this.seq < this.quickPosts ? this.intervalMs : Math.max(this.intervalMs, this.slow ? this.slowIntervalMs : this.steadyIntervalMs);
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
    const now = this.clock.now();
    this.slow = this.pending.length < (now - this.lastPost) * slowPiecesPerMs;
    this.pending = [];
    this.lastPost = now;
    this.post(text, ++this.seq);
  }

  /**
   * The stream ended: sends what is pending once the last post is `intervalMs` old. An answer that ends right
   * after its first text would otherwise post its end (the rest of the text, the settled message, usage, the
   * composer's state) on the heels of that text, and VS Code carries the messages behind it and applies them
   * on the workbench's thread while the first text is still on its way to the page, so it arrived about
   * 14 ms later (measured by the bench's `firstToken.restLater`).
   */
  async finish(): Promise<void> {
    const wait = this.lastPost + this.intervalMs - this.clock.now();
    if (wait > 0) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, wait));
    this.flush();
  }

  /** Drops the timer; anything still pending is sent first. */
  dispose(): void {
    this.flush();
  }
}
