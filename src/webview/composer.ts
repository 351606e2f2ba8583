// The message box: Enter sends, Shift+Enter adds a line, Esc stops; Send turns into Stop while busy.
import type { AgentInfo } from '../core/protocol/messages';
import { el } from './dom';
import { loadState, saveState, send } from './host';
import { MentionCompletion } from './mention-complete';

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly action: HTMLButtonElement;
  private readonly agentPicker: HTMLSelectElement;
  private readonly model: HTMLElement;
  private readonly mentions: MentionCompletion;
  private busy = false;

  constructor() {
    this.input = el('textarea', { class: 'input', 'aria-label': 'Message', rows: '3', placeholder: 'Ask the team… (@ to pick an agent)' });
    this.input.value = loadState().draft ?? '';
    this.action = el('button', { class: 'send', type: 'button', 'aria-label': 'Send', title: 'Send (Enter)' });
    this.agentPicker = el('select', { class: 'agent-picker', 'aria-label': 'Agent' });
    this.model = el('span', { class: 'model-indicator', title: 'Model' });
    this.mentions = new MentionCompletion(this.input);
    this.element = el(
      'form',
      { class: 'composer', 'aria-label': 'Compose message' },
      this.mentions.element,
      this.input,
      el('div', { class: 'composer-bar' }, this.agentPicker, this.model, this.action),
    );
    this.setBusy(false);
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => saveState({ draft: this.input.value }));
    this.action.addEventListener('click', () => (this.busy ? send({ type: 'stop' }) : this.submit()));
    this.element.addEventListener('submit', (e) => e.preventDefault());
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.busy && !e.defaultPrevented) send({ type: 'stop' });
    });
  }

  setAgents(agents: AgentInfo[], defaultAgent: string): void {
    this.mentions.setAgents(agents);
    this.agentPicker.replaceChildren(
      ...agents.map((a) => {
        const option = el('option', { value: a.name, title: a.description }, `@${a.name}`);
        option.selected = a.name === defaultAgent;
        return option;
      }),
    );
  }

  setModel(label: string): void {
    this.model.textContent = label;
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.action.replaceChildren(el('span', { class: `codicon codicon-${busy ? 'debug-stop' : 'send'}`, 'aria-hidden': 'true' }));
    this.action.setAttribute('aria-label', busy ? 'Stop' : 'Send');
    this.action.title = busy ? 'Stop (Esc)' : 'Send (Enter)';
    this.action.classList.toggle('stop', busy);
  }

  focus(): void {
    this.input.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (this.mentions.onKey(e)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (!this.busy) this.submit();
    }
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (!text) return;
    // A message without a mention goes to the agent chosen in the picker.
    const agent = this.agentPicker.value;
    const addressed = /^@[\w-]+/.test(text) || !agent ? text : `@${agent} ${text}`;
    send({ type: 'send', text: addressed });
    this.input.value = '';
    saveState({ draft: '' });
  }
}
