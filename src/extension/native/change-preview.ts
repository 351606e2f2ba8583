// A proposed file change as VS Code's confirmation shows it: the summary and a compact diff.
import * as vscode from 'vscode';
import type { ProposedChange } from '../../core/tools/types';

const maxDiffLines = 80;

export function confirmationFor(change: ProposedChange): vscode.LanguageModelToolConfirmationMessages {
  const message = new vscode.MarkdownString();
  message.appendText(`${change.summary}\n\n`);
  const diff = compactDiff(change.before ?? '', change.after ?? '');
  if (diff) message.appendCodeblock(diff, 'diff');
  return { title: vscode.l10n.t('Apply this change to {0}?', change.path), message };
}

/** The lines that differ between the two texts (common start and end left out), as -/+ lines. */
export function compactDiff(before: string, after: string): string {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const lines = [`@@ line ${start + 1} @@`, ...a.slice(start, endA).map((l) => `- ${l}`), ...b.slice(start, endB).map((l) => `+ ${l}`)];
  if (lines.length === 1) return '';
  const cut = lines.length - maxDiffLines;
  return cut > 0 ? [...lines.slice(0, maxDiffLines), vscode.l10n.t('… {0} more lines', cut)].join('\n') : lines.join('\n');
}
