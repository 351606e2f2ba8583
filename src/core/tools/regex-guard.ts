// Runs a model-supplied regular expression with a time limit. A pattern like `(a+)+$` can backtrack
// for minutes on one line and would freeze the extension host (and every other extension). V8 can
// interrupt a regex only through vm's `timeout`, so matching runs inside a vm context, in batches
// of files because each guarded call costs a few hundred microseconds.
import * as vm from 'node:vm';

export class RegexTimeoutError extends Error {
  override readonly name = 'RegexTimeoutError';
}

// Plain JavaScript evaluated inside the context; everything it touches per line is local.
const scanSource = `globalThis.scan = (function (re, cap) {
  return function (texts) {
    var out = [];
    for (var f = 0; f < texts.length; f++) {
      var lines = String(texts[f]).split('\\n');
      var hits = [];
      for (var i = 0; i < lines.length; i++) {
        var l = lines[i];
        if (l.charCodeAt(l.length - 1) === 13) l = l.slice(0, -1);
        if (l.length > cap) l = l.slice(0, cap);
        if (re.test(l)) hits.push(i);
      }
      out.push(hits.join(','));
    }
    return out.join(';');
  };
})(new RegExp(source, flags), maxLineChars);`;

export class GuardedRegex {
  private readonly context: vm.Context;
  private spentMs = 0;

  /** Throws SyntaxError (from this realm, with V8's message) when the pattern is invalid. */
  constructor(source: string, flags: string, private readonly budgetMs: number, maxLineChars: number) {
    new RegExp(source, flags);
    this.context = vm.createContext({ source, flags, maxLineChars, input: [] });
    vm.runInContext(scanSource, this.context);
  }

  /** For each text, the 0-based indexes of its matching lines. Throws RegexTimeoutError once the budget is spent. */
  scan(texts: readonly string[]): number[][] {
    if (texts.length === 0) return [];
    const remaining = Math.max(1, Math.floor(this.budgetMs - this.spentMs));
    const started = performance.now();
    this.context.input = texts;
    let encoded: string;
    try {
      encoded = vm.runInContext('scan(input)', this.context, { timeout: remaining }) as string;
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new RegexTimeoutError(`regex ran longer than ${this.budgetMs} ms`);
      throw err;
    } finally {
      this.context.input = [];
      this.spentMs += performance.now() - started;
    }
    return encoded.split(';').map((s) => (s === '' ? [] : s.split(',').map(Number)));
  }
}
