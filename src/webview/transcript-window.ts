// Keeps the transcript's DOM bounded however long the conversation: every message is kept as data (its
// record), and only the ones near the viewport have elements. Two spacers stand in for the heights of the
// rest (measured when a message leaves, estimated before it was ever shown), so the scrollbar stays true.
// Messages that are streaming, wait for an approval or hold the focus never leave.
import type { ChatMessageRecord } from '../core/protocol/chat-message';
import { MarkdownView } from './markdown';
import { MessageHeights } from './message-heights';
import { MessageView, type MessageContext } from './message-view';
import { ParkedViews } from './parked-views';
import { Spacer } from './spacer';
import { findAnchor, restoreAnchor, topIn, type Seen } from './viewport-anchor';
import { latestRecord, mustStay, newEntry, type Entry } from './window-entry';

export type { Entry } from './window-entry';

/** Screens of content kept on each side of the viewport, and how far beyond that a message must be to leave. */
const aheadScreens = 1.5;
const keepScreens = 3;
/**
 * Messages the page keeps at least (the newest at first, filled in after the first paint): a conversation
 * of up to this many is on the page whole, as before, so only long ones are windowed.
 */
const minOnPage = 60;
/**
 * Script time one maintenance step may take; the rest goes on in the next frame. The frame then styles, lays
 * out and paints what came, at about as much again. Scrolling back through 10,000 messages three screens
 * a step (the bench's long-session phase; two runs at 6, three at 2.5), the frames' p95 cost was 20.4–21.6
 * ms at 6 and 15.2–16.8 at 2.5; the first message was reached in 18–23 s instead of 15.
 */
const budgetMs = 2.5;
/** Messages one maintenance step may bring onto the page on each side (by known or estimated heights). */
const maxPerStep = 24;
/** Messages that come onto the page together at the least: a sanitizer pass costs about the same for one or six. */
const minPerBatch = 6;

export class MessageWindow {
  readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  private start = 0;
  private end = 0;
  private readonly top = new Spacer();
  private readonly bottom = new Spacer();
  private readonly heights = new MessageHeights();
  private readonly parked = new ParkedViews();
  /** Script time one message takes to come onto the page, learnt as they come (sizes the batches). */
  private msPerMessage = 1;

  constructor(private readonly list: HTMLElement, private readonly context: MessageContext) {}

