// The scrolling list of messages. Paints at most once per frame, only the messages that changed and only
// as much as a frame's time allows, and keeps the view pinned to the bottom unless the user scrolled up to
// read. Only messages near the viewport are on the page (transcript-window.ts); the rest are kept as data.
import type { ChatMessageRecord, ToolCallView } from '../core/protocol/chat-message';
import { afterLoadAndPaint, afterPaint } from './after-load';
import { el } from './dom';
import { send } from './host';
import type { MessageContext, MessageView } from './message-view';
import { MessageWindow } from './transcript-window';
import { localize } from './localize';
import { laidOut } from './paint-cost';

/** Two frames without a paint: the next change is painted at once rather than in an animation frame. */
const quietMs = 33;
/** Script time one frame's paint may take before the remaining views wait for the next frame. */
const frameBudgetMs = 8;

export class Transcript {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly jump: HTMLButtonElement;
  private readonly announcer: HTMLElement;
  private readonly window: MessageWindow;
  private readonly dirty = new Set<MessageView>();
  private frame = 0;
  private moveFrame = 0;
  private stickFrame = 0;
  /** A new list of messages waits for its first paint before the window moves (see `reset`). */
  private settling = false;
  /** Work waiting for the first screen of a new list to be painted (see `afterFirstPaint`). */
  private readonly whenPainted: (() => void)[] = [];
  private pinned = true;
  private lastTop = 0;
  private hasOlder = false;
  private lastPaint = 0;
  /** Changes applied together (`together`) paint at the end; `now`: one of them asked to be painted at once. */
  private holding: { now: boolean } | undefined;
  /** Seconds a hand-off offer counts down before it runs (the setting; 0: it waits for Run now). */
  handOffCountdownSeconds = 0;
  private readonly context: MessageContext = {
    turnCalls: (turnId) => this.window.entries.map(MessageWindow.record).filter((r) => (r.turnId ?? r.id) === turnId).flatMap((r) => r.toolCalls ?? []),
    handOffCountdownSeconds: () => this.handOffCountdownSeconds,
    showAnswerBefore: (id, author) => this.showAnswerBefore(id, author),
  };

