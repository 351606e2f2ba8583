// Relays a running command's output to the chat: escapes removed, posts batched, a bounded copy kept on the call.
import { ESCAPES } from '../commands/output';
import type { ToolCallView } from '../protocol/chat-message';
import { boundForDisplay } from '../protocol/output-display';

const POST_INTERVAL_MS = 33;
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

/** One call's relay: `push` raw output, `finish` when the command ended (the last batch goes out at once). */
export class ToolOutputRelay {
  private readonly cleaner = new DisplayCleaner();
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly view: ToolCallView,
    private readonly post: (text: string) => void,
    private readonly keepRaw?: (chunk: string) => void,
  ) {}

  push(chunk: string): void {
    this.keepRaw?.(chunk);
    this.add(this.cleaner.push(chunk));
  }

  finish(): void {
    this.add(this.cleaner.end());
    this.flush();
  }

  private add(text: string): void {
    if (text === '') return;
    this.view.output = boundForDisplay((this.view.output ?? '') + text);
    // What waits for the next post is bounded too: the page would drop the excess anyway.
    this.pending = boundForDisplay(this.pending + text);
    this.timer ??= setTimeout(() => this.flush(), POST_INTERVAL_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.post(text);
  }
}
