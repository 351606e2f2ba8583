// The list of past conversations: switch by clicking, rename / delete / export per row.
import type { ConversationSummary } from '../core/protocol/messages';
import { button, el } from './dom';
import { send } from './host';

export class ConversationList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor() {
    this.list = el('ul', { class: 'conversation-items', 'aria-label': 'Conversations' });
    this.element = el('nav', { class: 'conversations', hidden: '', 'aria-label': 'Past conversations' }, this.list);
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  toggle(): void {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) send({ type: 'listConversations' });
  }

  close(): void {
    this.element.hidden = true;
  }

  show(items: ConversationSummary[], activeId: string): void {
    if (!items.length) {
      this.list.replaceChildren(el('li', { class: 'empty' }, 'No conversations yet.'));
      return;
    }
    this.list.replaceChildren(
      ...items.map((c) => {
        const open = el('button', { type: 'button', class: 'conversation-open', title: `Open "${c.title}"` },
          el('span', { class: 'conversation-title' }, c.title),
          el('span', { class: 'conversation-meta' }, `${new Date(c.updatedAt).toLocaleString()} · ${c.messageCount} messages`),
        );
        open.addEventListener('click', () => {
          send({ type: 'switchConversation', id: c.id });
          this.close();
        });
        const item = el('li', { class: c.id === activeId ? 'conversation active' : 'conversation', 'data-conversation-id': c.id }, open);
        if (c.id === activeId) item.setAttribute('aria-current', 'true');
        item.append(
          button('Rename', 'edit', () => send({ type: 'renameConversation', id: c.id })),
          button('Export to Markdown', 'export', () => send({ type: 'exportConversation', id: c.id })),
          button('Delete', 'trash', () => send({ type: 'deleteConversation', id: c.id })),
        );
        return item;
      }),
    );
  }
}
