// "@" in the message box opens a list of agents; typing filters it, arrows move, Enter or Tab
// inserts the name, Esc closes. The list is an ARIA listbox tied to the textarea.
import type { AgentInfo } from '../core/protocol/messages';
import { agentColor, avatar } from './agents';
import { el } from './dom';
import { localize } from './localize';

export class MentionCompletion {
  readonly element: HTMLElement;
  private agents: AgentInfo[] = [];
  private matches: AgentInfo[] = [];
  private active = 0;
  private start = -1;

  constructor(private readonly input: HTMLTextAreaElement) {
    this.element = el('ul', { class: 'mention-list', role: 'listbox', id: 'mention-list', 'aria-label': localize('Agents'), hidden: '' });
    input.setAttribute('aria-controls', 'mention-list');
    input.setAttribute('aria-autocomplete', 'list');
    input.addEventListener('input', () => this.update());
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  setAgents(agents: AgentInfo[]): void {
    this.agents = agents;
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /** Handles navigation keys while the list is open; returns true when it used the key. */
  onKey(e: KeyboardEvent): boolean {
    if (!this.open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.matches.length) % this.matches.length;
      this.render();
      return true;
    }
    if (e.key === 'Enter' || e.key === 'Tab') {
      this.accept(this.matches[this.active]);
      return true;
    }
    if (e.key === 'Escape') {
      this.close();
      return true;
    }
    return false;
  }

  private update(): void {
    const caret = this.input.selectionStart ?? 0;
    const before = this.input.value.slice(0, caret);
    const m = /(^|[\s(])@([\w-]*)$/.exec(before);
    if (!m) return this.close();
    const prefix = m[2]!.toLowerCase();
    this.start = caret - prefix.length - 1;
    this.matches = this.agents.filter((a) => a.name.toLowerCase().startsWith(prefix));
    if (!this.matches.length) return this.close();
    this.active = Math.min(this.active, this.matches.length - 1);
    this.element.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.render();
  }

  private render(): void {
    this.element.replaceChildren(
      ...this.matches.map((a, i) => {
        const item = el('li', { role: 'option', id: `mention-${a.name}`, 'aria-selected': String(i === this.active), class: i === this.active ? 'active' : '' },
          avatar(a.name),
          el('span', { class: 'mention-name', 'data-agent-color': agentColor(a.name) }, `@${a.name}`),
          el('span', { class: 'mention-description' }, a.description),
        );
        item.addEventListener('mousedown', (e) => {
          e.preventDefault();
          this.accept(a);
        });
        return item;
      }),
    );
    const current = this.matches[this.active];
    if (current) this.input.setAttribute('aria-activedescendant', `mention-${current.name}`);
  }

  private accept(agent: AgentInfo | undefined): void {
    if (!agent || this.start < 0) return this.close();
    const caret = this.input.selectionStart ?? this.input.value.length;
    const text = this.input.value;
    const inserted = `@${agent.name} `;
    this.input.value = text.slice(0, this.start) + inserted + text.slice(caret);
    const pos = this.start + inserted.length;
    this.input.setSelectionRange(pos, pos);
    this.input.dispatchEvent(new Event('input'));
    this.close();
  }

  close(): void {
    this.element.hidden = true;
    this.start = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
