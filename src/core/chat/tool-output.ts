// Relays a running command's output to the chat: escapes removed, posts batched and cut to the output's live
// end, a bounded copy kept on the call.
import { ESCAPES } from '../commands/output';
import type { ToolCallView } from '../protocol/chat-message';
import { boundForDisplay, DISPLAY_OUTPUT_CHARS, LIVE_OUTPUT_CHARS, OUTPUT_LEFT_OUT_NOTE } from '../protocol/output-display';

const POST_INTERVAL_MS = 33;
/**
 * After a post that carried only the end of what arrived (output faster than the page shows it), the next waits
 * this long: each such post replaces everything the block shows, and a flood passes too fast to read, so three
 * times fewer of them carry the same view at a third of the workbench's and the page's work (and garbage).
 */
const FLOOD_POST_INTERVAL_MS = 100;

/** Runs `run` after `ms` (setTimeout; a test may step through the posts itself). */
export type PostScheduler = (run: () => void, ms: number) => { cancel(): void };

const timerScheduler: PostScheduler = (run, ms) => {
  const timer = setTimeout(run, ms);
  return { cancel: () => clearTimeout(timer) };
};
const MAX_PENDING_ESCAPE = 4_096;

/** Turns raw terminal output into plain text piece by piece (an escape or CRLF may be split between pieces). */
export class DisplayCleaner {
  private pending = '';

  push(chunk: string): string {
    let text = (this.pending + chunk).replace(ESCAPES, '');
    this.pending = '';
    const open = text.lastIndexOf('\x1b');
    if (open >= 0 && text.length - open < MAX_PENDING_ESCAPE) {
      this.pending = text.slice(open);
      text = text.slice(0, open);
    }
    if (text.endsWith('\r')) {
      this.pending = '\r' + this.pending;
      text = text.slice(0, -1);
    }
    // A lone carriage return redraws a line (progress bars): shown as a new line rather than lost.
    return text.replace(/\x1b/g, '').replace(/\r\n/g, '\n').replace(/\r/g, '\n');
  }

  end(): string {
    const rest = this.pending.replace(/\x1b.*$/s, '').replace(/\r/g, '');
    this.pending = '';
    return rest;
  }
}

/** Text kept as pieces, trimmed from the front past `max` characters: appending stays cheap for any output size. */
class BoundedText {
  private pieces: string[] = [];
  private length = 0;
  private trimmed = false;

  constructor(private readonly max: number) {}

  add(text: string): void {
    this.pieces.push(text);
    this.length += text.length;
    while (this.pieces.length > 1 && this.length - (this.pieces[0] as string).length >= this.max) {
      this.length -= (this.pieces.shift() as string).length;
      this.trimmed = true;
    }
  }

  /** The text, bounded, with the note when its start was left out; joined into one piece so the next call is cheap. */
  text(): string {
    const joined = this.pieces.join('');
    // Only the end is kept: a joined piece that kept everything would be joined again at every post, so a
    // 10 MB output cost the host seconds of copying (each post longer than the one before).
    const body = joined.length > this.max ? joined.slice(-this.max) : joined;
    if (body.length < joined.length) this.trimmed = true;
    this.pieces = body === '' ? [] : [body];
    this.length = body.length;
    return boundForDisplay((this.trimmed ? OUTPUT_LEFT_OUT_NOTE : '') + body, this.max);
  }

  /** Characters held right now. */
  get size(): number {
    return this.length;
  }

  clear(): void {
    this.pieces = [];
    this.length = 0;
    this.trimmed = false;
  }
}

/** One call's relay: `push` raw output, `finish` when the command ended (the last batch goes out at once). */
export class ToolOutputRelay {
  private readonly cleaner = new DisplayCleaner();
  /** What the next post carries: only the live end, as the page shows no more while the command runs. */
  private readonly pending = new BoundedText(LIVE_OUTPUT_CHARS);
  private readonly shown = new BoundedText(DISPLAY_OUTPUT_CHARS);
  private timer: { cancel(): void } | undefined;
  /** Whether the last post left out some of what had arrived (see FLOOD_POST_INTERVAL_MS). */
  private flooded = false;

  constructor(
    private readonly view: ToolCallView,
    private readonly post: (text: string) => void,
    private readonly keepRaw?: (chunk: string) => void,
    private readonly schedule: PostScheduler = timerScheduler,
  ) {}

  push(chunk: string): void {
    this.keepRaw?.(chunk);
    this.add(this.cleaner.push(chunk));
  }

  finish(): void {
    this.add(this.cleaner.end());
    this.flush();
  }

  /** Characters the relay holds (bounded whatever the output's size). */
  retainedChars(): number {
    return this.shown.size + this.pending.size;
  }

  private add(text: string): void {
    if (text === '') return;
    this.shown.add(text);
    // What waits for the next post is bounded to the live end: the page would drop the excess anyway, after
    // the workbench had carried it (10 MB in 33 ms posts cost the page's thread more than a frame per post).
    this.pending.add(text);
    this.timer ??= this.schedule(() => this.flush(), this.flooded ? FLOOD_POST_INTERVAL_MS : POST_INTERVAL_MS);
  }

  /** Posts what waits now (the timer does it within a frame otherwise). */
  flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const text = this.pending.text();
    this.pending.clear();
    this.flooded = text.startsWith(OUTPUT_LEFT_OUT_NOTE);
    if (text === '') return;
    // The call's copy (saved with the conversation, sent to a page that joins later) follows at the same pace.
    this.view.output = this.shown.text();
    this.post(text);
  }
}
