// Decides whether a command runs without asking, needs approval, or never runs, judging every command inside it.
import { flagRuleMatch, runsDownloadedCode, looksLikeForkBomb, sweepingRemoval } from './deny-rules';
import { basename, firstMatch } from './patterns';
import { extractCommands, wordValue, type Redirection, type ShellWord, type SimpleCommand } from './shell-commands';
import { loadShellParser } from './shell-tree';
import { findActions, shellScript, unwrap, withoutGitOptions } from './wrappers';

export interface CommandLists {
  /** Patterns the user set up to run without asking. */
  autoApprove: readonly string[];
  /** Patterns that never run, approved or not. */
  deny: readonly string[];
  /** Commands the user chose "Always allow" for in this workspace. */
  alwaysAllowed: readonly string[];
}
export type Verdict = 'deny' | 'auto' | 'ask';
export interface Judgement {
  verdict: Verdict;
  /** Why, naming the command part that decided it. */
  reason: string;
  /** Every simple command found, as written, for the approval card. */
  parts: string[];
}
interface Finding {
  verdict: Verdict;
  reason: string;
}

// Builtins that run text or change the shell in ways no pattern can judge.
const ALWAYS_ASK = new Set(['eval', 'source', '.', 'alias', 'trap', 'enable', 'set', 'shopt', 'export', 'declare', 'typeset', 'readonly', 'unset', 'function', 'coproc', 'for', 'case', 'select', '[[', '((']);
const WRITES = new Set(['>', '>>', '>|', '&>', '&>>', '<>', '>&']);

function describe(words: readonly ShellWord[], cmd?: SimpleCommand): string {
  const parts = [...(cmd?.assignments ?? []), ...words].map((w) => w.raw);
  for (const r of cmd?.redirects ?? []) parts.push(`${r.op}${r.target?.raw ?? ''}`);
  return parts.join(' ');
}

function writesToFile(r: Redirection): boolean {
  if (!WRITES.has(r.op)) return false;
  const target = r.target ? wordValue(r.target) : '';
  return target !== '/dev/null' && !/^(\d+|-)$/.test(target);
}

function denyFinding(cmd: SimpleCommand, words: readonly ShellWord[], deny: readonly string[]): Finding | undefined {
  const values = words.map(wordValue);
  const asNamed = [basename(values[0] ?? ''), ...values.slice(1)];
  const part = describe(words, cmd);
  const withoutGlobals = withoutGitOptions(asNamed);
  const pattern = firstMatch(deny, values) ?? firstMatch(deny, asNamed) ?? firstMatch(deny, withoutGlobals) ?? flagRuleMatch(deny, withoutGlobals);
  if (pattern) return { verdict: 'deny', reason: `\`${part}\` matches the deny pattern \`${pattern}\`` };
  if (sweepingRemoval(values)) return { verdict: 'deny', reason: `\`${part}\` deletes a root, home or whole folder recursively` };
  if (runsDownloadedCode(cmd)) return { verdict: 'deny', reason: `\`${part}\` runs code downloaded from the network` };
  return undefined;
}

function askReason(cmd: SimpleCommand, words: readonly ShellWord[]): string | undefined {
  const name = words[0];
  if (!name) return cmd.assignments.length > 0 ? 'it sets shell variables' : 'it only redirects';
  if (!name.literal || name.glob) return `the command name \`${name.raw}\` is only known at run time`;
  if (ALWAYS_ASK.has(basename(name.text))) return `\`${name.text}\` runs or changes code in ways that cannot be judged in advance`;
  const dynamic = words.find((w) => !w.literal);
  if (dynamic) return `\`${dynamic.raw}\` is only known at run time`;
  const write = cmd.redirects.find(writesToFile);
  if (write) return `it writes to \`${write.target?.raw ?? '?'}\``;
  return cmd.notes[0];
}

function ownFinding(cmd: SimpleCommand, words: readonly ShellWord[], lists: CommandLists): Finding {
  const part = describe(words, cmd);
  const reason = askReason(cmd, words);
  if (reason) return { verdict: 'ask', reason: `\`${part}\`: ${reason}` };
  const allowed = [...lists.autoApprove, ...lists.alwaysAllowed];
  const values = words.map(wordValue);
  if (firstMatch(allowed, [...cmd.assignments.map((w) => w.raw), ...values])) return { verdict: 'auto', reason: '' };
  if (cmd.assignments.length > 0 && firstMatch(allowed, values)) {
    return { verdict: 'ask', reason: `\`${part}\`: it sets variables that change what the command does` };
  }
  return { verdict: 'ask', reason: `\`${part}\` is not on the auto-approve list` };
}

