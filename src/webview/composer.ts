// The message box: Enter sends, Shift+Enter adds a line, Esc stops; Send turns into Stop while busy.
// The addressed agent lives in the agent picker beside the text, never in the text: a typed @mention
// moves the picker, and a message that only names its addressee at the start is sent without the name.
import type { AgentInfo } from '../core/protocol/messages';
import { el } from './dom';
import { loadState, saveState, send } from './host';
import { MentionCompletion } from './mention-complete';
import { AttachmentChips } from './attachments';
import { ReferenceCompletion } from './reference-complete';
import { addressOf } from './addressing';
import { UsageSummary } from './usage-view';

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly action: HTMLButtonElement;
  private readonly agentPicker: HTMLSelectElement;
  private readonly model: HTMLElement;
  private readonly note: HTMLElement;
  private readonly mentions: MentionCompletion;
  /** `#` references and the chips of what is attached (attachments.ts, reference-complete.ts). */
  readonly chips = new AttachmentChips(() => this.focus());
  readonly references: ReferenceCompletion;
  /** The conversation's token total and the context meter (usage-view.ts). */
  readonly usage = new UsageSummary();
  private agents: AgentInfo[] = [];
  private busy = false;
  private setupNeeded = false;
  /** Text sent while the setup screen showed: kept in the box until the host shows it as sent. */
  private pending: string | undefined;

  constructor() {
    this.input = el('textarea', { class: 'input', 'aria-label': 'Message', rows: '3', placeholder: 'Ask the team… (@ to pick an agent)' });
    this.input.value = loadState().draft ?? '';
    this.action = el('button', { class: 'send', type: 'button', 'aria-label': 'Send', title: 'Send (Enter)' });
    this.agentPicker = el('select', { class: 'agent-picker', 'aria-label': 'Agent' });
    this.model = el('span', { class: 'model-indicator', title: 'Model' });
    this.note = el('div', { class: 'composer-note', role: 'status', 'aria-live': 'polite', hidden: '' });
    this.mentions = new MentionCompletion(this.input);
    this.references = new ReferenceCompletion(this.input, this.chips);
    this.element = el(
      'form',
      { class: 'composer', 'aria-label': 'Compose message' },
      this.mentions.element,
      this.references.element,
      this.note,
      this.chips.element,
      this.input,
      el('div', { class: 'composer-bar' }, this.agentPicker, this.model, this.usage.element, this.action),
    );
    this.setBusy(false);
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => this.onInput());
    this.action.addEventListener('click', () => (this.busy ? send({ type: 'stop' }) : this.submit()));
    this.element.addEventListener('submit', (e) => e.preventDefault());
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.busy && !e.defaultPrevented) send({ type: 'stop' });
    });
  }

  setAgents(agents: AgentInfo[], defaultAgent: string): void {
    this.agents = agents;
    this.mentions.setAgents(agents);
    this.agentPicker.replaceChildren(
      ...agents.map((a) => {
        const option = el('option', { value: a.name, title: a.description }, `@${a.name}`);
        option.selected = a.name === defaultAgent;
        return option;
      }),
    );
    this.followMention();
  }

  setModel(label: string): void {
    this.model.textContent = label;
  }

  /** While no provider is set up, a send keeps its draft and says what is missing. */
  setSetupNeeded(needed: boolean): void {
    this.setupNeeded = needed;
    if (!needed) this.showNote(undefined);
  }

  /** A message of the user's arrived in the transcript: the draft it came from is done with. */
  messageShown(text: string): void {
    if (this.pending !== undefined && text === this.pending && this.addressed().text === this.pending) this.clear();
    this.pending = undefined;
    this.showNote(undefined);
  }

  /** A short line above the box (what is missing, what went wrong); undefined hides it. */
  showNote(text: string | undefined): void {
    this.note.hidden = !text;
    this.note.textContent = text ?? '';
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
    if (this.mentions.onKey(e) || this.references.onKey(e)) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (!this.busy) this.submit();
    }
  }

  private onInput(): void {
    saveState({ draft: this.input.value });
    this.followMention();
  }

  /** The picker shows who the message goes to: the first agent the text mentions, if any. */
  private followMention(): void {
    const named = addressOf(this.input.value, this.agents.map((a) => a.name)).first;
    if (named && this.agentPicker.value !== named) this.agentPicker.value = named;
  }

  private addressed(): { text: string; agent: string } {
    const { text, agent } = addressOf(this.input.value.trim(), this.agents.map((a) => a.name));
    return { text, agent: agent ?? this.agentPicker.value };
  }

  private submit(): void {
    const { text, agent } = this.addressed();
    if (!text) return;
    send({ type: 'send', text, ...(agent ? { agent } : {}), ...this.chips.forSend() });
    if (!this.setupNeeded) return this.clear();
    // The host may still find a provider (a key set a moment ago); if it does, the message shows up and the box clears.
    this.pending = text;
    this.showNote('Not sent: no model provider is set up yet. Your message is kept here; set one up above, then send again.');
  }

  private clear(): void {
    this.chips.clear();
    this.input.value = '';
    saveState({ draft: '' });
  }
}
