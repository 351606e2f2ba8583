// One message in the transcript. Streaming text is appended; the DOM is touched at most once per frame.
// Answers are rendered as Markdown under a header saying who speaks (avatar, name in the agent's colour,
// a subtle model label, "handed over by"); the person's own messages are shown as typed. Later rounds of
// the same agent turn continue the first one's block instead of starting a new one.
import type { ChatMessageRecord, ToolCallView } from '../core/protocol/chat-message';
import { agentColor, avatar, markMentions } from './agents';
import { errorCard, handOffChip, retryCard, retryHelps, textButton } from './answer-parts';
import { changeSummary } from './change-summary';
import { el } from './dom';
import { send } from './host';
import { MarkdownView } from './markdown';
import { appendCommandOutput } from './exec-output';
import { sentAttachments } from './sent-attachments';
import { renderToolCalls, type ToolRowCache } from './tool-call-view';
import { ToolRowsWindow } from './tool-rows-window';
import { showAnswerUsage } from './usage-view';
import { localize } from './localize';
import { paintChars, painted } from './paint-cost';

/** The explicit hand-off line (see core/agents/handoff.ts): the chip shows it, so the text does not. */
const handOffLine = /\n?[ \t]*(?:→|->)[ \t]*@[A-Za-z][\w-]*[ \t]*:[^\n]*\s*$/;

/** What a message view asks of the transcript around it. */
export interface MessageContext {
  /** Every tool call of the turn `turnId` (all its rounds), for the change summary. */
  turnCalls(turnId: string): ToolCallView[];
  /** Seconds a hand-off offer counts down (0: Run now / Dismiss). */
  handOffCountdownSeconds(): number;
  /** The answer of `author` before message `id`, brought onto the page (it may have been kept as data only). */
  showAnswerBefore(id: string, author: string): HTMLElement | undefined;
}

export class MessageView {
  readonly element: HTMLElement;
  private readonly content: HTMLElement;
  private readonly tools: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly notices: HTMLElement;
  private readonly statusLabel: HTMLElement;
  private readonly modelLabel: HTMLElement;
  private readonly markdown: MarkdownView | undefined;
  private rendered = '';
  private record: ChatMessageRecord;
  private elapsedTimer = 0;
  private readonly toolRows: ToolRowCache = new Map();
  private readonly toolWindow: ToolRowsWindow;
  seq: number;

  constructor(record: ChatMessageRecord, private readonly context: MessageContext, continued = false) {
    this.record = { ...record };
    this.seq = record.deltaSeq ?? 0;
    const author = record.role === 'user' ? localize('You') : `@${record.author}`;
    if (record.role === 'assistant') {
      this.markdown = new MarkdownView((action) => send(action));
      this.content = this.markdown.element;
      this.content.classList.add('content');
    } else {
      this.content = el('div', { class: 'content' });
    }
    this.tools = el('div', { class: 'tools' });
    this.toolWindow = new ToolRowsWindow(this.tools);
    this.footer = el('div', { class: 'footer' });
    this.notices = el('div', { class: 'live-notices' });
    this.statusLabel = el('span', { class: 'status-label' });
    this.modelLabel = el('span', { class: 'model-label' });
    // A summary record is neither a question nor an answer: its own kind, so nothing counts it as one.
    const kind = record.compaction ? 'compaction-marker' : record.role;
    this.element = el(
      'article',
      { class: `message ${kind}`, 'aria-label': record.compaction ? localize('Earlier messages summarised') : localize('{0} says', author) },
      this.header(record),
      this.content,
      record.role === 'user' ? sentAttachments(record.attachments) : '',
      this.tools,
      this.notices,
      this.footer,
    );
    // A later round of the same turn reads as the same block: no header of its own, no new article for screen
    // readers. Without a label too: a label would make the browser keep the article role despite `presentation`.
    if (continued) {
      this.element.classList.add('continued');
      this.element.setAttribute('role', 'presentation');
      this.element.removeAttribute('aria-label');
    }
    if (record.role === 'user') {
      this.content.textContent = record.text;
      this.rendered = record.text;
      markMentions(this.content);
    }
    this.update(record);
  }

