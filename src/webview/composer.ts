// The message box, one bordered box like VS Code's own chat: a text area that grows with its text, and
// along its bottom the agent chip, the model picker, the active file as a removable chip and Send, which
// becomes Stop while an answer runs. Enter sends, Shift+Enter adds a line, Esc stops.
// The addressed agent lives in the agent chip beside the text, never in the text: a typed @mention moves
// the chip, and a message that only names its addressee at the start is sent without the name.
import type { AgentInfo } from '../core/protocol/messages';
import { agentColor, agentIcon } from './agents';
import { el } from './dom';
import { loadState, saveState, send } from './host';
import { MentionCompletion } from './mention-complete';
import { AttachmentChips } from './attachments';
import { ReferenceCompletion } from './reference-complete';
import { addressOf } from './addressing';
import { UsageSummary } from './usage-view';
import { localize } from './localize';

export class Composer {
  readonly element: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly action: HTMLButtonElement;
  private readonly agentPicker: HTMLSelectElement;
  private readonly agentAvatar: HTMLElement;
  private readonly model: HTMLButtonElement;
  private readonly attachments: HTMLElement;
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
  /** The active editor's file, unless the user removed its chip (then agents are not told of it). */
  private activeFile: { path: string; shared: boolean } | undefined;
  /** Text sent while the setup screen showed: kept in the box until the host shows it as sent. */
  private pending: string | undefined;

  constructor() {
    this.input = el('textarea', { class: 'input', 'aria-label': localize('Message'), rows: '1', placeholder: localize('Ask the team… (@ to pick an agent)') });
    this.input.value = loadState().draft ?? '';
    this.action = el('button', { class: 'send', type: 'button' });
    this.agentPicker = el('select', { class: 'agent-picker', 'aria-label': localize('Agent'), title: localize('Who answers') });
    this.agentAvatar = el('span', { class: 'avatar small', 'aria-hidden': 'true' });
    this.model = el('button', { type: 'button', class: 'model-picker', title: localize('Change the model') });
    this.model.addEventListener('click', () => send({ type: 'command', command: 'selectModel' }));
    // Chips for what goes with the message: the active file here; other attachments join them.
    this.attachments = el('div', { class: 'attachments', 'aria-label': localize('Context'), role: 'group' });
    this.note = el('div', { class: 'composer-note', role: 'status', 'aria-live': 'polite', hidden: '' });
    this.mentions = new MentionCompletion(this.input);
    this.references = new ReferenceCompletion(this.input, this.chips);
    this.element = el(
      'form',
      { class: 'composer', 'aria-label': localize('Compose message') },
      this.mentions.element,
      this.references.element,
      this.note,
      el('div', { class: 'composer-box' },
        this.attachments,
        this.chips.element,
        this.input,
        el('div', { class: 'composer-bar' }, el('span', { class: 'agent-chip' }, this.agentAvatar, this.agentPicker), this.model, el('span', { class: 'spacer' }), this.usage.element, this.action),
      ),
    );
    this.setBusy(false);
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', () => this.onInput());
    this.agentPicker.addEventListener('change', () => this.showAgent());
    this.action.addEventListener('click', () => (this.busy ? send({ type: 'stop' }) : this.submit()));
    this.element.addEventListener('submit', (e) => e.preventDefault());
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.busy && !e.defaultPrevented) send({ type: 'stop' });
    });
    requestAnimationFrame(() => this.grow());
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
    this.showAgent();
  }

  setModel(label: string): void {
    this.model.replaceChildren(el('span', { class: 'codicon codicon-sparkle', 'aria-hidden': 'true' }), el('span', { class: 'model-name' }, label), el('span', { class: 'codicon codicon-chevron-down', 'aria-hidden': 'true' }));
    this.model.setAttribute('aria-label', localize('Model: {0}. Change the model', label));
  }

  /** The active editor's file (workspace-relative), shown as a chip the user can remove. */
  setActiveFile(path: string | undefined): void {
    // A new file is shared again: removing a chip is about that file, not every file after it.
    if (this.activeFile && !this.activeFile.shared && this.activeFile.path !== path) send({ type: 'shareActiveFile', share: true });
    this.activeFile = path ? { path, shared: this.activeFile?.path === path ? this.activeFile.shared : true } : undefined;
    this.attachments.querySelector('.active-file')?.remove();
    if (!this.activeFile?.shared) return;
    const name = path!.split('/').pop() ?? path!;
    const remove = el('button', { type: 'button', class: 'chip-remove', 'aria-label': localize('Do not tell the agents about {0}', path!), title: localize('Remove') }, el('span', { class: 'codicon codicon-close', 'aria-hidden': 'true' }));
    remove.addEventListener('click', () => {
      this.activeFile = { path: path!, shared: false };
      send({ type: 'shareActiveFile', share: false });
      this.setActiveFile(path);
      this.input.focus();
    });
    this.attachments.prepend(el('span', { class: 'chip active-file', title: localize('The agents know you have {0} open', path!) }, el('span', { class: 'codicon codicon-file', 'aria-hidden': 'true' }), el('span', { class: 'chip-label' }, name), remove));
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
    this.action.replaceChildren(el('span', { class: `codicon codicon-${busy ? 'debug-stop' : 'send'}`, 'aria-hidden': 'true' }), ...(busy ? [el('span', { class: 'send-label' }, localize('Stop'))] : []));
    this.action.setAttribute('aria-label', busy ? localize('Stop') : localize('Send'));
    this.action.title = busy ? localize('Stop the answer (Esc)') : localize('Send (Enter)');
    this.action.classList.toggle('stop', busy);
  }

  focus(): void {
    this.input.focus();
  }

  /** Puts `text` in the box (an example prompt), ready to edit or send. */
  fill(text: string): void {
    this.input.value = text;
    this.input.dispatchEvent(new Event('input'));
    this.input.focus();
    this.input.setSelectionRange(text.length, text.length);
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
    this.grow();
  }

  /** The box grows with its text up to a limit (then scrolls); no resize grip. */
  private grow(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${this.input.scrollHeight + 2}px`;
  }

  /** The picker shows who the message goes to: the first agent the text mentions, if any. */
  private followMention(): void {
    const named = addressOf(this.input.value, this.agents.map((a) => a.name)).first;
    if (named && this.agentPicker.value !== named) {
      this.agentPicker.value = named;
      this.showAgent();
    }
  }

  private showAgent(): void {
    const name = this.agentPicker.value;
    this.agentAvatar.dataset.agentColor = agentColor(name);
    this.agentAvatar.replaceChildren(el('span', { class: `codicon codicon-${agentIcon(name)}` }));
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
    this.showNote(localize('Not sent: no model provider is set up yet. Your message is kept here; set one up above, then send again.'));
  }

  private clear(): void {
    this.chips.clear();
    this.input.value = '';
    saveState({ draft: '' });
    this.grow();
  }
}
