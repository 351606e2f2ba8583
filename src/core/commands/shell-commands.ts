// Turns shell text, parsed by tree-sitter-bash, into the flat list of every simple command it would run, substitutions included.
import { ShellParseError, withShellTree, type ShellNode } from './shell-tree';

/** One shell word: its value when it is a plain literal, its source text, and the scripts it would run. */
export interface ShellWord {
  text: string;
  raw: string;
  literal: boolean;
  glob: boolean;
  nested: string[];
}

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

const MAX_DEPTH = 8;
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);
const REDIRECTS = new Set(['file_redirect', 'heredoc_redirect', 'herestring_redirect']);
// Statements whose parts are simply walked: every command inside them runs (or may run).
const CONTAINERS = new Set(['program', 'list', 'subshell', 'compound_statement', 'do_group', 'if_statement', 'elif_clause', 'else_clause', 'negated_command', 'case_item']);
const SHELLS = /^(sh|bash|zsh|dash|ksh|mksh|ash|busybox)$/;

/** The script inside `$( … )`, `<( … )` or backquotes. */
function substitutionScript(n: ShellNode): string {
  const t = n.text;
  if (t.startsWith('`')) return t.slice(1, -1).replace(/\\([`$\\])/g, '$1');
  return t.slice(2, -1);
}

function nestedScripts(n: ShellNode, out: string[] = []): string[] {
  if (SUBSTITUTIONS.has(n.type)) out.push(substitutionScript(n));
  else for (const c of n.namedChildren) if (c) nestedScripts(c, out);
  return out;
}

function valueOf(n: ShellNode): { text: string; literal: boolean; glob: boolean } {
  switch (n.type) {
    case 'word':
      return { text: n.text.replace(/\\(\n|.)/gs, (_, c: string) => (c === '\n' ? '' : c)), literal: true, glob: /(^|[^\\])[*?[]/.test(n.text) };
    case 'number':
      return { text: n.text, literal: true, glob: false };
    case 'raw_string':
      return { text: n.text.slice(1, -1), literal: true, glob: false };
    case 'string': {
      const plain = n.namedChildren.every((c) => c?.type === 'string_content');
      return plain ? { text: n.text.slice(1, -1).replace(/\\([$`"\\\n])/g, (_, c: string) => (c === '\n' ? '' : c)), literal: true, glob: false } : { text: n.text, literal: false, glob: false };
    }
    case 'concatenation': {
      const parts = n.namedChildren.filter((c): c is ShellNode => c !== null);
      // Parts must account for every character, else something between them was not understood.
      const whole = parts.map((p) => p.text).join('') === n.text;
      const values = parts.map(valueOf);
      return { text: values.map((v) => v.text).join(''), literal: whole && values.every((v) => v.literal), glob: values.some((v) => v.glob) };
    }
    default:
      return { text: n.text, literal: false, glob: false };
  }
}

function toWord(n: ShellNode): ShellWord {
  const inner = n.type === 'command_name' ? (n.namedChildren[0] ?? n) : n;
  return { ...valueOf(inner), raw: n.text, nested: nestedScripts(n) };
}

const literal = (text: string): ShellWord => ({ text, raw: text, literal: true, glob: false, nested: [] });

function command(nested: boolean, words: ShellWord[] = [], notes: string[] = []): SimpleCommand {
  return { assignments: [], words, redirects: [], pipedFrom: undefined, nested, notes };
}

function redirection(n: ShellNode, cmd: SimpleCommand): Redirection {
  const op = n.children.find((c) => c !== null && !c.isNamed)?.type ?? '?';
  if (n.type === 'heredoc_redirect') {
    const body = n.namedChildren.find((c) => c?.type === 'heredoc_body');
    const name = cmd.words[0]?.text.replace(/^.*\//, '') ?? '';
    cmd.notes.push('it contains a here-document');
    // A here-document given to a shell is a script: judged like one. For other programs only its substitutions run.
    const scripts = body ? nestedScripts(body) : [];
    if (body && SHELLS.test(name)) scripts.push(body.text);
    return { op, target: { text: body?.text ?? '', raw: body?.text ?? '', literal: false, glob: false, nested: scripts } };
  }
  const target = n.childForFieldName('destination') ?? n.namedChildren.filter((c) => c?.type !== 'file_descriptor').at(-1) ?? null;
  return { op, target: target ? toWord(target) : undefined };
}

function simpleCommand(n: ShellNode, nested: boolean): SimpleCommand {
  const cmd = command(nested);
  const redirects: ShellNode[] = [];
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'variable_assignment' && cmd.words.length === 0) cmd.assignments.push(toWord(c));
    else if (REDIRECTS.has(c.type)) redirects.push(c);
    else cmd.words.push(toWord(c));
  }
  cmd.redirects.push(...redirects.map((r) => redirection(r, cmd)));
  return cmd;
}

