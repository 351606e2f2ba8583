// The empty chat once a model is ready: the five agents (avatar, name, what each is for) and a few
// example prompts; clicking one puts it in the message box to edit or send.
import type { AgentInfo } from '../core/protocol/messages';
import { agentName, avatar } from './agents';
import { el } from './dom';

const examples = [
  'Explain how this workspace is organised',
  '@qa Write tests for the file I have open',
  '@backend Review the error handling in src',
  '@devops Add a CI workflow that runs the tests',
];

export class EmptyChat {
  readonly element = el('section', { class: 'empty-chat', 'aria-label': 'Start a conversation', hidden: '' });

  constructor(private readonly fill: (text: string) => void) {}

  setAgents(agents: readonly AgentInfo[]): void {
    const prompts = examples.filter((e) => !e.startsWith('@') || agents.some((a) => e.startsWith(`@${a.name} `)));
    this.element.replaceChildren(
      el('h2', {}, 'Ask the team'),
      el('p', { class: 'empty-chat-text' }, 'Type a message, or @ to choose who answers. Changes to files wait for your approval.'),
      el('ul', { class: 'agent-intros', 'aria-label': 'Agents' },
        ...agents.map((a) => el('li', {}, avatar(a.name), el('span', { class: 'agent-intro-text' }, agentName(a.name), el('span', { class: 'agent-intro-description' }, a.description)))),
      ),
      el('div', { class: 'example-prompts', role: 'group', 'aria-label': 'Example prompts' }, ...prompts.map((p) => this.example(p))),
    );
  }

  show(shown: boolean): void {
    this.element.hidden = !shown;
  }

  private example(text: string): HTMLButtonElement {
    const b = el('button', { type: 'button', class: 'example-prompt', title: 'Put this in the message box' }, el('span', { class: 'codicon codicon-comment', 'aria-hidden': 'true' }), text);
    b.addEventListener('click', () => this.fill(text));
    return b;
  }
}