  constructor() {
    this.list = el('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': localize('Conversation'), tabindex: '0' });
    this.jump = el('button', { class: 'jump-to-latest', type: 'button', hidden: '' }, localize('Jump to latest'));
    this.jump.addEventListener('click', () => this.scrollToBottom());
    this.announcer = el('div', { class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
    this.element = el('div', { class: 'transcript-wrap' }, this.list, this.jump, this.announcer);
    this.window = new MessageWindow(this.list, this.context);
    this.list.addEventListener('scroll', () => {
      // Content growing below is not the user scrolling away: only moving up unpins the view.
      const top = this.list.scrollTop;
      if (this.list.scrollHeight - top - this.list.clientHeight < 24) this.pinned = true;
      else if (top < this.lastTop - 1) this.pinned = false;
      this.lastTop = top;
      this.jump.hidden = this.pinned;
      this.scheduleMove();
    }, { passive: true });
  }

  reset(messages: ChatMessageRecord[], hasOlder: boolean): void {
    this.dirty.clear();
    this.hasOlder = hasOlder;
    this.window.reset(messages);
    // The rest of the messages the page keeps, once this first screen is painted: until then the window does
    // not move (the scroll to the bottom fires a scroll event whose animation frame would run before that
    // paint and hold it back). On a new page, once it is shown too: VS Code shows it at its load event, which
    // comes after the first paint, and the frame that shows it should not be the one that fills in the rest.
    this.settling = true;
    this.scrollToBottom();
    afterLoadAndPaint(() => {
      this.settling = false;
      // In the next frame, before the window moves and scrolls: that frame shows what waited, in place.
      const waiting = this.whenPainted.splice(0);
      if (waiting.length) requestAnimationFrame(() => waiting.forEach((run) => run()));
      this.scheduleMove();
    });
  }

  /** Runs `run` once the first screen of the last `reset` is painted, before the messages around it come. */
  afterFirstPaint(run: () => void): void {
    if (this.settling) this.whenPainted.push(run);
    else run();
  }

  /** Older messages: kept as data, shown as the user scrolls up to them. */
  prepend(messages: ChatMessageRecord[], hasOlder: boolean): void {
    this.hasOlder = hasOlder;
    this.window.prepend(messages);
    this.scheduleMove();
  }

  add(message: ChatMessageRecord): void {
    if (this.window.get(message.id)) return this.complete(message);
    // Sending brings the view to the new message, wherever the user had scrolled to.
    if (message.role === 'user') {
      this.pinned = true;
      this.window.showEnd();
    }
    const entry = this.window.append(message);
    if (entry.view) this.markDirty(entry.view);
    // Messages that come together (a question with its answer's first text) are painted first; the window
    // follows after that paint, so its reading of positions is not part of the frame the user waits for.
    if (this.holding) this.moveAfterPaint();
    else this.scheduleMove();
    if (message.role === 'assistant' && message.status === 'streaming') this.announce(localize('@{0} is answering', message.author));
  }

  appendText(messageId: string, seq: number, text: string): void {
    const entry = this.window.get(messageId);
    const view = entry?.view;
    if (!view) {
      // Off the page (scrolled far away): the data follows; it is painted when it comes back.
      if (entry && seq > (entry.record.deltaSeq ?? 0)) entry.record = { ...entry.record, text: entry.record.text + text, deltaSeq: seq };
      return;
    }
    // A delta the view already has (it joined mid-stream) is skipped; a gap waits for the final message.
    if (seq <= view.seq) return;
    const first = !view.showsText;
    view.appendText(text, seq);
    // An answer's first text is what the user waits for: painted now, even right after its placeholder.
    this.markDirty(view, first);
  }

  complete(message: ChatMessageRecord): void {
    const entry = this.window.get(message.id);
    if (!entry) return this.add(message);
    if (entry.view) {
      entry.view.update(message, true);
      this.markDirty(entry.view);
    } else {
      entry.record = { ...message };
    }
    if (message.status === 'error') this.announce(localize('Error: {0}', message.error?.message ?? localize('the answer failed')));
    else if (message.role === 'assistant') this.announce(message.status === 'interrupted' ? localize('@{0} stopped', message.author) : localize('@{0} finished answering', message.author));
  }

  /** Shows a tool call's new state; a view pinned to the bottom stays there (an approval appearing stays in sight). */
  setToolCall(messageId: string, call: ToolCallView): void {
    this.setToolCalls(messageId, [call]);
  }

  /** Several calls' new states (the host gathers a frame's updates), then one scroll. */
  setToolCalls(messageId: string, calls: ToolCallView[]): void {
    const entry = this.window.get(messageId);
    if (entry?.view) entry.view.setToolCalls(calls);
    else if (entry) for (const call of calls) entry.record = { ...entry.record, toolCalls: upsert(entry.record.toolCalls ?? [], call) };
    this.stickToBottom();
  }

  /** Applies several changes and paints them in one go: what they mark dirty is painted once, at the end. */
  together(apply: () => void): void {
    if (this.holding) return apply();
    this.holding = { now: false };
    try {
      apply();
    } finally {
      const { now } = this.holding;
      this.holding = undefined;
      const [view] = this.dirty;
      if (view) this.markDirty(view, now);
    }
  }

  appendToolOutput(messageId: string, toolCallId: string, text: string): void {
    const view = this.window.get(messageId)?.view;
    // A full output block keeps its height: following it would read the page's layout every frame for nothing.
    if (!view || view.appendToolOutput(toolCallId, text)) this.stickToBottom();
  }

  /**
   * A view pinned to the bottom goes back there in the next frame, once for every change before it: scrolling
   * now would read the layout once per tool-call update, and an answer making hundreds of calls sends them in bursts.
   */
  private stickToBottom(): void {
    if (!this.pinned || this.stickFrame) return;
    this.stickFrame = requestAnimationFrame(() => {
      this.stickFrame = 0;
      if (this.pinned) this.scrollToBottom();
    });
  }

  /** The element that scrolls (for things that watch what is in view). */
  get scroller(): HTMLElement {
    return this.list;
  }

  /** The message's view while it is on the page. */
  view(id: string): MessageView | undefined {
    return this.window.get(id)?.view;
  }

  /** Whether the transcript shows no message at all (the empty chat's introduction shows instead). */
  get isEmpty(): boolean {
    return this.window.size === 0;
  }

  markDirty(view: MessageView, now = false): void {
    this.dirty.add(view);
    if (this.holding) {
      this.holding.now ||= now;
      return;
    }
    if (this.frame && !now) return;
    // After a quiet spell (the first token, a slow stream) paint now: the change makes the very next
    // frame instead of waiting for an animation-frame callback. Bursts still paint once per frame.
    if (now || performance.now() - this.lastPaint > quietMs) {
      cancelAnimationFrame(this.frame);
      return this.flush(false);
    }
    this.frame = requestAnimationFrame(() => this.flush());
  }

  /**
   * Paints the dirty views. `inFrame` false: painted now, in the task that brought the change; a view pinned to
   * the bottom goes there in the coming frame, not now, as reading the height would lay the page out in this
   * task and again in the frame.
   */
  private flush(inFrame = true): void {
    this.frame = 0;
    const started = performance.now();
    this.lastPaint = started;
    const stick = this.pinned;
    // A view with more text than one paint takes, or one the frame's time did not reach, goes on next frame.
    for (const view of [...this.dirty]) {
      if (!view.paint()) this.dirty.delete(view);
      if (performance.now() - started > frameBudgetMs) break;
    }
    if (this.dirty.size) this.frame = requestAnimationFrame(() => this.flush());
    if (stick && inFrame) {
      // Reading the new bottom lays the text out: that time is part of what the next slice is sized by.
      const layoutStarted = performance.now();
      this.scrollToBottom();
      laidOut(performance.now() - layoutStarted);
    } else {
      laidOut(0);
      if (stick) this.stickToBottom();
    }
  }

  /** The window follows once the frame that paints the current changes is over (see `reset`). */
  private moveAfterPaint(): void {
    afterPaint(() => this.scheduleMove());
  }

  /** Once per frame after scrolling or growth: the page's messages follow the viewport. */
  private scheduleMove(): void {
    if (this.moveFrame || this.settling) return;
    this.moveFrame = requestAnimationFrame(() => {
      this.moveFrame = 0;
      const done = this.window.maintain(!this.pinned); // a pinned view goes to the bottom just after
      if (this.pinned) this.scrollToBottom();
      if (!done) this.scheduleMove();
      else if (this.window.atStart && this.hasOlder && this.list.scrollTop < this.list.clientHeight * 2) this.requestOlder();
    });
  }

  private scrollToBottom(): void {
    this.window.showEnd();
    this.list.scrollTop = this.list.scrollHeight;
    this.lastTop = this.list.scrollTop;
    this.pinned = true;
    this.jump.hidden = true;
  }

  private requestOlder(): void {
    const first = this.window.entries[0]?.record.id;
    if (!first) return;
    this.hasOlder = false; // until the host answers
    send({ type: 'loadOlder', beforeId: first });
  }

  /** The answer of `author` before message `id` (the one that handed over), brought onto the page. */
  private showAnswerBefore(id: string, author: string): HTMLElement | undefined {
    const entries = this.window.entries;
    let i = entries.findIndex((e) => e.record.id === id);
    while (--i >= 0 && !(entries[i]!.record.author === author && !entries[i]!.continued));
    const found = i >= 0 ? this.window.reveal(entries[i]!.record.id) : undefined;
    if (found) this.pinned = false;
    return found?.element;
  }

  private announce(text: string): void {
    this.announcer.textContent = text;
  }
}

function upsert(calls: ToolCallView[], call: ToolCallView): ToolCallView[] {
  const i = calls.findIndex((c) => c.id === call.id);
  return i >= 0 ? calls.map((c, j) => (j === i ? call : c)) : [...calls, call];
}