  get(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The latest state of a message, on the page or not. */
  static record(e: Entry): ChatMessageRecord {
    return latestRecord(e);
  }

  /** Replaces everything; the newest messages are shown (as many as fill the view, and a little more). */
  reset(records: ChatMessageRecord[]): void {
    for (const e of this.entries) e.view?.dispose();
    this.parked.clear();
    this.entries.length = 0;
    this.byId.clear();
    this.list.replaceChildren(this.top.element, this.bottom.element);
    this.top.height = this.bottom.height = 0;
    this.start = this.end = 0;
    let previous: ChatMessageRecord | undefined;
    for (const r of records) previous = this.push(r, previous).record;
    // Only the screen the user sees first: the rest of the reach is rendered after that screen is painted.
    this.showEnd(1);
  }

  /** Older messages above the first: kept as data until the user scrolls near them. */
  prepend(records: ChatMessageRecord[]): void {
    let previous: ChatMessageRecord | undefined;
    const fresh = records.filter((r) => !this.byId.has(r.id)).map((r) => {
      const e = this.entry(r, previous);
      previous = r;
      return e;
    });
    this.entries.unshift(...fresh);
    this.start += fresh.length;
    this.end += fresh.length;
    this.top.height += fresh.length * this.heights.estimate();
  }

  /** A new message at the end: shown at once when the end is on the page, else kept as data. */
  append(record: ChatMessageRecord): Entry {
    const last = this.entries.at(-1);
    const atEnd = this.end === this.entries.length;
    const e = this.push(record, last && latestRecord(last));
    if (atEnd) {
      this.attach(e, this.bottom.element).followViewport();
      this.end++;
    } else {
      this.bottom.height += this.heights.estimate();
    }
    return e;
  }

  /** Shows the newest messages (after "Jump to latest" or sending from far up), filling `screens` of the view. */
  showEnd(screens = 1 + aheadScreens): void {
    if (this.end === this.entries.length && this.start < this.end) return;
    for (let i = this.start; i < this.end; i++) this.detach(this.entries[i]!);
    this.top.height = this.heights.between(this.entries, 0, this.entries.length);
    this.bottom.height = 0;
    this.start = this.end = this.entries.length;
    // The window's height, a little more than the list's: reading the list's would lay out a new page's shell
    // before its first messages are in, and again after (the frame's own layout then does both at once).
    const want = Math.max(window.innerHeight, 400) * screens;
    // As many as the known (or estimated) heights say fill it, then measured: not a batch more than needed.
    for (let short = want; this.start > 0 && short > 0; short = want - this.attachedHeight()) {
      this.attachAbove(Math.max(1, this.heights.countFor(this.entries, short, this.start - 1, -1)));
    }
  }

  /**
   * Brings the page's messages to what is near the viewport; false when more may remain (time ran out, or
   * the heights the messages were taken to have are to be checked in the next frame).
   * `keepInPlace`: what the user reads stays where it is (false when the caller scrolls to the bottom anyway).
   */
  maintain(keepInPlace = true): boolean {
    // Rendering a message (its Markdown) is the costly part: the time is checked after each one, and what
    // does not fit waits for the next frame while the spacer of its stored or estimated height stands in.
    const deadline = performance.now() + budgetMs;
    const screen = Math.max(this.list.clientHeight, 200);
    // Every position is read first, from the layout the last frame made (scrolling leaves it as it was), and
    // the page is changed after: then at most one more layout is read, to keep the reader's place.
    const seen = this.read(keepInPlace);
    const trimmedAbove = this.trim(seen, screen);
    // How far the messages on the page fall short of the wanted reach, filled by the heights the messages are
    // known (or estimated) to have; the next frame reads whether that was enough. Short of the fewest the page
    // keeps, that many come whatever their heights.
    const missing = minOnPage - (this.end - this.start);
    const shortAbove = seen.first + screen * aheadScreens;
    const above = missing > 0 ? missing : shortAbove > 0 ? this.heights.countFor(this.entries, shortAbove, this.start - 1, -1, maxPerStep) : 0;
    const shortBelow = screen * (1 + aheadScreens) - seen.bottom;
    const below = shortBelow > 0 ? this.heights.countFor(this.entries, shortBelow, this.end, 1, maxPerStep) : 0;
    const startBefore = this.start;
    const endBefore = this.end;
    let done = this.attachAbove(above, deadline);
    if (done) done = this.attachBelow(below, deadline);
    if (trimmedAbove || this.start !== startBefore) restoreAnchor(this.list, seen.anchor);
    for (let i = this.start; i < this.end; i++) this.entries[i]!.view!.followViewport();
    return done && this.start === startBefore && this.end === endBefore;
  }

  /** Whether the first message known is on the page (older ones may then be asked for). */
  get atStart(): boolean {
    return this.start === 0;
  }

  /** Puts the message on the page (the window moves to it) and returns its view. */
  reveal(id: string): MessageView | undefined {
    const index = this.entries.findIndex((e) => e.record.id === id);
    if (index < 0) return undefined;
    if (index < this.start || index >= this.end) {
      for (let i = this.start; i < this.end; i++) this.detach(this.entries[i]!);
      this.top.height = this.heights.between(this.entries, 0, index);
      this.bottom.height = this.heights.between(this.entries, index, this.entries.length);
      this.start = this.end = index;
      this.attachBelow(1);
    }
    return this.entries[index]!.view;
  }

  private push(record: ChatMessageRecord, previous: ChatMessageRecord | undefined): Entry {
    const e = this.entry(record, previous);
    this.entries.push(e);
    return e;
  }

  private entry(record: ChatMessageRecord, previous: ChatMessageRecord | undefined): Entry {
    const e = newEntry(record, previous);
    this.byId.set(record.id, e);
    return e;
  }

  /** The elements of the messages on the page, top to bottom. */
  private *onPage(): Generator<HTMLElement> {
    for (let i = this.start; i < this.end; i++) yield this.entries[i]!.view!.element;
  }

  /** Attaches up to `count` messages above the page's; false when `deadline` passed first (the rest waits). */
  private attachAbove(count: number, deadline = Infinity): boolean {
    return this.attachInBatches(Math.min(count, this.start), deadline, () => {
      const e = this.entries[--this.start]!;
      this.top.height = Math.max(0, this.top.height - this.heights.of(e));
      return this.attach(e, this.start + 1 < this.end ? this.entries[this.start + 1]!.view!.element : this.bottom.element);
    });
  }

  private attachBelow(count: number, deadline = Infinity): boolean {
    return this.attachInBatches(Math.min(count, this.entries.length - this.end), deadline, () => {
      const e = this.entries[this.end++]!;
      this.bottom.height = Math.max(0, this.bottom.height - this.heights.of(e));
      return this.attach(e, this.bottom.element);
    });
  }

  /**
   * Attaches `count` messages by `next`, as many at a time as the time left is expected to render (learnt from
   * the batches before, never fewer than `minPerBatch`), each batch's Markdown sanitized in one pass; at least
   * one batch whatever the time.
   */
  private attachInBatches(count: number, deadline: number, next: () => MessageView): boolean {
    for (let left = count; left > 0; ) {
      const started = performance.now();
      if (left < count && started > deadline) return false;
      const n = Math.min(left, Math.max(minPerBatch, Math.floor((deadline - started) / this.msPerMessage)));
      const views: MessageView[] = [];
      MarkdownView.together(() => {
        for (let k = 0; k < n; k++) views.push(next());
      });
      for (const view of views) view.followViewport(); // an answer with many tool rows: the ones near the viewport
      this.msPerMessage = 0.7 * this.msPerMessage + 0.3 * Math.max(0.05, (performance.now() - started) / n);
      left -= n;
    }
    return performance.now() <= deadline;
  }

  /**
   * Where the page's messages are, read in one layout before the page changes: the top of the first and of
   * the bottom spacer, each message's top when there are more than the fewest kept (else none can leave),
   * and the message the reader's place is kept by.
   */
  private read(withAnchor: boolean): Seen {
    // Only what can matter is read: nothing above the first message known, nothing below the last, and no
    // reach above while the page has fewer than the fewest it keeps (those come whatever their heights).
    const bottom = this.end < this.entries.length ? this.y(this.bottom.element) : Infinity;
    if (this.end - this.start <= minOnPage) {
      const first = this.start > 0 && this.end - this.start === minOnPage ? this.y(this.top.element) + this.top.height : -Infinity;
      return { first, bottom, anchor: withAnchor ? findAnchor(this.list, this.onPage()) : undefined };
    }
    const tops: number[] = [];
    for (const node of this.onPage()) tops.push(this.y(node));
    tops.push(this.y(this.bottom.element));
    // The first message that reaches into the viewport (the next one starts below the viewport's top).
    const k = tops.findIndex((top, i) => i + 1 < tops.length && tops[i + 1]! > 0);
    const anchor = withAnchor && k >= 0 ? { node: this.entries[this.start + k]!.view!.element, y: tops[k]! } : undefined;
    return { first: tops[0]!, bottom: tops.at(-1)!, tops, anchor };
  }

  /**
   * Messages far outside the viewport leave the page (from either end, never past one that must stay), by the
   * positions read before; true when some left above the viewport.
   */
  private trim(seen: Seen, screen: number): boolean {
    const tops = seen.tops;
    if (!tops) return false;
    const limit = screen * keepScreens;
    const at = (i: number) => tops[i - this.start]!;
    let from = this.start;
    let to = this.end;
    while (to - from > minOnPage && !mustStay(this.entries[from]!) && at(from + 1) <= -limit) from++;
    while (to - from > minOnPage && !mustStay(this.entries[to - 1]!) && at(to - 1) >= screen + limit) to--;
    let above = 0;
    let below = 0;
    for (let i = this.start; i < from; i++) above += this.leave(this.entries[i]!, at(i + 1) - at(i));
    for (let i = to; i < this.end; i++) below += this.leave(this.entries[i]!, at(i + 1) - at(i));
    this.top.height += above;
    this.bottom.height += below;
    const trimmedAbove = from > this.start;
    this.start = from;
    this.end = to;
    return trimmedAbove;
  }

  /** A message leaves the page; its measured height is kept for its spacer and for when it comes back. */
  private leave(e: Entry, height: number): number {
    this.heights.note(e, height);
    this.detach(e);
    return height;
  }

  private attach(e: Entry, before: Node): MessageView {
    // Back into view unchanged: the elements it had, with no Markdown to render again.
    const view = this.parked.take(e) ?? new MessageView(e.record, this.context, e.continued);
    e.view = view;
    this.list.insertBefore(view.element, before);
    // In full, now: text painted later above the viewport would push what the user reads down.
    while (view.paint());
    return view;
  }

  private detach(e: Entry): void {
    if (!e.view) return;
    e.record = { ...e.view.current, deltaSeq: e.view.seq };
    e.view.element.remove();
    this.parked.park(e, e.view);
    e.view = undefined;
  }

  private attachedHeight(): number {
    return this.y(this.bottom.element) - this.y(this.top.element) - this.top.height;
  }

  private y(node: HTMLElement): number {
    return topIn(this.list, node);
  }
}
