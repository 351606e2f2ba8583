// An empty block that stands for the height of content that is not on the page (messages or tool rows
// kept as data), so the scrollbar stays true. Its height is remembered, so reading it needs no layout.
import { el } from './dom';

export class Spacer {
  readonly element = el('div', { class: 'transcript-spacer', 'aria-hidden': 'true' });
  private px = 0;

  get height(): number {
    return this.px;
  }

  set height(px: number) {
    if (px === this.px && this.element.style.height) return; // unchanged: no style to recompute
    this.px = px;
    this.element.style.height = `${px}px`;
  }
}
