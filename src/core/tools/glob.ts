// A small glob-to-RegExp translator (no dependency): `**`, `*`, `?`, `{a,b}`, `[abc]`, `[!abc]`, `\x`.
// Paths are matched with '/' separators.

const special = /[.+^$()|\\/]/;

export function globToRegExp(glob: string, options: { caseInsensitive?: boolean } = {}): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      let j = i;
      while (glob[j + 1] === '*') j++;
      const double = j > i;
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      const next = glob[j + 1];
      i = j;
      if (double && atSegmentStart && next === '/') {
        out += '(?:.*/)?'; // `**/` also matches zero directories
        i++;
      } else if (double && atSegmentStart && next === undefined) {
        out += '.*';
      } else {
        out += double ? '.*' : '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '{') {
      depth++;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (c === ',' && depth > 0) {
      out += '|';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < glob.length) {
      i++;
      out += escape(glob[i] as string);
    } else {
      out += escape(c);
    }
  }
  if (depth > 0) throw new Error(`unbalanced '{' in glob '${glob}'`);
  return new RegExp(`^${out}$`, options.caseInsensitive ? 'i' : '');
}

function escape(c: string): string {
  return special.test(c) || c === '[' || c === ']' || c === '{' || c === '}' ? `\\${c}` : c;
}

/**
 * A matcher for workspace-relative paths. A glob without '/' matches the file name at any depth
 * (as in .gitignore), because models write `*.ts` meaning "all TypeScript files".
 */
export function pathMatcher(glob: string, options: { caseInsensitive?: boolean } = {}): (relative: string) => boolean {
  const cleaned = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  const re = globToRegExp(cleaned, options);
  if (cleaned.includes('/')) return (rel) => re.test(rel);
  return (rel) => re.test(rel.slice(rel.lastIndexOf('/') + 1));
}
