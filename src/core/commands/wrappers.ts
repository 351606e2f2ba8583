// Knows the commands that run another command (wrappers, shells with -c, eval, find -exec) and finds the inner one.
import { basename } from './patterns';
import { wordValue, type ShellWord } from './shell-commands';

interface WrapperSpec {
  /** Options that take the next word as their value. */
  valued: string[];
  /** Positional words before the wrapped command (timeout's duration). */
  positional?: number;
}

const WRAPPERS: Record<string, WrapperSpec> = {
  env: { valued: ['-u', '--unset', '-C', '--chdir'] },
  nice: { valued: ['-n', '--adjustment'] },
  timeout: { valued: ['-s', '--signal', '-k', '--kill-after'], positional: 1 },
  nohup: { valued: [] },
  time: { valued: ['-f', '--format', '-o', '--output'] },
  command: { valued: [] },
  builtin: { valued: [] },
  exec: { valued: ['-a'] },
  setsid: { valued: [] },
  stdbuf: { valued: ['-i', '-o', '-e'] },
  ionice: { valued: ['-c', '-n', '-p'] },
  taskset: { valued: [], positional: 1 },
  chrt: { valued: [], positional: 1 },
  watch: { valued: ['-n', '--interval'] },
  xargs: { valued: ['-n', '-I', '-L', '-P', '-d', '-a', '-s', '-E', '--max-args', '--max-procs', '--delimiter', '--arg-file'] },
  sudo: { valued: ['-u', '-g', '-C', '-h', '-p', '-U', '-r', '-t', '-D'] },
  doas: { valued: ['-u', '-C'] },
  // `busybox rm -rf /` runs the applet named next, like a wrapper.
  busybox: { valued: [] },
};

// git's global options that take the next word as their value (`git -C dir push`).
const GIT_VALUED_OPTIONS = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix', '--attr-source']);

/** `git -C . -c k=v --no-pager push -f` as `git push -f`: the words with git's global options taken out. */
export function withoutGitOptions(values: readonly string[]): string[] {
  if (basename(values[0] ?? '') !== 'git') return [...values];
  let k = 1;
  while (k < values.length && (values[k] as string).startsWith('-')) {
    k += GIT_VALUED_OPTIONS.has(values[k] as string) ? 2 : 1;
  }
  return [values[0] as string, ...values.slice(k)];
}

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'fish', 'ash', 'busybox']);
const OTHER_INTERPRETERS = /^(python[\d.]*|perl|ruby|node|nodejs|php|deno|bun|lua|tclsh|osascript|pwsh)$/;
export const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'lynx', 'nc', 'ncat']);

/** True for programs that run the code they read: shells and script interpreters. */
export function isInterpreter(name: string): boolean {
  return SHELLS.has(name) || OTHER_INTERPRETERS.test(name);
}

export interface Unwrapped {
  /** The wrapper with its own options (`timeout 10`). */
  outer: ShellWord[];
  /** The command it runs (`npm test`); may be empty (`env` alone lists the environment). */
  inner: ShellWord[];
}

/** Splits `timeout 10 npm test` into the wrapper and the wrapped command; undefined for other commands. */
export function unwrap(words: readonly ShellWord[]): Unwrapped | undefined {
  const first = words[0];
  const spec = first && WRAPPERS[basename(wordValue(first))];
  if (!spec) return undefined;
  let k = 1;
  while (k < words.length) {
    const v = wordValue(words[k] as ShellWord);
    if (v === '--') {
      k++;
      break;
    }
    if (spec.valued.includes(v)) k += 2;
    else if ((v.startsWith('-') && v.length > 1) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) k++;
    else break;
  }
  k = Math.min(words.length, k + (k < words.length ? (spec.positional ?? 0) : 0));
  return { outer: words.slice(0, k), inner: words.slice(k) };
}

export interface ScriptArgument {
  outer: ShellWord[];
  script: ShellWord | undefined;
}

/** For `bash -c 'script'` (also `-lc`, `-ec`): the script word; undefined when the shell has no -c. */
export function shellScript(words: readonly ShellWord[]): ScriptArgument | undefined {
  const first = words[0];
  if (!first || !SHELLS.has(basename(wordValue(first)))) return undefined;
  const flag = words.findIndex((w, k) => k > 0 && /^-[A-Za-z]*c[A-Za-z]*$/.test(wordValue(w)));
  if (flag < 0) return undefined;
  const script = words.slice(flag + 1).find((w) => !wordValue(w).startsWith('-'));
  return { outer: words.slice(0, flag + 1), script };
}

/** For `find … -exec cmd {} ;`: each command it runs, and the find part before the first action. */
export function findActions(words: readonly ShellWord[]): { outer: ShellWord[]; inner: ShellWord[][] } | undefined {
  const first = words[0];
  if (!first || basename(wordValue(first)) !== 'find') return undefined;
  const isAction = (w: ShellWord): boolean => ['-exec', '-execdir', '-ok', '-okdir'].includes(wordValue(w));
  const start = words.findIndex(isAction);
  if (start < 0) return undefined;
  const inner: ShellWord[][] = [];
  let current: ShellWord[] | undefined;
  for (const w of words.slice(start)) {
    if (isAction(w)) inner.push((current = []));
    else if (current && (wordValue(w) === ';' || wordValue(w) === '+')) current = undefined;
    else current?.push(w);
  }
  return { outer: words.slice(0, start), inner };
}