function judgeScript(script: string, lists: CommandLists, depth: number): Finding[] {
  try {
    return extractCommands(script, depth).flatMap((c) => judgeCommand(c, lists, depth));
  } catch (err) {
    return [{ verdict: 'ask', reason: `\`${script}\` could not be parsed (${(err as Error).message})` }];
  }
}

function derived(cmd: SimpleCommand, words: ShellWord[]): SimpleCommand {
  return { assignments: [], words, redirects: [], pipedFrom: cmd.pipedFrom, nested: cmd.nested, notes: [] };
}

/** Findings for the commands a command runs on its behalf, and the words that are its own. */
function innerFindings(cmd: SimpleCommand, lists: CommandLists, depth: number): { own: ShellWord[]; findings: Finding[] } {
  const wrapped = unwrap(cmd.words);
  if (wrapped && wrapped.inner.length > 0) {
    return { own: wrapped.outer, findings: judgeCommand(derived(cmd, wrapped.inner), lists, depth) };
  }
  const shell = shellScript(cmd.words);
  if (shell) {
    const findings = shell.script?.literal
      ? judgeScript(shell.script.text, lists, depth + 1)
      : [{ verdict: 'ask' as const, reason: `\`${describe(cmd.words)}\` runs a script known only at run time` }];
    return { own: shell.outer, findings };
  }
  const name = cmd.words[0] ? basename(wordValue(cmd.words[0])) : '';
  if (name === 'eval' && cmd.words.every((w) => w.literal)) {
    return { own: cmd.words, findings: judgeScript(cmd.words.slice(1).map((w) => w.text).join(' '), lists, depth + 1) };
  }
  const find = findActions(cmd.words);
  if (find) return { own: find.outer, findings: find.inner.flatMap((w) => judgeCommand(derived(cmd, w), lists, depth)) };
  return { own: cmd.words, findings: [] };
}

function judgeCommand(cmd: SimpleCommand, lists: CommandLists, depth: number): Finding[] {
  if (depth > 8) return [{ verdict: 'ask', reason: 'commands are nested too deeply to judge' }];
  const denied = denyFinding(cmd, cmd.words, lists.deny);
  if (denied) return [denied];
  const { own, findings } = innerFindings(cmd, lists, depth + 1);
  // Suffixes of a wrapper are checked too, in case an option the wrapper takes was read as the command.
  if (own !== cmd.words) {
    for (let k = 1; k < cmd.words.length; k++) {
      const suffix = denyFinding(derived(cmd, cmd.words.slice(k)), cmd.words.slice(k), lists.deny);
      if (suffix) return [suffix];
    }
  }
  return [...findings, ownFinding(cmd, own, lists)];
}

function combine(findings: readonly Finding[], parts: string[]): Judgement {
  const decisive = findings.find((f) => f.verdict === 'deny') ?? findings.find((f) => f.verdict === 'ask');
  if (decisive) return { verdict: decisive.verdict, reason: decisive.reason, parts };
  return { verdict: 'auto', reason: 'every command in it is on the auto-approve list', parts };
}

/** Judges `command` against the lists: deny wins, auto only when every simple command in it is allowed. */
export async function judge(command: string, lists: CommandLists): Promise<Judgement> {
  if (command.trim() === '') return { verdict: 'ask', reason: 'the command is empty', parts: [] };
  if (looksLikeForkBomb(command)) return { verdict: 'deny', reason: 'it defines a fork bomb', parts: [command] };
  let commands: SimpleCommand[];
  try {
    await loadShellParser();
    commands = extractCommands(command);
  } catch (err) {
    return { verdict: 'ask', reason: `it could not be parsed (${(err as Error).message})`, parts: [command] };
  }
  if (commands.length === 0) return { verdict: 'ask', reason: 'no command to judge was found in it', parts: [] };
  const parts = commands.map((c) => describe(c.words, c));
  return combine(commands.flatMap((c) => judgeCommand(c, lists, 0)), parts);
}