/** Collects the simple commands of one parsed script, in order. */
class Walker {
  readonly all: SimpleCommand[] = [];

  constructor(private readonly nested: boolean) {}

  private add(cmd: SimpleCommand): SimpleCommand[] {
    this.all.push(cmd);
    return [cmd];
  }

  /** The commands `n` runs (also added to `all`). */
  walk(n: ShellNode, nested = this.nested): SimpleCommand[] {
    const children = () => n.namedChildren.filter((c): c is ShellNode => c !== null).flatMap((c) => this.walk(c, nested));
    const keyword = (word: string, notes: string[] = []) => [...this.add(command(nested, [literal(word)], notes)), ...children()];
    switch (n.type) {
      case 'comment':
        return [];
      case 'command':
        return this.add(simpleCommand(n, nested));
      case 'redirected_statement':
        return this.redirected(n, nested);
      case 'pipeline':
        return this.pipeline(n, nested);
      case 'function_definition':
        return keyword('function', ['it defines a shell function']);
      case 'while_statement':
        return keyword(n.children[0]?.type === 'until' ? 'until' : 'while', ['it is a loop that may not end']);
      case 'for_statement':
      case 'c_style_for_statement':
        return keyword('for');
      case 'case_statement':
        return keyword('case');
      case 'test_command':
        return keyword('[[');
      case 'declaration_command':
      case 'unset_command':
        return this.add(command(nested, [literal(n.children[0]?.type ?? n.type), ...n.namedChildren.filter((c): c is ShellNode => c !== null).map(toWord)]));
      case 'variable_assignment':
        return this.add({ ...command(nested), assignments: [toWord(n)] });
      case 'variable_assignments':
        return this.add({ ...command(nested), assignments: n.namedChildren.filter((c): c is ShellNode => c !== null).map(toWord) });
      default:
        if (SUBSTITUTIONS.has(n.type)) return n.namedChildren.filter((c): c is ShellNode => c !== null).flatMap((c) => this.walk(c, true));
        if (CONTAINERS.has(n.type) || !n.parent || !CONTAINERS.has(n.parent.type)) return children();
        // A statement of a kind not listed above: its commands are judged, and a person looks at the whole.
        return keyword(n.type, [`it uses shell syntax (${n.type}) that is not judged automatically`]);
    }
  }

  private redirected(n: ShellNode, nested: boolean): SimpleCommand[] {
    const body = n.childForFieldName('body');
    const cmds = body ? this.walk(body, nested) : [];
    const targets = cmds.length > 0 ? cmds : this.add(command(nested));
    for (const r of n.namedChildren) {
      if (!r || !REDIRECTS.has(r.type)) continue;
      for (const cmd of targets) cmd.redirects.push(redirection(r, cmd));
    }
    return targets;
  }

  private pipeline(n: ShellNode, nested: boolean): SimpleCommand[] {
    const out: SimpleCommand[] = [];
    let previous: SimpleCommand | undefined;
    for (const stage of n.namedChildren) {
      if (!stage) continue;
      const cmds = this.walk(stage, nested);
      for (const c of cmds) if (previous && !c.pipedFrom) c.pipedFrom = previous;
      previous = cmds.at(-1) ?? previous;
      out.push(...cmds);
    }
    return out;
  }
}

/** Every simple command in `src`, including those in substitutions; throws ShellParseError on what it cannot follow. */
export function extractCommands(src: string, depth = 0): SimpleCommand[] {
  if (depth > MAX_DEPTH) throw new ShellParseError('substitutions nested too deeply');
  const commands = withShellTree(src, (root) => {
    const walker = new Walker(depth > 0);
    walker.walk(root);
    return walker.all;
  });
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
