// Fuzzy file matching for `#file`: the query's characters in order anywhere in the path, ranked so that
// matches in the file name, at word starts and in one run come first (as in VS Code's Quick Open).

/** The `limit` best paths for `query` (all paths, shortest first, for an empty query). */
export function fuzzyFiles(paths: readonly string[], query: string, limit: number): string[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return [...paths].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, limit);
  const scored: { path: string; score: number }[] = [];
  for (const path of paths) {
    const score = fuzzyScore(path, q);
    if (score !== undefined) scored.push({ path, score });
  }
  scored.sort((a, b) => b.score - a.score || a.path.length - b.path.length || (a.path < b.path ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.path);
}

/** Higher is better; undefined when `q` (lower case) is not a subsequence of `path`. */
export function fuzzyScore(path: string, q: string): number | undefined {
  const lower = path.toLowerCase();
  const nameStart = lower.lastIndexOf('/') + 1;
  // Prefer the match that starts latest (in the file name) when the whole query fits there.
  const inName = subsequence(lower, q, nameStart);
  const positions = inName ?? subsequence(lower, q, 0);
  if (!positions) return undefined;
  let score = inName ? 50 : 0;
  for (let k = 0; k < positions.length; k++) {
    const at = positions[k] as number;
    if (k > 0 && at === (positions[k - 1] as number) + 1) score += 8;
    if (at === 0 || '/._- '.includes(lower[at - 1] as string)) score += 6;
    if (path[at] !== lower[at]) score += 2; // An upper-case letter, a camelCase word start.
  }
  if (lower.slice(nameStart).startsWith(q)) score += 30;
  return score - path.length / 100;
}

function subsequence(text: string, q: string, from: number): number[] | undefined {
  const out: number[] = [];
  let at = from;
  for (const ch of q) {
    at = text.indexOf(ch, at);
    if (at < 0) return undefined;
    out.push(at++);
  }
  return out;
}
