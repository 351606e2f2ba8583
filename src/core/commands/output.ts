// Caps a command's output for the model: escapes stripped, progress bars collapsed, head and tail kept in a budget.

export interface CapOptions {
  /** Characters kept from the start of the output. */
  headChars: number;
  /** Characters kept from the end of the output. */
  tailChars: number;
  /** Longer lines are cut to this many characters. */
  maxLineChars: number;
}
export const DEFAULT_CAP: CapOptions = { headChars: 8_000, tailChars: 8_000, maxLineChars: 2_000 };

// CSI (colours, cursor moves), OSC (titles, links, VS Code's 633 shell-integration marks) and two-byte escapes.
export const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b[@-OQ-WYZ\\]|\x9b[0-?]*[ -/]*[@-~]/g;
const MAX_PENDING_ESCAPE = 4_096;

const count = (n: number): string => n.toLocaleString('en-US');

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Accepts output chunk by chunk in bounded memory and returns what the model should see. */
export class OutputCapper {
  private readonly head: string[] = [];
  private headUsed = 0;
  private readonly tail: string[] = [];
  private tailUsed = 0;
  private line = '';
  private lineCut = 0;
  private pending = '';
  private omittedLines = 0;
  private omittedBytes = 0;
  private totalLines = 0;

  constructor(private readonly options: CapOptions = DEFAULT_CAP) {}

  /** Feeds the next piece of output (any split, even inside an escape sequence or a CRLF). */
  push(chunk: string): void {
    let text = (this.pending + chunk).replace(ESCAPES, '');
    this.pending = '';
    // An escape still open here was cut by the chunk boundary: it waits for the rest (if it is short enough).
    const open = text.indexOf('\x1b');
    if (open >= 0 && text.length - open < MAX_PENDING_ESCAPE) {
      this.pending = text.slice(open);
      text = text.slice(0, open);
    }
    if (text.endsWith('\r')) {
      this.pending = '\r' + this.pending;
      text = text.slice(0, -1);
    }
    const clean = text.replace(/\x1b/g, '').replace(/\r\n/g, '\n');
    const lines = clean.split('\n');
    this.appendToLine(lines[0] as string);
    for (let k = 1; k < lines.length; k++) {
      this.endLine();
      this.appendToLine(lines[k] as string);
    }
  }

  private appendToLine(piece: string): void {
    // A carriage return redraws the line: only what was written after the last one remains on screen.
    const cr = piece.lastIndexOf('\r');
    if (cr >= 0) {
      const after = piece.slice(cr + 1);
      const start = after !== '' ? cr : piece.lastIndexOf('\r', cr - 1);
      if (start >= 0) this.resetLine();
      piece = after !== '' ? after : piece.slice(start + 1, cr);
    }
    const room = this.options.maxLineChars - this.line.length;
    if (piece.length <= room) this.line += piece;
    else {
      this.line += piece.slice(0, Math.max(0, room));
      this.lineCut += piece.length - Math.max(0, room);
    }
  }

  private resetLine(): void {
    this.line = '';
    this.lineCut = 0;
  }

  private endLine(): void {
    const line = this.lineCut > 0 ? `${this.line} … (${count(this.lineCut)} characters cut)` : this.line;
    this.line = '';
    this.lineCut = 0;
    this.totalLines++;
    if (this.headUsed + line.length + 1 <= this.options.headChars && this.tail.length === 0) {
      this.head.push(line);
      this.headUsed += line.length + 1;
      return;
    }
    this.tail.push(line);
    this.tailUsed += line.length + 1;
    while (this.tailUsed > this.options.tailChars && this.tail.length > 0) {
      const dropped = this.tail.shift() as string;
      this.tailUsed -= dropped.length + 1;
      this.omittedLines++;
      this.omittedBytes += Buffer.byteLength(dropped) + 1;
    }
  }

  /** Characters held right now (bounded by the budget whatever the output's size). */
  retainedChars(): number {
    return this.headUsed + this.tailUsed + this.line.length + this.pending.length;
  }

  /** Ends the output and returns the capped text with a note of what was left out. */
  finish(): string {
    this.pending = this.pending.replace(/\x1b.*$/s, '').replace(/\r$/, '');
    if (this.pending !== '' || this.line !== '' || this.lineCut > 0) {
      this.appendToLine(this.pending);
      this.pending = '';
      this.endLine();
    }
    const parts = [...this.head];
    if (this.omittedLines > 0) parts.push(`… ${count(this.omittedLines)} lines (${size(this.omittedBytes)}) left out …`);
    parts.push(...this.tail);
    return parts.join('\n');
  }

  /** Lines seen so far, kept or not. */
  lineCount(): number {
    return this.totalLines;
  }
}
