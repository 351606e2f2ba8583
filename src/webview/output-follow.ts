// Keeps a command's output block at its end while output arrives, without reading layout in the frames that add
// output: a one-pixel marker after the last line is the block's only scroll anchor while it follows, so Chromium's
// scroll anchoring moves the view with it as lines are added or dropped, in the layout the frame does anyway.
// Scroll anchoring does not act while a box is scrolled to its very top (the block just began to overflow), so an
// IntersectionObserver, whose callbacks come after a frame's layout, scrolls the block once when the marker left
// the view and the user did not scroll away. Scrolled up, the lines themselves anchor, so dropped or added lines do
// not move what the user reads (media/chat.css).

/**
 * Scrolls a following block whose end marker left the view; the callback runs after the frame's layout, so its
 * reads cost nothing. Its root is the page's viewport: a block is its own scroller, so the marker is out of the
 * viewport's sight whenever it is out of the block's (a block scrolled off the page is only scrolled to where it is).
 */
let watcher: IntersectionObserver | undefined;

function endWatcher(): IntersectionObserver {
  watcher ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const pre = entry.target.parentElement;
      if (!entry.isIntersecting && pre?.isConnected && following(pre)) pre.scrollTop = pre.scrollHeight;
    }
  });
  return watcher;
}

/** The marker at the block's end; lines are always inserted before it. */
export function outputEnd(pre: HTMLElement): HTMLElement {
  const last = pre.lastElementChild;
  if (last instanceof HTMLElement && last.classList.contains('output-end')) return last;
  const end = document.createElement('span');
  end.className = 'output-end';
  end.setAttribute('aria-hidden', 'true');
  pre.append(end);
  return end;
}

/** The last shown piece of output (the element before the end marker). */
export function lastPiece(pre: HTMLElement): HTMLElement | null {
  return outputEnd(pre).previousElementSibling as HTMLElement | null;
}

/** Whether the block follows its end: until the user scrolls away from it; scrolling back follows again. */
export function following(pre: HTMLElement): boolean {
  return pre.dataset.follow !== 'off';
}

/**
 * Makes a new block follow its end: scrolled there before its first paint (one layout of a block just built,
 * which that frame lays out anyway), then kept there by scroll anchoring and the marker's observer.
 */
export function followEnd(pre: HTMLElement): void {
  const end = outputEnd(pre);
  pre.addEventListener('scroll', () => {
    const follow = pre.scrollHeight - pre.scrollTop - pre.clientHeight <= 4 ? '' : 'off';
    // Scroll anchoring scrolls a following block in every frame that adds output: only a change is written.
    if (pre.dataset.follow !== follow) pre.dataset.follow = follow;
  }, { passive: true });
  endWatcher().observe(end);
  requestAnimationFrame(() => {
    if (pre.isConnected && following(pre)) pre.scrollTop = pre.scrollHeight;
  });
}
