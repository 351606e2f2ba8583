// The scrolling list of messages. Paints at most once per frame, only the messages that
// changed, and keeps the view pinned to the bottom unless the user scrolled up to read.
import type { ChatMessageRecord, ToolCallView } from '../core/protocol/chat-message';
import { el } from './dom';
import { send } from './host';
import { MessageView, type MessageContext } from './message-view';

/** Two frames without a paint: the next change is painted at once rather than in an animation frame. */
const quietMs = 33;

export class Transcript {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly jump: HTMLButtonElement;
  private readonly announcer: HTMLElement;
  private readonly views = new Map<string, MessageView>();
  private readonly dirty = new Set<MessageView>();
  private frame = 0;
  private pinned = true;
  private lastTop = 0;
  private hasOlder = false;
  private lastPaint = 0;
  /** Seconds a hand-off offer counts down before it runs (the setting; 0: it waits for Run now). */
  handOffCountdownSeconds = 0;
  private readonly context: MessageContext = {
    turnCalls: (turnId) => [...this.views.values()].filter((v) => (v.turnId ?? v.id) === turnId).flatMap((v) => v.toolCalls),
    handOffCountdownSeconds: () => this.handOffCountdownSeconds,
  };

  constructor() {
    this.list = el('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
    this.jump = el('button', { class: 'jump-to-latest', type: 'button', hidden: '' }, 'Jump to latest');
    this.jump.addEventListener('click', () => this.scrollToBottom());
    this.announcer = el('div', { class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
    this.element = el('div', { class: 'transcript-wrap' }, this.list, this.jump, this.announcer);
    this.list.addEventListener('scroll', () => {
      // Content growing below is not the user scrolling away: only moving up unpins the view.
      const top = this.list.scrollTop;
      if (this.list.scrollHeight - top - this.list.clientHeight < 24) this.pinned = true;
      else if (top < this.lastTop - 1) this.pinned = false;
      this.lastTop = top;
      this.jump.hidden = this.pinned;
      if (this.list.scrollTop < 40 && this.hasOlder) this.requestOlder();
    });
  }

  reset(messages: ChatMessageRecord[], hasOlder: boolean): void {
    this.views.clear();
    this.dirty.clear();
    this.hasOlder = hasOlder;
    let previous: MessageView | undefined;
    this.list.replaceChildren(...messages.map((m) => (previous = this.create(m, previous)).element));
    this.paintAll(this.views.values());
    this.scrollToBottom();
  }

  prepend(messages: ChatMessageRecord[], hasOlder: boolean): void {
    this.hasOlder = hasOlder;
    const before = this.list.scrollHeight;
    let previous: MessageView | undefined;
    const nodes = messages.filter((m) => !this.views.has(m.id)).map((m) => (previous = this.create(m, previous)));
    this.list.prepend(...nodes.map((v) => v.element));
    // In full, now: text painted later above the viewport would push what the user reads down.
    for (const v of nodes) while (v.paint());
    // Keep what the user was looking at in place.
    this.list.scrollTop += this.list.scrollHeight - before;
  }

  add(message: ChatMessageRecord): void {
    if (this.views.has(message.id)) return this.complete(message);
    const lastId = (this.list.lastElementChild as HTMLElement | null)?.dataset.messageId;
    const view = this.create(message, lastId ? this.views.get(lastId) : undefined);
    this.list.append(view.element);
    // Sending brings the view to the new message, wherever the user had scrolled to.
    if (message.role === 'user') this.pinned = true;
    this.markDirty(view);
    if (message.role === 'assistant' && message.status === 'streaming') this.announce(`@${message.author} is answering`);
  }

  appendText(messageId: string, seq: number, text: string): void {
    const view = this.views.get(messageId);
    // A delta the view already has (it joined mid-stream) is skipped; a gap waits for the final message.
    if (!view || seq <= view.seq) return;
    view.appendText(text, seq);
    this.markDirty(view);
  }

  complete(message: ChatMessageRecord): void {
    const view = this.views.get(message.id);
    if (!view) return this.add(message);
    view.update(message, true);
    this.markDirty(view);
    if (message.status === 'error') this.announce(`Error: ${message.error?.message ?? 'the answer failed'}`);
    else if (message.role === 'assistant') this.announce(`@${message.author} ${message.status === 'interrupted' ? 'stopped' : 'finished answering'}`);
  }

  /** Shows a tool call's new state; a view pinned to the bottom stays there (an approval appearing stays in sight). */
  setToolCall(messageId: string, call: ToolCallView): void {
    this.views.get(messageId)?.setToolCall(call);
    if (this.pinned) this.scrollToBottom();
  }

  appendToolOutput(messageId: string, toolCallId: string, text: string): void {
    this.views.get(messageId)?.appendToolOutput(toolCallId, text);
    if (this.pinned) this.scrollToBottom();
  }

  /** The element that scrolls (for things that watch what is in view). */
  get scroller(): HTMLElement {
    return this.list;
  }

  view(id: string): MessageView | undefined {
    return this.views.get(id);
  }

  lastStreaming(): MessageView | undefined {
    return [...this.views.values()].reverse().find((v) => v.status === 'streaming');
  }

  /** Whether the transcript shows no message at all (the empty chat's introduction shows instead). */
  get isEmpty(): boolean {
    return this.views.size === 0;
  }

  /** `previous`: the message shown before it; a later round of the same agent turn continues its block. */
  private create(message: ChatMessageRecord, previous: MessageView | undefined): MessageView {
    const continued = message.role === 'assistant' && !!message.turnId && previous?.turnId === message.turnId && previous.author === message.author;
    const view = new MessageView(message, this.context, continued);
    this.views.set(message.id, view);
    return view;
  }

  markDirty(view: MessageView): void {
    this.dirty.add(view);
    if (this.frame) return;
    // After a quiet spell (the first token, a slow stream) paint now: the change makes the very next
    // frame instead of waiting for an animation-frame callback. Bursts still paint once per frame.
    if (performance.now() - this.lastPaint > quietMs) return this.flush();
    this.frame = requestAnimationFrame(() => this.flush());
  }

  private flush(): void {
    this.frame = 0;
    this.lastPaint = performance.now();
    const stick = this.pinned;
    // A view with more text than one paint takes stays dirty and goes on in the next frame.
    for (const view of [...this.dirty]) if (!view.paint()) this.dirty.delete(view);
    if (this.dirty.size) this.frame = requestAnimationFrame(() => this.flush());
    if (stick) this.scrollToBottom();
  }

  /** Paints these views now; any with text left over finish in the frames that follow. */
  private paintAll(views: Iterable<MessageView>): void {
    for (const view of views) if (view.paint()) this.markDirty(view);
  }

  private scrollToBottom(): void {
    this.list.scrollTop = this.list.scrollHeight;
    this.lastTop = this.list.scrollTop;
    this.pinned = true;
    this.jump.hidden = true;
  }

  private requestOlder(): void {
    const first = this.list.querySelector<HTMLElement>('[data-message-id]');
    if (!first?.dataset.messageId) return;
    this.hasOlder = false; // until the host answers
    send({ type: 'loadOlder', beforeId: first.dataset.messageId });
  }

  private announce(text: string): void {
    this.announcer.textContent = text;
  }
}
