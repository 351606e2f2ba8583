// Keeps one answer's tool rows bounded on the page however many calls it makes: with more than a few dozen
// rows, only those near the transcript's viewport are in the DOM, and spacers stand for the others (their
// heights as measured when they left, estimated before they were ever shown). Rows that wait for an approval
// or hold the focus never leave. The transcript windows whole messages (transcript-window.ts); this windows
// the rows inside one.

/** Up to this many rows an answer shows them all, as it always did. */
const allUpTo = 40;
/** Screens of rows kept on each side of the viewport. */
const aheadScreens = 0.5;
/** A row's height before one was ever measured (one progress line). */
const defaultRowHeight = 26;

export interface ToolRow {
  /** Stable for the row's life (its first call's id), so its height is remembered across rebuilds. */
  key: string;
  node: HTMLElement;
}

export class ToolRowsWindow {
  private rows: ToolRow[] = [];
  private readonly heights = new Map<string, number>();
  private measured = { sum: 0, count: 0 };
  /** Keys of the rows on the page, and of those the last placement by the viewport put there. */
  private shown = new Set<string>();
  private placed = new Set<string>();
  private frame = 0;

  constructor(private readonly container: HTMLElement) {}

  /**
   * The answer's rows changed (a call came or changed). With many rows this reads no layout: the rows that
   * were on the page stay (a changed one as its new element), new ones come, and where the viewport is gets
   * looked at once in the next frame, however many calls change before it (hundreds may, in a burst).
   */
  set(rows: ToolRow[]): void {
    this.rows = rows;
    // Most messages have no calls: nothing to place, and nothing allocated for it (a scroll back through a long
    // conversation builds thousands of views; placing their empty rows was 5% of what that allocated).
    if (!rows.length && !this.container.firstChild) return;
    // Few rows, or a view still being built (not on the page yet): placed now, as neither reads the layout.
    if (rows.length <= allUpTo || !this.container.isConnected) return this.place();
    // New rows come at once only among the newest (a burst of hundreds would be laid out all together in the
    // next frame, before that frame's placement sends most of them away); the rest wait as spacers for it.
    const newestFrom = rows.length - allUpTo;
    this.arrange((i, row) => this.placed.has(row.key) || i >= newestFrom || mustStay(row.node));
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      if (this.container.isConnected) this.place();
    });
  }

  /** The viewport moved: the rows near it come onto the page, the ones far from it leave. */
  follow(): void {
    if (this.rows.length > allUpTo) this.place();
  }

  /** The view left the page: no placement waits for a frame. */
  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private place(): void {
    const scroller = this.container.closest<HTMLElement>('[role="log"]');
    const show = this.rows.length <= allUpTo ? undefined : scroller ? this.near(scroller) : this.last();
    const anchor = scroller && show ? this.anchor(scroller) : undefined;
    this.measureLeaving(show);
    this.arrange(show);
    this.placed = this.shown;
    if (anchor && scroller && anchor.node.isConnected) {
      const moved = anchor.node.getBoundingClientRect().top - anchor.top;
      if (Math.abs(moved) >= 1) scroller.scrollTop += moved;
    }
  }

  /** Puts the rows `show` picks on the page, spacers of their heights for the others (no layout read). */
  private arrange(show: ((i: number, row: ToolRow) => boolean) | undefined): void {
    const wanted: Node[] = [];
    const shown = new Set<string>();
    // The spacers already on the page stand for the new gaps, in order: no element made or dropped per update.
    const spacers = [...this.container.children].filter((n): n is HTMLElement => n.classList.contains('tool-rows-spacer'));
    const addSpacer = (height: number) => wanted.push(sized(spacers.shift() ?? spacer(), height));
    let gap = 0;
    this.rows.forEach((row, i) => {
      if (!show || show(i, row)) {
        if (gap) addSpacer(gap);
        gap = 0;
        wanted.push(row.node);
        shown.add(row.key);
      } else {
        gap += this.heightOf(row.key);
      }
    });
    if (gap) addSpacer(gap);
    reconcile(this.container, wanted);
    this.shown = shown;
  }

  /** Which rows belong on the page: those within a screen of the viewport (by their known or estimated heights), and those that must stay. */
  private near(scroller: HTMLElement): (i: number, row: ToolRow) => boolean {
    const view = scroller.getBoundingClientRect();
    const top = this.container.getBoundingClientRect().top - view.top;
    const margin = view.height * aheadScreens;
    const from = -top - margin;
    const to = -top + view.height + margin;
    const starts: number[] = [];
    let y = 0;
    for (const row of this.rows) {
      starts.push(y);
      y += this.heightOf(row.key);
    }
    return (i, row) => {
      const start = starts[i]!;
      return (start + this.heightOf(row.key) > from && start < to) || mustStay(row.node);
    };
  }

  /** Not on the page yet (a view being built): the newest rows, until it is placed in the viewport. */
  private last(): (i: number, row: ToolRow) => boolean {
    const from = this.rows.length - allUpTo;
    return (i, row) => i >= from || mustStay(row.node);
  }

  /** Rows about to leave the page are measured first (one layout for all), so their spacer keeps their height. */
  private measureLeaving(show: ((i: number, row: ToolRow) => boolean) | undefined): void {
    if (!show) return;
    this.rows.forEach((row, i) => {
      if (row.node.parentNode !== this.container || show(i, row)) return;
      const h = row.node.getBoundingClientRect().height;
      if (!this.heights.has(row.key)) this.measured = { sum: this.measured.sum + h, count: this.measured.count + 1 };
      this.heights.set(row.key, h);
    });
  }

  private heightOf(key: string): number {
    return this.heights.get(key) ?? (this.measured.count ? this.measured.sum / this.measured.count : defaultRowHeight);
  }

  /** The first row on the page that reaches into the viewport, and where it is, to keep it in place. */
  private anchor(scroller: HTMLElement): { node: HTMLElement; top: number } | undefined {
    const viewTop = scroller.getBoundingClientRect().top;
    for (const row of this.rows) {
      if (row.node.parentNode !== this.container) continue;
      const box = row.node.getBoundingClientRect();
      if (box.bottom > viewTop) return { node: row.node, top: box.top };
    }
    return undefined;
  }
}

function mustStay(node: HTMLElement): boolean {
  return node.dataset.toolStatus === 'awaitingApproval' || node.contains(document.activeElement);
}

function spacer(): HTMLElement {
  const s = document.createElement('div');
  s.className = 'tool-rows-spacer';
  s.setAttribute('aria-hidden', 'true');
  return s;
}

/** Sets a spacer's height, leaving its style alone when the height is the same (nothing to lay out again). */
function sized(s: HTMLElement, height: number): HTMLElement {
  const px = `${height}px`;
  if (s.style.height !== px) s.style.height = px;
  return s;
}

/**
 * Makes the container's children exactly `wanted`, moving only what changed: rows kept stay where they are
 * (not taken out and put back, which would have the browser style and lay out each one afresh).
 */
function reconcile(container: HTMLElement, wanted: Node[]): void {
  const keep = new Set(wanted);
  let cursor = container.firstChild;
  const dropUnwanted = () => {
    while (cursor && !keep.has(cursor)) {
      const next: ChildNode | null = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
  };
  for (const node of wanted) {
    dropUnwanted();
    if (node === cursor) cursor = cursor.nextSibling;
    else container.insertBefore(node, cursor);
  }
  keep.clear();
  dropUnwanted();
}
