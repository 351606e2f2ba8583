// Splits a growing Markdown text into top-level blocks so finished blocks are rendered once and only
// the unfinished tail is rendered again on each paint. Only newly appended complete lines are scanned,
// and a cut depends only on the lines before it and the line that starts the next block, so feeding the
// text in any number of pieces gives the same blocks as feeding it at once.
//
// A block is finished when
// - a blank line (outside a fenced code block) is followed by a line that starts at column 0: an indented
//   line after a blank line may still belong to the block (a list item's paragraph or code, indented code),
//   so it does not cut;
// - a code block opens at column 0 (the block before it ends there; a fence interrupts anything); or
// - the closing fence of a code block that was opened at column 0 arrives.
// So a top-level code block is always a block of its own, and while it is open it is the tail
// (`openFence`), which MarkdownView renders incrementally.
// Blank lines inside a fence never cut, so a code block stays one block. Fences are recognised at any
// indentation (list items nest them): seeing a fence where Markdown would not only means fewer cuts.

interface Fence {
  marker: string;
  length: number;
  /** Opened at column 0, so its closing line ends the block. */
  topLevel: boolean;
}

export interface SplitUpdate {
  /** The text no longer extends what was seen before: drop everything and render again. */
  reset: boolean;
  /** Blocks finished by this update, in order; each is rendered once and kept. */
  finished: string[];
  /** The unfinished rest, re-rendered on every change (may be empty). */
  tail: string;
  /** The tail is a code block opened at column 0 and not closed yet (after optional blank lines). */
  openFence: boolean;
}

const blankLine = /^[ \t\r]*$/;
// A backtick fence's info string may not contain a backtick (that would be inline code).
const fenceOpen = /^([ \t]*)(`{3,}(?=[^`]*$)|~{3,})/;
const fenceClose = /^[ \t]*(`{3,}|~{3,})[ \t\r]*$/;

export class BlockSplitter {
  private text = '';
  /** Where the unfinished tail starts. */
  private cut = 0;
  /** Start of the first line not scanned yet (scanning stops before an incomplete last line). */
  private scanned = 0;
  private fence: Fence | undefined;
  /** The current block has a non-blank line. */
  private hasContent = false;
  /** A blank line followed the current block's content: the next column-0 line starts a new block. */
  private blankAfterContent = false;

  update(text: string): SplitUpdate {
    const reset = !text.startsWith(this.text);
    if (reset) this.restart();
    this.text = text;
    const finished: string[] = [];
    for (let nl = text.indexOf('\n', this.scanned); nl !== -1; nl = text.indexOf('\n', this.scanned)) {
      const start = this.scanned;
      this.scanned = nl + 1;
      const at = this.scanLine(text.slice(start, nl), start, nl + 1);
      if (at !== undefined && at > this.cut) {
        finished.push(text.slice(this.cut, at));
        this.cut = at;
      }
    }
    return { reset, finished, tail: text.slice(this.cut), openFence: this.fence?.topLevel === true && !this.closesFence(text.slice(this.scanned)) };
  }

  /** The (incomplete) line would close the open fence: an answer may end without a final newline. */
  private closesFence(line: string): boolean {
    const marker = fenceClose.exec(line)?.[1];
    return !!marker && !!this.fence && marker[0] === this.fence.marker && marker.length >= this.fence.length;
  }

  /** Returns where a new block starts, if this line decides one. */
  private scanLine(line: string, lineStart: number, lineEnd: number): number | undefined {
    if (this.fence) {
      if (!this.closesFence(line)) return undefined;
      const topLevel = this.fence.topLevel;
      this.fence = undefined;
      if (!topLevel) return undefined;
      this.hasContent = false;
      this.blankAfterContent = false;
      return lineEnd;
    }
    if (blankLine.test(line)) {
      if (this.hasContent) this.blankAfterContent = true;
      return undefined;
    }
    const open = fenceOpen.exec(line);
    if (open?.[2]) this.fence = { marker: open[2][0] ?? '`', length: open[2].length, topLevel: open[1] === '' };
    const startsBlock = this.hasContent && ((this.blankAfterContent && line[0] !== ' ' && line[0] !== '\t') || this.fence?.topLevel === true);
    this.blankAfterContent = false;
    this.hasContent = true;
    return startsBlock ? lineStart : undefined;
  }

  private restart(): void {
    this.cut = 0;
    this.scanned = 0;
    this.fence = undefined;
    this.hasContent = false;
    this.blankAfterContent = false;
  }
}
