// The setup screen shown while no model provider can be used: what is missing and how to fix it.
// Steps come from the host as text; `quoted` spans in them are shown as code, never as backticks.
import type { SetupInfo } from '../core/protocol/messages';
import { el } from './dom';
import { send } from './host';

export class SetupView {
  readonly element = el('section', { class: 'setup', hidden: '', 'aria-label': 'Set up Agent Chat' });

  get shown(): boolean {
    return !this.element.hidden;
  }

  show(setup: SetupInfo | undefined): void {
    this.element.hidden = !setup;
    if (!setup) return this.element.replaceChildren();
    const setKey = el('button', { type: 'button', class: 'primary', id: 'setup-key' }, 'Set API Key');
    setKey.addEventListener('click', () => send({ type: 'command', command: 'setApiKey' }));
    this.element.replaceChildren(
      el('h2', {}, el('span', { class: 'codicon codicon-info', 'aria-hidden': 'true' }), setup.reason),
      el('ol', {}, ...setup.steps.map((s) => el('li', {}, ...withCode(s)))),
      el('div', { class: 'setup-actions' }, setKey),
    );
  }
}

/** Text with `code` spans as <code> elements (text nodes only: nothing here is HTML). */
function withCode(text: string): (string | Node)[] {
  return text.split(/(`[^`\n]+`)/).map((part) => (/^`[^`]+`$/.test(part) ? el('code', {}, part.slice(1, -1)) : part));
}
