// The timeout of a streaming attempt (before the first token, and between tokens) with one timer for the
// whole stream: each event only moves a deadline, and the timer, when it fires before the deadline, waits
// for the rest. Re-arming a timer per event cost the extension host a timer's set-up and tear-down for
// every token of a slow stream (hundreds a second).

export type WatchPhase = 'first token' | 'idle';

export class Watchdog {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the running timer fires. */
  private firesAt = Number.POSITIVE_INFINITY;
  private deadline = Number.POSITIVE_INFINITY;
  private phase: WatchPhase = 'first token';
  private ms = 0;

  constructor(private readonly expired: (phase: WatchPhase, ms: number) => void) {}

  /** The server has `ms` from now to send the next event. */
  arm(phase: WatchPhase, ms: number): void {
    this.phase = phase;
    this.ms = ms;
    this.deadline = performance.now() + ms;
    // A running timer that fires by the deadline is kept (it looks again then); one that would fire later is replaced.
    if (this.timer === undefined || this.firesAt > this.deadline) this.schedule(ms);
  }

  /** The consumer is working on an event: its time is not the server's silence. */
  pause(): void {
    this.deadline = Number.POSITIVE_INFINITY;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firesAt = this.deadline = Number.POSITIVE_INFINITY;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.firesAt = performance.now() + ms;
    this.timer = setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.timer = undefined;
    this.firesAt = Number.POSITIVE_INFINITY;
    // Paused: `arm` starts a timer again when the consumer is done.
    if (this.deadline === Number.POSITIVE_INFINITY) return;
    const left = this.deadline - performance.now();
    if (left <= 0) this.expired(this.phase, this.ms);
    else this.schedule(left);
  }
}
