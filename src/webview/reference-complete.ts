// "#" in the message box offers context to attach: #file (then a fuzzy search of the workspace's files,
// answered by the host), #selection, #problems and #terminal. Arrows move, Enter or Tab picks, Esc
// closes; the list is an ARIA listbox tied to the textarea like the @ list. A pick removes the typed
// reference from the text and adds a chip.
import type { AttachmentKind } from '../core/protocol/attachments';
import { el } from './dom';
import { send } from './host';
import type { AttachmentChips } from './attachments';
import { localize } from './localize';

interface Choice {
  /** What the option shows. */
  name: string;
  description: string;
  pick(): void;
}

const kinds: readonly { kind: AttachmentKind; description: string }[] = [
  { kind: 'file', description: localize('A file of the workspace') },
  { kind: 'selection', description: localize("The editor's selected lines") },
  { kind: 'problems', description: localize('Errors and warnings from the Problems panel') },
  { kind: 'terminal', description: localize("The last terminal command's output") },
];

const listId = 'reference-list';

export class ReferenceCompletion {
  readonly element: HTMLElement;
  private choices: Choice[] = [];
  private active = 0;
  /** Where the typed `#…` starts, and the file query waiting for the host's answer. */
  private start = -1;
  private fileQuery: string | undefined;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly chips: AttachmentChips,
  ) {
    this.element = el('ul', { class: 'mention-list reference-list', role: 'listbox', id: listId, 'aria-label': localize('Context to attach'), hidden: '' });
    const controls = input.getAttribute('aria-controls');
    input.setAttribute('aria-controls', controls ? `${controls} ${listId}` : listId);
    input.addEventListener('input', () => this.update());
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /** Handles navigation keys while the list is open; returns true when it used the key. */
  onKey(e: KeyboardEvent): boolean {
    if (!this.open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.choices.length) % this.choices.length;
      this.render();
      return true;
    }
    if (e.key === 'Enter' || e.key === 'Tab') {
      this.choices[this.active]?.pick();
      return true;
    }
    if (e.key === 'Escape') {
      this.close();
      return true;
    }
    return false;
  }

  /** The host's answer to a file search; an answer to an older query is ignored. */
  showFiles(query: string, paths: readonly string[]): void {
    if (query !== this.fileQuery || this.start < 0) return;
    this.show(paths.map((path) => ({ name: path, description: '', pick: () => this.attach({ kind: 'file', path }) })));
  }

  private update(): void {
    const caret = this.input.selectionStart ?? 0;
    const m = /(^|\s)#([a-z]*)(?::(\S*))?$/i.exec(this.input.value.slice(0, caret));
    if (!m) return this.close();
    this.start = caret - m[0].length + m[1]!.length;
    const word = m[2]!.toLowerCase();
    if (m[3] !== undefined && word === 'file') {
      // Earlier file matches stay until the host answers this query (showFiles); the kinds do not.
      if (this.fileQuery === undefined) this.hide();
      this.fileQuery = m[3];
      send({ type: 'searchFiles', query: m[3] });
      return;
    }
    this.fileQuery = undefined;
    if (m[3] !== undefined) return this.close();
    this.show(kinds.filter((k) => k.kind.startsWith(word)).map((k) => ({ name: `#${k.kind}`, description: k.description, pick: () => this.pickKind(k.kind) })));
  }

  private pickKind(kind: AttachmentKind): void {
    if (kind === 'file') return this.replaceTyped('#file:');
    this.replaceTyped('');
    if (kind === 'selection') send({ type: 'attachSelection' });
    else this.chips.add({ kind });
    this.close();
  }

  private attach(ref: { kind: 'file'; path: string }): void {
    this.replaceTyped('');
    this.chips.add(ref);
    this.close();
  }

  /** Replaces the typed `#…` with `text` and fires `input`, so the list follows (and the draft is saved). */
  private replaceTyped(text: string): void {
    if (this.start < 0) return;
    const caret = this.input.selectionStart ?? this.input.value.length;
    const value = this.input.value;
    this.input.value = value.slice(0, this.start) + text + value.slice(caret);
    const pos = this.start + text.length;
    this.input.setSelectionRange(pos, pos);
    this.input.dispatchEvent(new Event('input'));
  }

  private show(choices: Choice[]): void {
    this.choices = choices;
    if (!choices.length) return this.hide();
    this.active = Math.min(this.active, choices.length - 1);
    this.element.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.render();
  }

  private render(): void {
    this.element.replaceChildren(
      ...this.choices.map((c, i) => {
        const item = el('li', { role: 'option', id: `reference-${i}`, 'aria-selected': String(i === this.active), class: i === this.active ? 'active' : '' },
          el('span', { class: 'mention-name' }, c.name),
          el('span', { class: 'mention-description' }, c.description),
        );
        item.addEventListener('mousedown', (e) => {
          e.preventDefault();
          c.pick();
        });
        return item;
      }),
    );
    this.input.setAttribute('aria-activedescendant', `reference-${this.active}`);
  }

  close(): void {
    this.start = -1;
    this.fileQuery = undefined;
    this.hide();
  }

  /** Hides the list, keeping the typed reference (a file search may still answer). */
  private hide(): void {
    // Only when open: the @ list shares the textarea's aria-expanded and aria-activedescendant.
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.active = 0;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
