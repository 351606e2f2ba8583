// The welcome shown while no model provider can be used: an icon and title, then one button per way in
// (an Anthropic key, an OpenAI key, a local Ollama, saying whether one answered, and a model VS Code already
// has when it has any), a link to the walkthrough, and the other ways as text. Steps come from the host;
// `quoted` spans in them are shown as code, never as backticks.
import type { SetupInfo } from '../core/protocol/messages';
import { el } from './dom';
import { send } from './host';
import { localize } from './localize';

export class SetupView {
  readonly element = el('section', { class: 'setup welcome', hidden: '', 'aria-label': localize('Welcome to Agent Chat') });

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
      action('key', localize('Anthropic key'), localize("Claude models; kept in VS Code's secret storage"), () => send({ type: 'setApiKey', provider: 'anthropic' }), 'setup-key'),
      action('key', localize('OpenAI key'), localize('GPT models, or a compatible server'), () => send({ type: 'setApiKey', provider: 'openai' })),
      action('server-environment', localize('Use Ollama'), ollama ? (ollama.found ? localize('Found at {0}', ollama.host) : localize('Not running at {0}', ollama.host)) : localize('A local model server'), () => send({ type: 'command', command: 'useOllama' })),
      ...vscodeModelAction(setup.vscodeModels ?? 0),
    );
    this.element.replaceChildren(
      el('span', { class: 'codicon codicon-hubot welcome-icon', 'aria-hidden': 'true' }),
      el('h2', {}, localize('Welcome to Agent Chat')),
      el('p', { class: 'welcome-text' }, localize('{0} Choose how the agents reach a model:', setup.reason)),
      actions,
      walkthroughLink(),
      el('details', { class: 'setup-more' }, el('summary', {}, localize('Other ways')), el('ol', {}, ...setup.steps.map((s) => el('li', {}, ...withCode(s))))),
    );
  }
}

/** VS Code's own models (another extension's, such as Copilot's) as a way in, only when there are some: never picked silently. */
function vscodeModelAction(count: number): HTMLButtonElement[] {
  if (count <= 0) return [];
  const detail = localize('{0} available · plans that count requests count each tool round', count);
  return [action('vscode', localize('Use a model from VS Code'), detail, () => send({ type: 'command', command: 'useVscodeModel' }))];
}

/** A link (it opens a page, it changes nothing) to the walkthrough of the ways in. */
function walkthroughLink(): HTMLElement {
  const link = el('a', { href: '#', class: 'setup-walkthrough' }, localize('Get started with a short walkthrough'));
  link.addEventListener('click', (e) => {
    e.preventDefault();
    send({ type: 'command', command: 'openWalkthrough' });
  });
  return el('p', { class: 'setup-walkthrough-line' }, localize('New here? '), link);
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
