// Glob matching for find_files, search_text's include and the secret rules. A glob is compiled to a
// small state machine and run over the path one character at a time, keeping the set of states it
// could be in, so the cost is at most pattern length × path length: a model-supplied `*a*a*a*a*b`
// cannot freeze the extension host the way a glob translated to a backtracking RegExp can.
// Syntax: `**`, `*`, `?`, `{a,b}` (nested), `[abc]`, `[a-z]`, `[!abc]`, `\x`; paths use '/' separators.

/** Longer globs are refused: no real file pattern needs more, and it bounds the work per path. */
export const maxGlobLength = 512;

/** Thrown when one tool call's glob matching has done more work than its budget allows. */
export class GlobBudgetError extends Error {
  override readonly name = 'GlobBudgetError';
}

/** Shared by every match of one tool call; each state visited costs one step. */
export interface GlobBudget {
  remaining: number;
}

type CharTest = (c: string) => boolean;

interface State {
  /** Reading a character that passes `test` moves to `to`. */
  edges: { test: CharTest; to: number }[];
  /** States reached without reading anything. */
  free: number[];
}

const anyChar: CharTest = () => true;
const notSlash: CharTest = (c) => c !== '/';

export class Glob {
  /** States visited by every match so far (the work done; it grows linearly with path length). */
  steps = 0;
  private readonly states: State[] = [];
  private readonly accept: number;
  private readonly caseInsensitive: boolean;
  private readonly source: string;
  private at = 0;

  constructor(glob: string, options: { caseInsensitive?: boolean } = {}) {
    if (glob.length > maxGlobLength) throw new Error(`longer than ${maxGlobLength} characters`);
    this.caseInsensitive = options.caseInsensitive === true;
    // Case-insensitive: pattern and path are both lower-cased, so classes like [A-Z] still work.
    this.source = this.caseInsensitive ? glob.toLowerCase() : glob;
    const start = this.newState();
    this.accept = this.sequence(start, 0);
  }

  matches(path: string, budget?: GlobBudget): boolean {
    const text = this.caseInsensitive ? path.toLowerCase() : path;
    const seen = new Int32Array(this.states.length).fill(-1);
    let current = this.closure([0], seen, 0, budget);
    let round = 1;
    // Code units, like the pattern: a character outside the BMP is two, on both sides.
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      const next: number[] = [];
      for (const s of current) for (const e of (this.states[s] as State).edges) if (e.test(c)) next.push(e.to);
      current = this.closure(next, seen, round++, budget);
      if (current.length === 0) return false;
    }
    return current.includes(this.accept);
  }

  /** `from` plus every state reachable from it without reading, each once. */
  private closure(from: number[], seen: Int32Array, round: number, budget: GlobBudget | undefined): number[] {
    const out: number[] = [];
    const stack = [...from];
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (seen[s] === round) continue;
      seen[s] = round;
      out.push(s);
      stack.push(...(this.states[s] as State).free);
    }
    this.steps += out.length + 1;
    if (budget && (budget.remaining -= out.length + 1) < 0) throw new GlobBudgetError('the glob took too many steps to match');
    return out;
  }

  private newState(): number {
    this.states.push({ edges: [], free: [] });
    return this.states.length - 1;
  }

  private edge(from: number, test: CharTest, to = this.newState()): number {
    (this.states[from] as State).edges.push({ test, to });
    return to;
  }

  /** Parses until the end, or a ',' / '}' that closes a brace group; returns the state after it. */
  private sequence(from: number, depth: number): number {
    const g = this.source;
    let cur = from;
    while (this.at < g.length) {
      const c = g[this.at] as string;
      if (depth > 0 && (c === ',' || c === '}')) return cur;
      if (c === '*') cur = this.star(cur);
      else if (c === '?') cur = this.literal(cur, notSlash, 1);
      else if (c === '{') cur = this.alternatives(cur, depth);
      else if (c === '[') cur = this.charClass(cur);
      else if (c === '\\' && this.at + 1 < g.length) cur = this.literal(cur, exactly(g[this.at + 1] as string), 2);
      else cur = this.literal(cur, exactly(c), 1);
    }
    return cur;
  }

  private literal(cur: number, test: CharTest, width: number): number {
    this.at += width;
    return this.edge(cur, test);
  }

  // `*` stays within one segment and `**` crosses '/'; a whole `**` segment followed by '/' also matches
  // no folder at all, so `src/**` + `/x.ts` finds `src/x.ts`.
  private star(cur: number): number {
    const g = this.source;
    let end = this.at;
    while (g[end + 1] === '*') end++;
    const double = end > this.at;
    const atSegmentStart = this.at === 0 || g[this.at - 1] === '/';
    this.at = end + 1;
    if (double && atSegmentStart && g[this.at] === '/') {
      this.at++;
      const after = this.newState();
      (this.states[cur] as State).free.push(after);
      this.edge(cur, (c) => c === '/', after);
      const inside = this.edge(cur, anyChar);
      this.edge(inside, anyChar, inside);
      this.edge(inside, (c) => c === '/', after);
      return after;
    }
    const loop = this.newState();
    (this.states[cur] as State).free.push(loop);
    this.edge(loop, double ? anyChar : notSlash, loop);
    return loop;
  }

  private alternatives(cur: number, depth: number): number {
    this.at++; // '{'
    const after = this.newState();
    for (;;) {
      const start = this.newState();
      (this.states[cur] as State).free.push(start);
      (this.states[this.sequence(start, depth + 1)] as State).free.push(after);
      const c = this.source[this.at];
      this.at++;
      if (c === '}') return after;
      if (c !== ',') throw new Error(`unbalanced '{' in glob '${this.source}'`);
    }
  }

  /** `[abc]`, `[a-z]`, `[!abc]` / `[^abc]` (negated classes never match '/'); a lone '[' is literal. */
  private charClass(cur: number): number {
    const end = this.source.indexOf(']', this.at + 2);
    if (end < 0) return this.literal(cur, exactly('['), 1);
    let body = this.source.slice(this.at + 1, end);
    const negate = body.startsWith('!') || body.startsWith('^');
    if (negate) body = body.slice(1);
    const chars = body.split('');
    const ranges: [string, string][] = [];
    for (let i = 0; i < chars.length; ) {
      const lo = chars[i] as string;
      if (chars[i + 1] === '-' && i + 2 < chars.length) {
        const hi = chars[i + 2] as string;
        if (hi < lo) throw new Error(`invalid range '${lo}-${hi}' in glob '${this.source}'`);
        ranges.push([lo, hi]);
        i += 3;
      } else {
        ranges.push([lo, lo]);
        i++;
      }
    }
    const inClass = (c: string) => ranges.some(([lo, hi]) => c >= lo && c <= hi);
    this.at = end + 1;
    return this.edge(cur, negate ? (c) => c !== '/' && !inClass(c) : inClass);
  }
}

function exactly(ch: string): CharTest {
  return (c) => c === ch;
}

/**
 * A matcher for workspace-relative paths. A glob without '/' matches the file name at any depth
 * (as in .gitignore), because models write `*.ts` meaning "all TypeScript files".
 */
export function pathMatcher(glob: string, options: { caseInsensitive?: boolean; budget?: GlobBudget } = {}): (relative: string) => boolean {
  const cleaned = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  const compiled = new Glob(cleaned, options);
  if (cleaned.includes('/')) return (rel) => compiled.matches(rel, options.budget);
  return (rel) => compiled.matches(rel.slice(rel.lastIndexOf('/') + 1), options.budget);
}
