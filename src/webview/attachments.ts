// The items attached to the message being written, shown as chips by the message box that read as typed
// (typed-reference.ts). Each chip has a remove button named for what it removes; additions and removals are
// announced to screen readers.
// The page only names items (kind, path, lines); the host reads their content when the message is sent.
import { attachmentKindName, attachmentLabel, maxAttachments, toRef, type AttachmentRef } from '../core/protocol/attachments';
import { el } from './dom';
import { typedReference } from './typed-reference';
import { localize, pageTranslate } from './localize';

/** The codicon of each kind, for these chips and a sent message's (sent-attachments.ts). */
export const attachmentIcons: Readonly<Record<AttachmentRef['kind'], string>> = { file: 'file', selection: 'selection', problems: 'warning', terminal: 'terminal' };

export class AttachmentChips {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly announcer: HTMLElement;
  private items: AttachmentRef[] = [];

  /** `focusAfterRemove`: where focus goes when a chip's button disappears (the message box). */
  constructor(private readonly focusAfterRemove: () => void) {
    this.list = el('ul', { class: 'attachment-chips', 'aria-label': localize('Attached context') });
    this.announcer = el('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.element = el('div', { class: 'attachments', hidden: '' }, this.list, this.announcer);
  }

  /** Adds an item (once: the same file or lines twice is one chip). */
  add(ref: AttachmentRef): void {
    const item = toRef(ref);
    const label = attachmentLabel(item, pageTranslate);
    if (this.items.some((i) => attachmentLabel(i, pageTranslate) === label && i.kind === item.kind)) return this.announce(localize('{0} is already attached', label));
    if (this.items.length >= maxAttachments) return this.announce(localize('At most {0} items can be attached to one message', maxAttachments));
    this.items.push(item);
    this.render();
    this.announce(localize('Attached {0}', label));
  }

  remove(index: number): void {
    const [gone] = this.items.splice(index, 1);
    this.render();
    if (gone) this.announce(localize('Removed {0}', attachmentLabel(gone, pageTranslate)));
    this.focusAfterRemove();
  }

  /** The `attachments` field of a `send` (nothing when there are none). */
  forSend(): { attachments?: AttachmentRef[] } {
    return this.items.length ? { attachments: this.items.map(toRef) } : {};
  }

  clear(): void {
    this.items = [];
    this.render();
  }

  private render(): void {
    this.element.hidden = this.items.length === 0;
    this.list.replaceChildren(
      ...this.items.map((item, index) => {
        const label = attachmentLabel(item, pageTranslate);
        const remove = el('button', { class: 'attachment-remove', type: 'button', 'aria-label': localize('Remove {0}', label), title: localize('Remove {0}', label) },
          el('span', { class: 'codicon codicon-close', 'aria-hidden': 'true' }));
        remove.addEventListener('click', () => this.remove(index));
        // Reads as typed, like a sent message's chips; the stored label names it in the tooltip and for screen readers.
        const named = `${attachmentKindName(item.kind, pageTranslate)}: ${label}`;
        return el('li', { class: `attachment-chip ${item.kind}`, 'data-kind': item.kind, title: named, 'aria-label': named },
          el('span', { class: `codicon codicon-${attachmentIcons[item.kind]}`, 'aria-hidden': 'true' }),
          typedReference(item, label),
          remove,
        );
      }),
    );
  }

  private announce(text: string): void {
    this.announcer.textContent = text;
  }
}
