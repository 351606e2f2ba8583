// The words of the one-line tool summaries the user sees in the chat, in their language (the content the model
// reads is made beside them and stays English).
import { inEnglish, type Translate } from '../protocol/translate';
import type { PathRefusal } from './confine';
import type { ProblemSeverity } from './problem-source';
import type { ToolContext } from './types';

/** The translator the tools were given (vscode.l10n.t on the host), or the English. */
export function shownIn(ctx: Pick<ToolContext, 't'>): Translate {
  return ctx.t ?? inEnglish;
}

/** "1 file", "3 files", "100+ files": whole phrases, as languages count differently. */
export function filesCount(n: number, more: boolean, t: Translate): string {
  if (more) return t('{0}+ files', n);
  return n === 1 ? t('1 file') : t('{0} files', n);
}

export function linesCount(n: number, t: Translate): string {
  return n === 1 ? t('1 line') : t('{0} lines', n);
}

export function matchesCount(n: number, more: boolean, t: Translate): string {
  if (more) return t('{0}+ matches', n);
  return n === 1 ? t('1 match') : t('{0} matches', n);
}

/** "2 errors, 1 warning" for the user (kinds with none left out), as diagnostics.ts's `summary` says it to the model. */
export function problemCounts(counts: Readonly<Record<ProblemSeverity, number>>, t: Translate): string {
  const one: Record<ProblemSeverity, (n: number) => string> = {
    error: (n) => (n === 1 ? t('1 error') : t('{0} errors', n)),
    warning: (n) => (n === 1 ? t('1 warning') : t('{0} warnings', n)),
    information: (n) => t('{0} info', n),
    hint: (n) => (n === 1 ? t('1 hint') : t('{0} hints', n)),
  };
  const parts = (['error', 'warning', 'information', 'hint'] as const).filter((s) => counts[s] > 0).map((s) => one[s](counts[s]));
  return parts.length ? parts.join(', ') : t('no problems');
}

/** Why a path was refused, for the user (the model reads the longer English with what to do instead). */
export function refusalShown({ refusal, rule }: { refusal: PathRefusal; rule?: string }, path: string, t: Translate): string {
  switch (refusal) {
    case 'form':
      return t('{0} is not a path that can be used', path);
    case 'no-folder':
      return t('no folder is open');
    case 'outside':
      return t('{0} is outside the workspace', path);
    case 'which-folder':
      return t('{0} does not name a workspace folder', path);
    case 'unresolved':
      return t('{0} cannot be resolved', path);
    case 'protected':
      return rule ? t("{0} is a protected file (matches '{1}')", path, rule) : t('{0} is a protected file', path);
  }
}
