// The editor's problems (compiler, linter and language-server diagnostics) as plain data, and the
// listing the model and `#problems` see: inside the workspace only, most severe first, capped.
import { displayPath, isInside } from './confine';
import type { ToolFileSystem } from './fs';
import { secretRule, type SecretPolicy } from './secrets';
import { clip } from './text';
import { defaultProblemLimits, type DiagnosticsSource, type Problem, type ProblemLimits, type ProblemSeverity } from './problem-source';

export type { DiagnosticsSource, Problem, ProblemLimits, ProblemSeverity } from './problem-source';
export { defaultProblemLimits } from './problem-source';

const rank: Readonly<Record<ProblemSeverity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

export interface ShownProblem extends Problem {
  /** As the model sees paths: workspace-relative. */
  shown: string;
}

/**
 * The problems of files inside the workspace (and inside `within`, an absolute file or folder, when
 * given), protected files left out (their messages can quote them), most severe first.
 */
export function workspaceProblems(fs: ToolFileSystem, source: DiagnosticsSource, secrets: SecretPolicy, within?: string): ShownProblem[] {
  const p = fs.path;
  const out: ShownProblem[] = [];
  for (const problem of source.problems()) {
    if (within !== undefined && !isInside(p, within, problem.path)) continue;
    const root = fs.roots.filter((r) => isInside(p, r.path, problem.path)).sort((a, b) => b.path.length - a.path.length)[0];
    if (!root) continue;
    const inRoot = p.relative(root.path, problem.path).split(p.sep).join('/');
    if (inRoot === '' || secretRule(inRoot, secrets) !== undefined) continue;
    out.push({ ...problem, shown: displayPath(fs, root, inRoot) });
  }
  return out.sort((a, b) => rank[a.severity] - rank[b.severity] || compare(a.shown, b.shown) || a.line - b.line || a.column - b.column);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ProblemListing {
  text: string;
  shown: number;
  total: number;
  counts: Readonly<Record<ProblemSeverity, number>>;
}

/** One line per problem ("src/app.ts:3:7 error [ts 2322] Type 'string'…"), within the limits, with a note of what was left out. */
export function formatProblems(problems: readonly ShownProblem[], limits: ProblemLimits = defaultProblemLimits): ProblemListing {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const p of problems) counts[p.severity]++;
  const lines: string[] = [];
  let used = 0;
  for (const p of problems) {
    if (lines.length >= limits.maxProblems) break;
    const origin = p.source ? ` [${p.source}${p.code ? ` ${p.code}` : ''}]` : p.code ? ` [${p.code}]` : '';
    const message = clip(p.message.replace(/\s*\n\s*/g, ' '), limits.maxMessageChars);
    const line = `${p.shown}:${p.line}:${p.column} ${p.severity}${origin} ${message}`;
    if (used + line.length + 1 > limits.maxChars && lines.length > 0) break;
    lines.push(line);
    used += line.length + 1;
  }
  const left = problems.length - lines.length;
  if (left > 0) lines.push(`[${left} more not shown (${summary(counts)} in all). Ask for one file or folder to see its problems.]`);
  return { text: lines.join('\n'), shown: problems.length - left, total: problems.length, counts };
}

/** "2 errors, 1 warning" (kinds with none left out); "no problems" when empty. */
export function summary(counts: Readonly<Record<ProblemSeverity, number>>): string {
  const parts = (Object.keys(rank) as ProblemSeverity[])
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s === 'information' ? 'info' : s}${counts[s] === 1 || s === 'information' ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'no problems';
}
