// Deny rules that word patterns cannot express: recursive rm of a root or home, downloads fed to a shell, fork bombs.
import { basename } from './patterns';
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

/** `/`, `/*`, `~`, `.`, `*`, or a top-level folder such as `/usr`: targets a recursive delete must never get. */
function isSweepingTarget(value: string): boolean {
  const v = unquote(value).replace(/\/+$/, '') || '/';
  return /^(\/|~|\.|\.\.|\*|\/\*|~\/\*|\.\/\*|\/[^/]+|\/[^/]+\/\*)$/.test(v);
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