  get id(): string {
    return this.record.id;
  }

  /** The message as shown (text so far, tool calls' latest states): what is kept when the view leaves the page. */
  get current(): ChatMessageRecord {
    return this.record;
  }

  /** Whether any of the message's text is painted yet. */
  get showsText(): boolean {
    return this.rendered.length > 0;
  }

  /** The view left the page: its clock stops. */
  dispose(): void {
    clearTimeout(this.elapsedTimer);
    this.toolWindow.dispose();
  }

  get status(): string {
    return this.record.status;
  }

  get turnId(): string | undefined {
    return this.record.turnId;
  }

  get author(): string {
    return this.record.author;
  }

  get toolCalls(): ToolCallView[] {
    return this.record.toolCalls ?? [];
  }

  appendText(text: string, seq: number): void {
    this.notices.replaceChildren(); // The answer is coming: a retry countdown is over.
    this.record.text += text;
    this.seq = seq;
  }

  /** Counts down to the next attempt of a request that is being retried; gone once the answer goes on. */
  showRetry(retryAt: number, reason: string, attempt: number, maxAttempts?: number): void {
    this.notices.replaceChildren(retryCard(this.record.id, retryAt, reason, attempt, maxAttempts));
  }

  /** `live`: the message changed while the page was open (a hand-off offer may count down). */
  update(record: ChatMessageRecord, live = false): void {
    if (record.status !== 'streaming') this.notices.replaceChildren();
    this.record = { ...record };
    this.seq = record.deltaSeq ?? this.seq;
    this.element.dataset.messageId = record.id;
    this.element.dataset.author = record.author;
    if (record.turnId) this.element.dataset.turnId = record.turnId;
    this.modelLabel.textContent = record.meta?.model ?? '';
    this.modelLabel.title = record.meta?.provider && record.meta.model ? `${record.meta.provider} · ${record.meta.model}` : '';
    this.syncStatus();
    this.renderFooter(live);
    this.renderTools(record.toolCalls ?? []);
    showAnswerUsage(this.element, this.record);
  }

  /** Several calls' new states (a frame's worth from the host): the rows are rebuilt once for all of them. */
  setToolCalls(changed: readonly ToolCallView[]): void {
    const calls = this.record.toolCalls ?? (this.record.toolCalls = []);
    for (const call of changed) {
      const i = calls.findIndex((c) => c.id === call.id);
      if (i >= 0) calls[i] = call;
      else calls.push(call);
    }
    this.renderTools(calls);
  }

  /** A running command printed more: appended in place, without rebuilding the call. Returns whether the view may have grown. */
  appendToolOutput(toolCallId: string, text: string): boolean {
    const call = this.record.toolCalls?.find((c) => c.id === toolCallId);
    if (!call) return false;
    return appendCommandOutput(call, this.tools.querySelector(`[data-tool-call-id="${CSS.escape(toolCallId)}"]`), text);
  }

  /** The viewport moved: an answer with many tool rows shows the ones near it. */
  followViewport(): void {
    this.toolWindow.follow();
  }

  /** The turn's summary row may name files changed in earlier rounds: the last round redraws it. */
  refreshFooter(): void {
    this.renderFooter(false);
  }

  /** Brings the DOM closer to the text (by what fits a paint's time); true while more remains to paint. */
  paint(): boolean {
    const target = this.shownText();
    if (target === this.rendered) return this.syncStatus(), false;
    const started = performance.now();
    const grows = target.startsWith(this.rendered);
    const most = paintChars();
    const text = grows && target.length - this.rendered.length > most ? target.slice(0, this.rendered.length + most) : target;
    if (this.markdown) this.markdown.render(text);
    else if (grows) this.content.append(document.createTextNode(text.slice(this.rendered.length)));
    else this.content.textContent = text;
    if (grows && !MarkdownView.deferring) painted(text.length - this.rendered.length, performance.now() - started);
    this.rendered = text;
    this.syncStatus();
    return text !== target;
  }

