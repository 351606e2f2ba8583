// Command patterns (leading words, `*` as a wildcard) and the default list of commands that never run.

/** Patterns of commands that never run, approved or not; the rules in deny-rules.ts cover what words cannot. */
export const DEFAULT_DENY_PATTERNS: readonly string[] = [
  'sudo',
  'su',
  'doas',
  'pkexec',
  'mkfs*',
  'dd',
  'shutdown',
  'reboot',
  'halt',
  'poweroff',
  'init 0',
  'init 6',
  'git push --force',
  'git push -f',
  'git reset --hard',
  'git clean -*f*',
  'chmod -R 777 /',
  'chmod -R * /',
  'chown -R * /',
];

const cache = new Map<string, RegExp>();

function wordRegExp(patternWord: string): RegExp {
  let re = cache.get(patternWord);
  if (!re) {
    const body = patternWord.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
    re = new RegExp(`^${body}$`, 's');
    cache.set(patternWord, re);
  }
  return re;
}

/** Splits a pattern into its words; an empty pattern matches nothing. */
export function patternWords(pattern: string): string[] {
  return pattern.trim().split(/\s+/).filter((w) => w.length > 0);
}

/** True when the pattern's words match the command's leading words (`npm test` matches `npm test -- x`). */
export function matchesPattern(pattern: string, words: readonly string[]): boolean {
  const p = patternWords(pattern);
  if (p.length === 0 || p.length > words.length) return false;
  return p.every((pw, k) => wordRegExp(pw).test(words[k] as string));
}

/** The first pattern that matches, if any. */
export function firstMatch(patterns: readonly string[], words: readonly string[]): string | undefined {
  return patterns.find((p) => matchesPattern(p, words));
}

/** `/usr/bin/rm` is judged as `rm` too, so a path cannot step around a name on the deny list. */
export function basename(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}
