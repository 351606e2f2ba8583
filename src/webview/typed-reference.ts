// How an attached item reads on a chip: as the reference typed in the message box (`#file:src/app.ts`,
// `#selection src/app.ts:3-7`, `#problems`, `#terminal`), the same before and after the message is sent.
import type { AttachmentRef } from '../core/protocol/attachments';
import { el } from './dom';

/**
 * The chip's text for `item`. It follows from the kind and path alone, so questions stored before chips read
 * this way (and items added from the context menus) look the same. A selection also names its lines (`label`,
 * as the chat stores it), since two selections of one message would otherwise look alike.
 */
export function typedReference(item: AttachmentRef, label: string): HTMLElement {
  switch (item.kind) {
    case 'file':
      return el('span', { class: 'attachment-label' }, `#file:${item.path ?? label}`);
    case 'selection':
      return el('span', { class: 'attachment-label' }, '#selection ', el('span', { class: 'attachment-where' }, label));
    case 'problems':
    case 'terminal':
      return el('span', { class: 'attachment-label' }, `#${item.kind}`);
  }
}