  /** The text as the page shows it: a hand-off line, once offered as a chip, is not repeated in the text. */
  private shownText(): string {
    const text = this.record.text;
    return this.record.handOff ? text.replace(handOffLine, '') : text;
  }

  private header(record: ChatMessageRecord): HTMLElement {
    if (record.role === 'user') return el('header', {}, el('span', { class: 'author' }, localize('You')));
    const handOff = record.handedOffBy ? handedOverBy(record.handedOffBy, this, this.context) : '';
    return el('header', {}, avatar(record.author), el('span', { class: 'author', 'data-agent-color': agentColor(record.author) }, `@${record.author}`), handOff, this.modelLabel, this.statusLabel);
  }

  /** `data-status` tells what the page shows: an answer is `complete` once its final text is painted. */
  private syncStatus(): void {
    const status = this.rendered === this.shownText() || this.record.role === 'user' ? this.record.status : 'streaming';
    if (this.element.dataset.status === status) return;
    this.element.dataset.status = status;
    this.element.setAttribute('aria-busy', String(status === 'streaming'));
    this.tickElapsed();
  }

  /** "answering… 12 s" while the answer runs; once a second, and only while it is on the page. */
  private tickElapsed(): void {
    clearTimeout(this.elapsedTimer);
    const r = this.record;
    if (r.role === 'user') return;
    if (this.element.dataset.status !== 'streaming') {
      this.statusLabel.textContent = r.status === 'interrupted' ? localize('stopped') : '';
      return;
    }
    const seconds = Math.max(0, Math.floor((Date.now() - r.createdAt) / 1000));
    this.statusLabel.textContent = seconds ? localize('answering… {0} s', seconds) : localize('answering…');
    this.elapsedTimer = window.setTimeout(() => {
      if (this.element.isConnected) this.tickElapsed();
    }, 1000);
  }

  /** Only rows whose calls changed are built again; the others stay in place. */
  private renderTools(calls: ToolCallView[]): void {
    renderToolCalls(calls, this.record.id, this.toolRows);
    this.toolWindow.set([...this.toolRows].map(([key, row]) => ({ key, node: row.node })));
  }

  private renderFooter(live: boolean): void {
    const r = this.record;
    const parts: Node[] = [];
    if (r.notice) parts.push(el('div', { class: 'notice' }, r.notice));
    if (r.error) parts.push(errorCard(r.error, r.id));
    const offer = handOffChip(r, live ? this.context.handOffCountdownSeconds() : 0);
    if (offer) parts.push(offer);
    if (r.role === 'assistant' && r.status !== 'streaming') {
      if (r.undoableChanges) parts.push(changeSummary(this.context.turnCalls(r.turnId ?? r.id), r.undoableChanges, r.id));
      const actions = el('div', { class: 'actions' });
      if ((r.status === 'error' && !r.error && retryHelps(r.error)) || r.status === 'interrupted') actions.append(textButton(localize('Retry'), () => send({ type: 'retry', messageId: r.id })));
      if (r.stopReason === 'max_tokens') {
        parts.push(el('div', { class: 'notice' }, localize('The answer was cut off at the token limit.')));
        actions.append(textButton(localize('Continue'), () => send({ type: 'continue', messageId: r.id }), 'primary'));
      }
      if (actions.childElementCount) parts.push(actions);
    }
    this.footer.replaceChildren(...parts);
  }
}

/** "handed over by @x", where @x scrolls to the answer that handed over. */
function handedOverBy(from: string, view: MessageView, context: MessageContext): HTMLElement {
  const link = el('button', { type: 'button', class: 'link-button handoff-source', title: localize('Show the answer of @{0} that handed over', from) }, `@${from}`);
  link.addEventListener('click', () => {
    const node = context.showAnswerBefore(view.id, from);
    if (node) {
      node.scrollIntoView({ block: 'start' });
      node.setAttribute('tabindex', '-1');
      node.focus({ preventScroll: true });
    }
  });
  return el('span', { class: 'handoff' }, localize('handed over by '), link);
}
