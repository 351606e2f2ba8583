// The empty chat once a model is ready: the five agents (avatar, name, what each is for) and a few
// example prompts; clicking one puts it in the message box to edit or send.
import type { AgentInfo } from '../core/protocol/messages';
import { agentName, avatar } from './agents';
import { el } from './dom';
import { localize } from './localize';

const examples = [
  localize('Explain how this workspace is organised'),
  localize('@qa Write tests for the file I have open'),
  localize('@backend Review the error handling in src'),
  localize('@devops Add a CI workflow that runs the tests'),
];

export class EmptyChat {
  readonly element = el('section', { class: 'empty-chat', 'aria-label': localize('Start a conversation'), hidden: '' });

  constructor(private readonly fill: (text: string) => void) {}

  setAgents(agents: readonly AgentInfo[]): void {
    const prompts = examples.filter((e) => !e.startsWith('@') || agents.some((a) => e.startsWith(`@${a.name} `)));
    this.element.replaceChildren(
      el('h2', {}, localize('Ask the team')),
      el('p', { class: 'empty-chat-text' }, localize('Type a message, or @ to choose who answers. Changes to files wait for your approval.')),
      el('ul', { class: 'agent-intros', 'aria-label': localize('Agents') },
        ...agents.map((a) => el('li', {}, avatar(a.name), el('span', { class: 'agent-intro-text' }, agentName(a.name), el('span', { class: 'agent-intro-description' }, a.description)))),
      ),
      el('div', { class: 'example-prompts', role: 'group', 'aria-label': localize('Example prompts') }, ...prompts.map((p) => this.example(p))),
    );
  }

  show(shown: boolean): void {
    this.element.hidden = !shown;
  }

  private example(text: string): HTMLButtonElement {
    const b = el('button', { type: 'button', class: 'example-prompt', title: localize('Put this in the message box') }, el('span', { class: 'codicon codicon-comment', 'aria-hidden': 'true' }), text);
    b.addEventListener('click', () => this.fill(text));
    return b;
  }
}
