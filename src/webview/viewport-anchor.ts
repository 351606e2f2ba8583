// Positions relative to the top of a scrolling list's viewport, and keeping what the user reads in place
// while content above it comes or goes. These read the layout: callers read first and change the page after.

/** Where an element's top is, relative to the top of the list's viewport. */
export function topIn(list: HTMLElement, node: HTMLElement): number {
  return node.getBoundingClientRect().top - list.getBoundingClientRect().top;
}

export interface Anchor {
  node: HTMLElement;
  y: number;
}

/** The first of `nodes` that reaches into the viewport, and where it is. */
export function findAnchor(list: HTMLElement, nodes: Iterable<HTMLElement>): Anchor | undefined {
  for (const node of nodes) {
    const y = topIn(list, node);
    if (y + node.offsetHeight > 0) return { node, y };
  }
  return undefined;
}

/** Scrolls the list so that the anchor is where it was, whatever came or went above it. */
export function restoreAnchor(list: HTMLElement, anchor: Anchor | undefined): void {
  if (!anchor?.node.isConnected) return;
  const moved = topIn(list, anchor.node) - anchor.y;
  if (Math.abs(moved) >= 1) list.scrollTop += moved;
}

/** What one maintenance step read of the page before changing it. */
export interface Seen {
  /** Top of the first message on the page (the top spacer's end), relative to the viewport's top; -Infinity unread. */
  first: number;
  /** Top of the bottom spacer: where the messages on the page end; Infinity unread. */
  bottom: number;
  /** Each message's top, and the bottom spacer's last; only when some may leave the page. */
  tops?: number[];
  anchor?: Anchor;
}
