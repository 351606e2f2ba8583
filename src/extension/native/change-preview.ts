// A proposed file change as VS Code's confirmation shows it: the summary and a compact diff.
import * as vscode from 'vscode';
import type { ProposedChange } from '../../core/tools/types';
import { compactDiff } from './compact-diff';

export function confirmationFor(change: ProposedChange): vscode.LanguageModelToolConfirmationMessages {
  const message = new vscode.MarkdownString();
  message.appendText(`${change.shown ?? change.summary}\n\n`);
  const diff = compactDiff(change.before ?? '', change.after ?? '', (cut) => vscode.l10n.t('… {0} more lines', cut));
  if (diff) message.appendCodeblock(diff, 'diff');
  return { title: vscode.l10n.t('Apply this change to {0}?', change.path), message };
}
