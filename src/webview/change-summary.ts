// The row under an answer that changed files: "1 file changed · src/app.ts +5 −0" with Undo and Review.
import type { ToolCallView } from '../core/protocol/chat-message';
import { lineCounts } from './approval-card';
import { el } from './dom';
import { fileLink } from './file-link';
import { send } from './host';
import { localize } from './localize';

/** Shown files before "and N more". */
const maxFiles = 3;

/** `calls`: the turn's tool calls (every round); `undoable`: the changes Undo can still restore. */
export function changeSummary(calls: readonly ToolCallView[], undoable: number, messageId: string): HTMLElement {
  const perFile = new Map<string, { added: number; removed: number }>();
  for (const c of calls) {
    if (c.status !== 'done' || !c.diffStat) continue;
    const seen = perFile.get(c.diffStat.path) ?? { added: 0, removed: 0 };
    perFile.set(c.diffStat.path, { added: seen.added + c.diffStat.added, removed: seen.removed + c.diffStat.removed });
  }
  const count = perFile.size || undoable;
  const files: (string | Node)[] = [];
  for (const [path, stat] of [...perFile].slice(0, maxFiles)) files.push(files.length ? ', ' : ' · ', fileLink(path), ' ', ...lineCounts(stat));
  if (perFile.size > maxFiles) files.push(localize(' and {0} more', perFile.size - maxFiles));
  const changes = undoable === 1 ? localize('1 change') : localize('{0} changes', undoable);
  const undo = el('button', { type: 'button', class: 'text-button secondary undo', 'aria-label': localize('Undo {0}', changes), title: localize('Undo {0} (restores what this answer changed)', changes) }, localize('Undo'));
  undo.addEventListener('click', () => send({ type: 'undoTurn', messageId }));
  const review = el('button', { type: 'button', class: 'text-button secondary review', title: localize('Open the changes in a diff editor') }, localize('Review'));
  review.addEventListener('click', () => send({ type: 'reviewTurn', messageId }));
  return el(
    'div',
    { class: 'change-summary', role: 'group', 'aria-label': localize('Changed files') },
    el('span', { class: 'codicon codicon-diff', 'aria-hidden': 'true' }),
    el('span', { class: 'change-files' }, count === 1 ? localize('1 file changed') : localize('{0} files changed', count), ...files),
    el('span', { class: 'change-actions' }, undo, review),
  );
}
