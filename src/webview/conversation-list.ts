// The list of past conversations: a search box, rows with the title and a relative date ("2 h ago");
// switch by clicking, and rename / export / delete on the row (shown on hover or keyboard focus).
import type { ConversationSummary } from '../core/protocol/messages';
import { button, el } from './dom';
import { send } from './host';
import { localize } from './localize';

export class ConversationList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly search: HTMLInputElement;
  private items: ConversationSummary[] = [];
  private activeId = '';

  constructor() {
    this.list = el('ul', { class: 'conversation-items', 'aria-label': localize('Conversations') });
    this.search = el('input', { type: 'search', class: 'conversation-search', placeholder: localize('Search conversations'), 'aria-label': localize('Search conversations') });
    this.search.addEventListener('input', () => this.render());
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close();
      }
    });
    this.element = el('nav', { class: 'conversations', hidden: '', 'aria-label': localize('Past conversations') }, this.search, this.list);
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  close(): void {
    this.element.hidden = true;
    this.search.value = '';
    // Not kept while hidden: the next opening builds the rows from the newest list (and "5 min ago" from now).
    this.list.replaceChildren();
    document.querySelector<HTMLElement>('.composer .input')?.focus();
  }

  /**
   * `open`: the view's History button asked for the list (it toggles, like the button it replaces).
   * The rows are built only while the list shows: the host sends the list whenever a title changes (a new
   * conversation's first question), and building hundreds of hidden rows then would sit in that answer's way.
   */
  show(items: ConversationSummary[], activeId: string, open = false): void {
    this.items = items;
    this.activeId = activeId;
    if (open && this.open) return this.close();
    if (!open && !this.open) return;
    this.render();
    if (!open) return;
    this.element.hidden = false;
    this.search.focus();
  }

  private render(): void {
    const query = this.search.value.trim().toLowerCase();
    const shown = query ? this.items.filter((c) => c.title.toLowerCase().includes(query)) : this.items;
    if (!shown.length) {
      this.list.replaceChildren(el('li', { class: 'empty' }, query ? localize('No conversation matches.') : localize('No conversations yet.')));
      return;
    }
    this.list.replaceChildren(...shown.map((c) => this.row(c)));
  }

  private row(c: ConversationSummary): HTMLElement {
    const when = new Date(c.updatedAt);
    const open = el('button', { type: 'button', class: 'conversation-open', title: localize('Open "{0}"', c.title) },
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
        button(localize('Rename'), 'edit', () => send({ type: 'renameConversation', id: c.id })),
        button(localize('Export to Markdown'), 'export', () => send({ type: 'exportConversation', id: c.id })),
        button(localize('Delete'), 'trash', () => send({ type: 'deleteConversation', id: c.id })),
      ),
    );
    return item;
  }
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", else the date. */
export function relativeTime(at: number, now = Date.now()): string {
  const minutes = Math.round((now - at) / 60_000);
  if (minutes < 1) return localize('just now');
  if (minutes < 60) return localize('{0} min ago', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return localize('{0} h ago', hours);
  const days = Math.round(hours / 24);
  if (days === 1) return localize('yesterday');
  if (days < 7) return localize('{0} days ago', days);
  return new Date(at).toLocaleDateString();
}
