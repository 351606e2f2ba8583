// One message in the transcript. Streaming text is appended; the DOM is touched at most once per frame.
// Answers are rendered as Markdown; the person's own messages are shown as typed.
import type { ChatMessageRecord, ToolCallView } from '../core/protocol/chat-message';
import { countdown, errorCard, handOffChip, retryHelps } from './answer-parts';
import { button, el } from './dom';
import { send } from './host';
import { MarkdownView } from './markdown';
import { appendCommandOutput, renderToolCall } from './tool-call-view';
import { showAnswerUsage } from './usage-view';

/**
 * Most text one paint adds. A burst (a fast stream behind a busy frame) is shown over a few frames
 * instead of in one long one; ~16k characters render in a few milliseconds.
 */
const maxCharsPerPaint = 16_000;

export class MessageView {
  readonly element: HTMLElement;
  private readonly content: HTMLElement;
  private readonly tools: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly notices: HTMLElement;
  private readonly markdown: MarkdownView | undefined;
  private rendered = '';
  private record: ChatMessageRecord;
  seq: number;

  constructor(record: ChatMessageRecord) {
    this.record = { ...record };
    this.seq = record.deltaSeq ?? 0;
    const author = record.role === 'user' ? 'You' : `@${record.author}`;
    const handOff = record.handedOffBy ? el('span', { class: 'handoff' }, `handed over by @${record.handedOffBy}`) : '';
    if (record.role === 'assistant') {
      this.markdown = new MarkdownView((action) => send(action));
      this.content = this.markdown.element;
      this.content.classList.add('content');
    } else {
      this.content = el('div', { class: 'content' });
    }
    this.tools = el('div', { class: 'tools' });
    this.footer = el('div', { class: 'footer' });
    this.notices = el('div', { class: 'live-notices' });
    this.element = el(
      'article',
      { class: `message ${record.role}`, role: 'article', 'aria-label': `${author} says` },
      el('header', {}, el('span', { class: 'author' }, author), handOff, el('span', { class: 'status-label' })),
      this.content,
      this.tools,
      this.notices,
      this.footer,
    );
    this.update(record);
  }

  get id(): string {
    return this.record.id;
  }

  get status(): string {
    return this.record.status;
  }

  appendText(text: string, seq: number): void {
    this.notices.replaceChildren(); // The answer is coming: a retry countdown is over.
    this.record.text += text;
    this.seq = seq;
  }

  /** Counts down to the next attempt of a request that is being retried; gone once the answer goes on. */
  showRetry(retryAt: number, reason: string): void {
    this.notices.replaceChildren(countdown(retryAt, (s) => `${reason} Retrying in ${s} s…`, 'retry-notice'));
  }

  update(record: ChatMessageRecord): void {
    if (record.status !== 'streaming') this.notices.replaceChildren();
    this.record = { ...record };
    this.seq = record.deltaSeq ?? this.seq;
    this.element.dataset.messageId = record.id;
    this.element.dataset.author = record.author;
    this.syncStatus();
    this.renderFooter();
    this.renderTools(record.toolCalls ?? []);
    showAnswerUsage(this.element, this.record);
  }

  setToolCall(call: ToolCallView): void {
    const calls = this.record.toolCalls ?? (this.record.toolCalls = []);
    const i = calls.findIndex((c) => c.id === call.id);
    if (i >= 0) calls[i] = call;
    else calls.push(call);
    this.renderTools(calls);
  }

  /** A running command printed more: appended in place, without rebuilding the call. */
  appendToolOutput(toolCallId: string, text: string): void {
    const call = this.record.toolCalls?.find((c) => c.id === toolCallId);
    if (!call) return;
    appendCommandOutput(call, this.tools.querySelector(`[data-tool-call-id="${CSS.escape(toolCallId)}"]`), text);
  }

  /** Brings the DOM closer to the text (by at most `maxCharsPerPaint`); true while more remains to paint. */
  paint(): boolean {
    const target = this.record.text;
    if (target === this.rendered) return false;
    const grows = target.startsWith(this.rendered);
    const text = grows && target.length - this.rendered.length > maxCharsPerPaint ? target.slice(0, this.rendered.length + maxCharsPerPaint) : target;
    if (this.markdown) this.markdown.render(text);
    else if (grows) this.content.append(document.createTextNode(text.slice(this.rendered.length)));
    else this.content.textContent = text;
    this.rendered = text;
    this.syncStatus();
    return text !== target;
  }

  /** `data-status` tells what the page shows: an answer is `complete` once its final text is painted. */
  private syncStatus(): void {
    const status = this.rendered === this.record.text || this.record.role === 'user' ? this.record.status : 'streaming';
    if (this.element.dataset.status === status) return;
    this.element.dataset.status = status;
    this.element.setAttribute('aria-busy', String(status === 'streaming'));
  }

  private renderTools(calls: ToolCallView[]): void {
    this.tools.replaceChildren(...calls.map((c) => renderToolCall(c, this.record.id)));
  }

  private renderFooter(): void {
    const r = this.record;
    const label = this.element.querySelector('.status-label');
    if (label) label.textContent = r.status === 'interrupted' ? 'stopped' : r.status === 'streaming' ? 'answering…' : '';
    const parts: Node[] = [];
    if (r.notice) parts.push(el('div', { class: 'notice' }, r.notice));
    if (r.error) parts.push(errorCard(r.error));
    const offer = handOffChip(r);
    if (offer) parts.push(offer);
    if (r.role === 'assistant' && r.status !== 'streaming') {
      const actions = el('div', { class: 'actions' });
      if ((r.status === 'error' && retryHelps(r.error)) || r.status === 'interrupted') actions.append(button('Retry', 'refresh', () => send({ type: 'retry', messageId: r.id })));
      if (r.stopReason === 'max_tokens') {
        parts.push(el('div', { class: 'notice' }, 'The answer was cut off at the token limit.'));
        actions.append(button('Continue', 'debug-continue', () => send({ type: 'continue', messageId: r.id })));
      }
      if (r.undoableChanges) {
        actions.append(button(`Undo ${r.undoableChanges} change${r.undoableChanges === 1 ? '' : 's'}`, 'discard', () => send({ type: 'undoTurn', messageId: r.id })));
      }
      if (actions.childElementCount) parts.push(actions);
    }
    this.footer.replaceChildren(...parts);
  }
}
