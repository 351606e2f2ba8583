// The welcome shown while no model provider can be used: an icon and title, then one button per way in
// (an Anthropic key, an OpenAI key, a local Ollama, saying whether one answered), and the other ways as
// text. Steps come from the host; `quoted` spans in them are shown as code, never as backticks.
// Other ways in (a model VS Code provides) add a button to `.setup-actions` with `addAction`.
import type { SetupInfo } from '../core/protocol/messages';
import { el } from './dom';
import { send } from './host';

export class SetupView {
  readonly element = el('section', { class: 'setup welcome', hidden: '', 'aria-label': 'Welcome to Agent Chat' });

  get shown(): boolean {
    return !this.element.hidden;
  }

  show(setup: SetupInfo | undefined): void {
    this.element.hidden = !setup;
    if (!setup) return this.element.replaceChildren();
    const ollama = setup.ollama;
    const actions = el(
      'div',
      { class: 'setup-actions' },
      action('key', 'Anthropic key', 'Claude models; kept in VS Code\'s secret storage', () => send({ type: 'setApiKey', provider: 'anthropic' }), 'setup-key'),
      action('key', 'OpenAI key', 'GPT models, or a compatible server', () => send({ type: 'setApiKey', provider: 'openai' })),
      action('server-environment', 'Use Ollama', ollama ? (ollama.found ? `Found at ${ollama.host}` : `Not running at ${ollama.host}`) : 'A local model server', () => send({ type: 'command', command: 'useOllama' })),
    );
    this.element.replaceChildren(
      el('span', { class: 'codicon codicon-hubot welcome-icon', 'aria-hidden': 'true' }),
      el('h2', {}, 'Welcome to Agent Chat'),
      el('p', { class: 'welcome-text' }, `${setup.reason} Choose how the agents reach a model:`),
      actions,
      el('details', { class: 'setup-more' }, el('summary', {}, 'Other ways'), el('ol', {}, ...setup.steps.map((s) => el('li', {}, ...withCode(s))))),
    );
  }

  /** Another way in, as a button like the others (kept until the screen is shown again). */
  addAction(icon: string, label: string, detail: string, onClick: () => void): void {
    this.element.querySelector('.setup-actions')?.append(action(icon, label, detail, onClick));
  }
}

function action(icon: string, label: string, detail: string, onClick: () => void, id?: string): HTMLButtonElement {
  const b = el(
    'button',
    { type: 'button', class: 'setup-action', ...(id ? { id } : {}) },
    el('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }),
    el('span', { class: 'setup-action-text' }, el('span', { class: 'setup-action-label' }, label), el('span', { class: 'setup-action-detail' }, detail)),
  );
  b.addEventListener('click', onClick);
  return b;
}

/** Text with `code` spans as <code> elements (text nodes only: nothing here is HTML). */
function withCode(text: string): (string | Node)[] {
  return text.split(/(`[^`\n]+`)/).map((part) => (/^`[^`]+`$/.test(part) ? el('code', {}, part.slice(1, -1)) : part));
}
