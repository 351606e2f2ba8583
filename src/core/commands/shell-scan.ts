// Splits shell text (already accepted by the real parser) into words and operators, keeping substitutions nested.

/** One shell word: its value when it is a plain literal, its source text, and the scripts it would run. */
export interface ShellWord {
  text: string;
  raw: string;
  literal: boolean;
  glob: boolean;
  nested: string[];
}
export type ShellToken = { kind: 'word'; word: ShellWord } | { kind: 'op'; op: string };

export class ShellScanError extends Error {}

// Longest first, so that `&&` is not read as two `&`.
const OPERATORS = ['&>>', '<<<', '<<-', ';;&', '&&', '||', '|&', ';;', ';&', '>>', '>|', '&>', '<<', '<>', '>&', '<&', '|', ';', '&', '(', ')', '<', '>'];
const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);

/** Tokenizes `src`; throws ShellScanError where the text does not close (never guesses). */
export function scanShell(src: string): ShellToken[] {
  return new Scanner(src).scanAll();
}

class Scanner {
  private i = 0;
  private readonly tokens: ShellToken[] = [];
  constructor(private readonly src: string) {}

  scanAll(): ShellToken[] {
    while (this.i < this.src.length) this.step();
    return this.tokens;
  }

  private step(): void {
    const c = this.src[this.i];
    const next = this.src[this.i + 1];
    if (c === ' ' || c === '\t') this.i++;
    else if (c === '\\' && next === '\n') this.i += 2;
    else if (c === '\n') this.pushOp(';', 1);
    else if (c === '#') this.skipComment();
    else if ((c === '<' || c === '>') && next === '(') this.tokens.push({ kind: 'word', word: this.word() });
    else {
      const op = OPERATORS.find((o) => this.src.startsWith(o, this.i));
      if (op) this.pushOp(op, op.length);
      else this.pushWord(this.word());
    }
  }

  private pushOp(op: string, length: number): void {
    this.tokens.push({ kind: 'op', op });
    this.i += length;
  }

  private pushWord(word: ShellWord): void {
    // A file-descriptor number glued to a redirection (`2>&1`) belongs to the redirection, not to the command.
    if (/^\d+$/.test(word.raw) && /[<>]/.test(this.src[this.i] ?? '')) return;
    this.tokens.push({ kind: 'word', word });
  }

  private skipComment(): void {
    const end = this.src.indexOf('\n', this.i);
    this.i = end < 0 ? this.src.length : end;
  }

  private word(): ShellWord {
    const start = this.i;
    const w: ShellWord = { text: '', raw: '', literal: true, glob: false, nested: [] };
    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      if ((c === '<' || c === '>') && this.src[this.i + 1] === '(' && this.i === start) {
        w.literal = false;
        w.nested.push(this.balanced(this.i + 2));
        continue;
      }
      if (WORD_BREAK.has(c)) break;
      this.wordPart(c, w);
    }
    w.raw = this.src.slice(start, this.i);
    return w;
  }

  private wordPart(c: string, w: ShellWord): void {
    if (c === "'") {
      const end = this.src.indexOf("'", this.i + 1);
      if (end < 0) throw new ShellScanError('unterminated single quote');
      w.text += this.src.slice(this.i + 1, end);
      this.i = end + 1;
    } else if (c === '"') {
      this.doubleQuoted(w);
    } else if (c === '\\') {
      if (this.src[this.i + 1] !== '\n') w.text += this.src[this.i + 1] ?? '';
      this.i += 2;
    } else if (c === '$') {
      this.dollar(w);
    } else if (c === '`') {
      this.backtick(w);
    } else {
      if ('*?['.includes(c)) w.glob = true;
      w.text += c;
      this.i++;
    }
  }

  private doubleQuoted(w: ShellWord): void {
    this.i++;
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined) throw new ShellScanError('unterminated double quote');
      if (c === '"') break;
      if (c === '$') this.dollar(w);
      else if (c === '`') this.backtick(w);
      else if (c === '\\') {
        const n = this.src[this.i + 1] ?? '';
        w.text += '$`"\\\n'.includes(n) ? (n === '\n' ? '' : n) : c + n;
        this.i += 2;
      } else {
        w.text += c;
        this.i++;
      }
    }
    this.i++;
  }

  private dollar(w: ShellWord): void {
    w.literal = false;
    const n = this.src[this.i + 1];
    if (n === '(') w.nested.push(this.balanced(this.i + 2));
    else if (n === '{') w.nested.push(this.braced(this.i + 2));
    else if (n === "'" || n === '"') {
      this.i++;
      this.wordPart(n, w);
    } else {
      const name = /^[A-Za-z0-9_]+|^[@*#?$!-]/.exec(this.src.slice(this.i + 1));
      this.i += 1 + (name ? name[0].length : 0);
    }
  }

  private backtick(w: ShellWord): void {
    w.literal = false;
    let inner = '';
    let j = this.i + 1;
    for (; j < this.src.length && this.src[j] !== '`'; j++) {
      if (this.src[j] === '\\' && '`$\\'.includes(this.src[j + 1] ?? '')) j++;
      inner += this.src[j];
    }
    if (j >= this.src.length) throw new ShellScanError('unterminated backquote');
    w.nested.push(inner);
    this.i = j + 1;
  }

  /** Text up to the `)` closing a `(` just before `from`; quotes and nesting respected. */
  private balanced(from: number): string {
    return this.closing(from, '(', ')');
  }

  private braced(from: number): string {
    return this.closing(from, '{', '}');
  }

  private closing(from: number, open: string, close: string): string {
    let depth = 1;
    for (let j = from; j < this.src.length; j++) {
      const c = this.src[j];
      if (c === '\\') j++;
      else if (c === "'") j = this.endOf(j, "'");
      else if (c === '"' || c === '`') j = this.endOfEscaped(j, c);
      else if (c === open) depth++;
      else if (c === close && --depth === 0) {
        this.i = j + 1;
        return this.src.slice(from, j);
      }
    }
    throw new ShellScanError(`unterminated ${open}`);
  }

  private endOf(j: number, quote: string): number {
    const end = this.src.indexOf(quote, j + 1);
    if (end < 0) throw new ShellScanError('unterminated quote');
    return end;
  }

  private endOfEscaped(j: number, quote: string): number {
    for (let k = j + 1; k < this.src.length; k++) {
      if (this.src[k] === '\\') k++;
      else if (this.src[k] === quote) return k;
    }
    throw new ShellScanError('unterminated quote');
  }
}
