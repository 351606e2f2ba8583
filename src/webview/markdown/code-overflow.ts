// Marks code blocks whose lines are cut off (wider than the view) so their toolbar offers to wrap them.
// One ResizeObserver measures a block after it is laid out and again when its width changes (the view was
// resized); nothing is measured while a code block streams, and the measuring happens after layout, never
// forcing one.
let observer: ResizeObserver | undefined;

/** Watches the code blocks of a freshly rendered, finished fragment (before or after it is inserted). */
export function watchCodeOverflow(root: ParentNode): void {
  const blocks = root.querySelectorAll<HTMLElement>('.md-code > pre');
  if (!blocks.length) return;
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) markCut(entry.target as HTMLElement);
  });
  for (const pre of blocks) observer.observe(pre);
}

function markCut(pre: HTMLElement): void {
  const block = pre.parentElement;
  // A wrapped block cuts nothing; it keeps its mark so the toggle stays to unwrap it.
  if (!block || block.hasAttribute('data-wrap')) return;
  block.toggleAttribute('data-cut', pre.scrollWidth > pre.clientWidth + 1);
}

/** Handles a click on a block's *Wrap Long Lines* toggle; false when the click was not on one. */
export function toggleWrap(target: Element): boolean {
  const button = target.closest<HTMLElement>('button[data-md-action="wrap"]');
  const block = button?.closest<HTMLElement>('.md-code');
  if (!button || !block) return false;
  const wrap = !block.hasAttribute('data-wrap');
  block.toggleAttribute('data-wrap', wrap);
  button.setAttribute('aria-pressed', String(wrap));
  return true;
}
