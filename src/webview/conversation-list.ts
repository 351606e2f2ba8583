// The list of past conversations: a search box, rows with the title and a relative date ("2 h ago");
// switch by clicking, and rename / export / delete on the row (shown on hover or keyboard focus).
import type { ConversationSummary } from '../core/protocol/messages';
import { button, el } from './dom';
import { send } from './host';

export class ConversationList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly search: HTMLInputElement;
  private items: ConversationSummary[] = [];
  private activeId = '';

  constructor() {
    this.list = el('ul', { class: 'conversation-items', 'aria-label': 'Conversations' });
    this.search = el('input', { type: 'search', class: 'conversation-search', placeholder: 'Search conversations', 'aria-label': 'Search conversations' });
    this.search.addEventListener('input', () => this.render());
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close();
      }
    });
    this.element = el('nav', { class: 'conversations', hidden: '', 'aria-label': 'Past conversations' }, this.search, this.list);
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  toggle(): void {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) {
      send({ type: 'listConversations' });
      this.search.focus();
    }
  }

  close(): void {
    this.element.hidden = true;
    this.search.value = '';
    document.querySelector<HTMLElement>('.composer .input')?.focus();
  }

  /** `open`: the view's History button asked for the list (it toggles, like the button it replaces). */
  show(items: ConversationSummary[], activeId: string, open = false): void {
    this.items = items;
    this.activeId = activeId;
    this.render();
    if (!open) return;
    if (this.open) return this.close();
    this.element.hidden = false;
    this.search.focus();
  }

  private render(): void {
    const query = this.search.value.trim().toLowerCase();
    const shown = query ? this.items.filter((c) => c.title.toLowerCase().includes(query)) : this.items;
    if (!shown.length) {
      this.list.replaceChildren(el('li', { class: 'empty' }, query ? 'No conversation matches.' : 'No conversations yet.'));
      return;
    }
    this.list.replaceChildren(...shown.map((c) => this.row(c)));
  }

  private row(c: ConversationSummary): HTMLElement {
    const when = new Date(c.updatedAt);
    const open = el('button', { type: 'button', class: 'conversation-open', title: `Open "${c.title}"` },
      el('span', { class: 'conversation-title' }, c.title),
      el('span', { class: 'conversation-meta' }, el('time', { datetime: when.toISOString(), title: when.toLocaleString() }, relativeTime(c.updatedAt)), ` · ${c.messageCount} messages`),
    );
    open.addEventListener('click', () => {
      send({ type: 'switchConversation', id: c.id });
      this.close();
    });
    const item = el('li', { class: c.id === this.activeId ? 'conversation active' : 'conversation', 'data-conversation-id': c.id }, open);
    if (c.id === this.activeId) item.setAttribute('aria-current', 'true');
    item.append(
      el('span', { class: 'row-actions' },
        button('Rename', 'edit', () => send({ type: 'renameConversation', id: c.id })),
        button('Export to Markdown', 'export', () => send({ type: 'exportConversation', id: c.id })),
        button('Delete', 'trash', () => send({ type: 'deleteConversation', id: c.id })),
      ),
    );
    return item;
  }
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", else the date. */
export function relativeTime(at: number, now = Date.now()): string {
  const minutes = Math.round((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Date(at).toLocaleDateString();
}
