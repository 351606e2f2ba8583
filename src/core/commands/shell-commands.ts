// Turns scanned shell text into the flat list of every simple command it would run, substitutions included.
import { scanShell, ShellScanError, type ShellToken, type ShellWord } from './shell-scan';

export interface Redirection {
  op: string;
  target: ShellWord | undefined;
}

/** One command the shell would start: its prefix assignments, words, redirections and pipeline neighbour. */
export interface SimpleCommand {
  assignments: ShellWord[];
  words: ShellWord[];
  redirects: Redirection[];
  /** The previous stage when this command reads a pipe. */
  pipedFrom: SimpleCommand | undefined;
  /** True when it runs inside `$( )`, backquotes or `<( )` of another command. */
  nested: boolean;
  /** Reasons found while grouping that make the command need a person's look. */
  notes: string[];
}

const REDIRECTS = new Set(['<', '>', '>>', '>|', '&>', '&>>', '<>', '>&', '<&', '<<', '<<-', '<<<']);
const PIPES = new Set(['|', '|&']);
// Reserved words that only open or close a construct; the command after them is what runs.
const STRUCTURE = new Set(['{', '}', '!', 'if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'esac']);
const MAX_DEPTH = 8;

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

function emptyCommand(pipedFrom: SimpleCommand | undefined, nested: boolean): SimpleCommand {
  return { assignments: [], words: [], redirects: [], pipedFrom, nested, notes: [] };
}

function isEmpty(c: SimpleCommand): boolean {
  return c.words.length === 0 && c.assignments.length === 0 && c.redirects.length === 0;
}

/** Groups tokens into simple commands (constructs are flattened: every command inside them is listed). */
export function groupCommands(tokens: ShellToken[], nested = false): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let cur = emptyCommand(undefined, nested);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as ShellToken;
    if (t.kind === 'op' && REDIRECTS.has(t.op)) {
      const next = tokens[k + 1];
      cur.redirects.push({ op: t.op, target: next?.kind === 'word' ? next.word : undefined });
      if (next?.kind === 'word') k++;
      if (t.op.startsWith('<<') && t.op !== '<<<') cur.notes.push('it contains a here-document');
    } else if (t.kind === 'op') {
      if (t.op === '(' && cur.words.length > 0) cur.notes.push('it defines a shell function');
      if (!isEmpty(cur)) out.push(cur);
      const previous = isEmpty(cur) ? undefined : cur;
      cur = emptyCommand(PIPES.has(t.op) ? previous : undefined, nested);
    } else if (cur.words.length === 0 && t.word.literal && STRUCTURE.has(t.word.text) && t.word.raw === t.word.text) {
      if (t.word.text === 'while' || t.word.text === 'until') cur.notes.push('it is a loop that may not end');
    } else if (cur.words.length === 0 && ASSIGNMENT.test(t.word.raw)) {
      cur.assignments.push(t.word);
    } else {
      cur.words.push(t.word);
    }
  }
  if (!isEmpty(cur)) out.push(cur);
  return out;
}

/** Every simple command in `src`, including those in substitutions; throws ShellScanError on what it cannot follow. */
export function extractCommands(src: string, depth = 0): SimpleCommand[] {
  if (depth > MAX_DEPTH) throw new ShellScanError('substitutions nested too deeply');
  const commands = groupCommands(scanShell(src), depth > 0);
  const all: SimpleCommand[] = [];
  for (const c of commands) {
    all.push(c);
    const words = [...c.assignments, ...c.words, ...c.redirects.flatMap((r) => (r.target ? [r.target] : []))];
    for (const inner of words.flatMap((w) => w.nested)) all.push(...extractCommands(inner, depth + 1));
  }
  return all;
}

/** The value a pattern is matched against: the literal text, or the source text where it is not literal. */
export function wordValue(w: ShellWord): string {
  return w.literal ? w.text : w.raw;
}
