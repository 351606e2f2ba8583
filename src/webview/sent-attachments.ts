// The context a sent message carried (files, a selection, problems, terminal output) as chips under its text.
// Each chip reads as the reference the user typed (`#file:src/app.ts`, `#selection`, `#problems`, `#terminal`),
// with the stored label in its tooltip and accessible name; what was attached is never rendered. A file or a
// selection opens in the editor (at its first line) when its chip is clicked.
import { attachmentKindName, type AttachmentRecord } from '../core/protocol/attachments';
import { attachmentIcons } from './attachments';
import { el } from './dom';
import { send } from './host';
import { typedReference } from './typed-reference';
import { localize, pageTranslate } from './localize';

/** The chips of `items`, or nothing to add when the message carried none. */
export function sentAttachments(items: readonly AttachmentRecord[] | undefined): HTMLElement | '' {
  if (!items?.length) return '';
  return el('ul', { class: 'attachment-chips sent-attachments', 'aria-label': localize('Context sent with this message') }, ...items.map(sentChip));
}

function sentChip(item: AttachmentRecord): HTMLElement {
  const kind = attachmentKindName(item.kind, pageTranslate);
  const parts = [el('span', { class: `codicon codicon-${attachmentIcons[item.kind]}`, 'aria-hidden': 'true' }), typedReference(item, item.label)];
  const chip = el('li', { class: `attachment-chip sent ${item.kind}`, 'data-kind': item.kind });
  const path = item.kind === 'file' || item.kind === 'selection' ? item.path : undefined;
  if (!path) {
    const named = `${kind}: ${item.label}`;
    chip.append(el('span', { class: 'attachment-sent-item', title: withNote(named, item.shownNote ?? item.note), 'aria-label': named }, ...parts));
    return chip;
  }
  const named = item.kind === 'file' ? localize('Open file {0}', item.label) : localize('Open selection {0}', item.label);
  const open = el('button', { type: 'button', class: 'attachment-open', title: withNote(named, item.shownNote ?? item.note), 'aria-label': named }, ...parts);
  const line = item.kind === 'selection' ? item.range?.startLine : undefined;
  open.addEventListener('click', () => send({ type: 'openFile', path, ...(line ? { line } : {}) }));
  chip.append(open);
  return chip;
}

/** The tooltip also says what was left out, or why nothing was attached. */
function withNote(text: string, note: string | undefined): string {
  return note ? `${text} (${note})` : text;
}
