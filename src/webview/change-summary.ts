// The row under an answer that changed files: "1 file changed · src/app.ts +5 −0" with Undo and Review.
import type { ToolCallView } from '../core/protocol/chat-message';
import { lineCounts } from './approval-card';
import { el } from './dom';
import { fileLink } from './file-link';
import { send } from './host';

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
  if (perFile.size > maxFiles) files.push(` and ${perFile.size - maxFiles} more`);
  const changes = `${undoable} change${undoable === 1 ? '' : 's'}`;
  const undo = el('button', { type: 'button', class: 'text-button secondary undo', 'aria-label': `Undo ${changes}`, title: `Undo ${changes} (restores what this answer changed)` }, 'Undo');
  undo.addEventListener('click', () => send({ type: 'undoTurn', messageId }));
  const review = el('button', { type: 'button', class: 'text-button secondary review', title: 'Open the changes in a diff editor' }, 'Review');
  review.addEventListener('click', () => send({ type: 'reviewTurn', messageId }));
  return el(
    'div',
    { class: 'change-summary', role: 'group', 'aria-label': 'Changed files' },
    el('span', { class: 'codicon codicon-diff', 'aria-hidden': 'true' }),
    el('span', { class: 'change-files' }, `${count} file${count === 1 ? '' : 's'} changed`, ...files),
    el('span', { class: 'change-actions' }, undo, review),
  );
}
