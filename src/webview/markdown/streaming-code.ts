// The tail of an answer while it is one long, still open code block: re-highlighting the whole block on
// every paint would cost more with every line. Instead the code is highlighted in chunks of lines; a
// chunk is highlighted once when complete and kept, and only the last, growing chunk is redone.
// Chunks are highlighted independently, so a construct spanning chunks (a long comment) may be coloured
// wrongly until the fence closes; then the finished block is rendered whole, like any other.
// Chunk boundaries depend only on the text, so any way of streaming it gives the same DOM.
import { el } from '../dom';
import { highlight } from './highlight';
import { parseCodeInfo } from './code-info';
import { renderMarkdown, sanitize } from './render';

/** A chunk ends at a blank line once it has this many lines, or at the hard limit. */
const SOFT_LINES = 20;
const HARD_LINES = 60;

export class StreamingCode {
  readonly element: HTMLElement;
  private readonly code: HTMLElement;
  private readonly live = el('span', { class: 'md-code-live' });
  private readonly lang: string;
  /** How far into the tail the kept chunks reach; scanning position and line count of the chunk after them. */
  private done: number;
  private scanned: number;
  private lines = 0;
  private liveSource = '';

  /** `tail` starts with optional blank lines, then the complete opening fence line. */
  constructor(tail: string) {
    const opener = /^(?:[ \t]*\r?\n)*([^\n]*)\n/.exec(tail);
    this.done = this.scanned = opener?.[0].length ?? tail.length;
    const infoLine = opener?.[1] ?? '';
    this.lang = parseCodeInfo(infoLine.replace(/^[ \t]*(`{3,}|~{3,})/, '')).lang;
    // The same wrapper and toolbar a finished block of this language and path gets.
    const shell = renderMarkdown(`${infoLine}\n`);
    const code = shell.querySelector<HTMLElement>('pre code');
    this.code = code ?? el('code');
    this.code.append(this.live);
    this.element = shell.firstElementChild instanceof HTMLElement ? shell.firstElementChild : this.code;
  }

  /** Brings the block up to `tail` (the previous tail plus what was appended). */
  update(tail: string): void {
    for (let nl = tail.indexOf('\n', this.scanned); nl !== -1; nl = tail.indexOf('\n', this.scanned)) {
      const blank = /^[ \t\r]*$/.test(tail.slice(this.scanned, nl));
      this.scanned = nl + 1;
      this.lines++;
      if ((blank && this.lines >= SOFT_LINES) || this.lines >= HARD_LINES) {
        this.code.insertBefore(this.chunk(tail.slice(this.done, this.scanned)), this.live);
        this.done = this.scanned;
        this.lines = 0;
      }
    }
    const rest = tail.slice(this.done);
    if (rest !== this.liveSource) {
      this.liveSource = rest;
      this.live.replaceChildren(sanitize(highlight(rest, this.lang)));
    }
  }

  private chunk(source: string): HTMLElement {
    const span = el('span', { class: 'md-code-chunk' });
    span.append(sanitize(highlight(source, this.lang)));
    return span;
  }
}
