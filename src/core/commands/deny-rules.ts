// Deny rules that word patterns cannot express: recursive rm of a root or home, downloads fed to a shell, fork bombs,
// and the default list's flag patterns wherever the flag stands.
import { basename, patternWords } from './patterns';
import { extractCommands, wordValue, type ShellWord, type SimpleCommand } from './shell-commands';
import { DOWNLOADERS, isInterpreter, unwrap } from './wrappers';

// A function that pipes itself into itself in the background: `:(){ :|:& };:` and its renamings.
const FORK_BOMB = /([^\s(){};|&]+)\s*\(\s*\)\s*\{[^}]*\1\s*\|\s*&?\s*\1/;

/** True when the text defines the classic self-replicating function. */
export function looksLikeForkBomb(src: string): boolean {
  return FORK_BOMB.test(src);
}

function unquote(v: string): string {
  return v.replace(/["']/g, '').replace(/\$\{HOME\}|\$HOME/g, '~');
}

/** `/`, `/*`, `~`, `.`, `..`, `../..`, `*`, or a top-level folder such as `/usr`: targets a recursive delete must never get. */
function isSweepingTarget(value: string): boolean {
  const v = unquote(value).replace(/\/+$/, '') || '/';
  return /^(\/|~|\.|\*|\/\*|~\/\*|\.\/\*|\/[^/]+|\/[^/]+\/\*|(\.\.\/)*\.\.)$/.test(v);
}

/** `rm -rf /`, `rm -r --force ~`, `rm -fr *`, `rm --no-preserve-root …` in any flag order. */
export function sweepingRemoval(values: readonly string[]): boolean {
  if (basename(values[0] ?? '') !== 'rm') return false;
  const args = values.slice(1);
  if (args.includes('--no-preserve-root')) return true;
  const recursive = args.some((a) => a === '--recursive' || /^-[a-zA-Z]*[rR]/.test(a));
  return recursive && args.some((a) => !a.startsWith('-') && isSweepingTarget(a));
}

/** The name of a command once wrappers such as `env` or `nohup` are taken off. */
function effectiveName(words: readonly ShellWord[]): string {
  const inner = unwrap(words)?.inner;
  const first = inner && inner.length > 0 ? inner[0] : words[0];
  return first ? basename(wordValue(first)) : '';
}

function runsDownloader(script: string): boolean {
  try {
    return extractCommands(script, 1).some((c) => DOWNLOADERS.has(effectiveName(c.words)));
  } catch {
    return false;
  }
}

/** A shell or interpreter fed by a download: `curl … | sh`, `bash <(wget …)`, `sh -c "$(curl …)"`. */
export function runsDownloadedCode(cmd: SimpleCommand): boolean {
  if (!isInterpreter(effectiveName(cmd.words))) return false;
  for (let stage = cmd.pipedFrom; stage; stage = stage.pipedFrom) {
    if (DOWNLOADERS.has(effectiveName(stage.words))) return true;
  }
  const fed = [...cmd.words, ...cmd.redirects.flatMap((r) => (r.target ? [r.target] : []))];
  return fed.some((w) => w.nested.some(runsDownloader));
}

/** The options of an argument list: the words before `--` that start with a dash. */
function options(args: readonly string[]): string[] {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).filter((a) => a.startsWith('-') && a !== '-');
}

/** True for `-f` and for a cluster of short options holding it (`-uf`, `-xdf`). */
function hasShortOption(args: readonly string[], letter: string): boolean {
  return options(args).some((a) => /^-[A-Za-z0-9]+$/.test(a) && a.slice(1).includes(letter));
}

// git push options whose value is the next word, so that `-o +x` is not read as a forced refspec.
const PUSH_VALUED = new Set(['-o', '--push-option', '--receive-pack', '--exec', '--repo']);

/** `--force`, `-f` (also in a cluster), `--force-with-lease[=…]`, or a `+refspec` anywhere in a push. */
function forcesPush(args: readonly string[]): boolean {
  if (hasShortOption(args, 'f') || options(args).some((a) => a === '--force' || a.startsWith('--force-with-lease'))) return true;
  return args.some((a, k) => a.startsWith('+') && a.length > 1 && !PUSH_VALUED.has(args[k - 1] ?? ''));
}

/** `-R`/`--recursive` (also in a cluster) with `/` among the operands, for chmod and chown. */
function recursiveOnRoot(args: readonly string[]): boolean {
  const recursive = hasShortOption(args, 'R') || options(args).includes('--recursive');
  return recursive && args.some((a) => /^\/+\*?$/.test(a));
}

interface FlagRule {
  /** The default deny pattern this rule widens; the rule applies while the deny list holds it. */
  pattern: string;
  /** The leading words, after git's global options. */
  lead: readonly string[];
  /** True when the arguments after the leading words are what the pattern stands for. */
  matches(args: readonly string[]): boolean;
}

// A user's pattern matches by leading words; these default ones also match with the flag anywhere after them.
const FLAG_RULES: readonly FlagRule[] = [
  { pattern: 'git push --force', lead: ['git', 'push'], matches: forcesPush },
  { pattern: 'git push -f', lead: ['git', 'push'], matches: forcesPush },
  { pattern: 'git reset --hard', lead: ['git', 'reset'], matches: (args) => options(args).includes('--hard') },
  { pattern: 'git clean -*f*', lead: ['git', 'clean'], matches: (args) => hasShortOption(args, 'f') || options(args).includes('--force') },
  { pattern: 'chmod -R 777 /', lead: ['chmod'], matches: (args) => recursiveOnRoot(args) && args.includes('777') },
  { pattern: 'chmod -R * /', lead: ['chmod'], matches: recursiveOnRoot },
  { pattern: 'chown -R * /', lead: ['chown'], matches: recursiveOnRoot },
];

/** The default pattern on the deny list that the command falls under with its flags in any order, if any. */
export function flagRuleMatch(deny: readonly string[], values: readonly string[]): string | undefined {
  const listed = new Set(deny.map((p) => patternWords(p).join(' ')));
  const named = [basename(values[0] ?? ''), ...values.slice(1)];
  const rule = FLAG_RULES.find(
    (r) => listed.has(r.pattern) && r.lead.every((w, k) => named[k] === w) && r.matches(named.slice(r.lead.length)),
  );
  return rule?.pattern;
}
