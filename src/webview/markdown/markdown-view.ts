// A message's rendered Markdown, kept up to date while the text streams in. Finished blocks are rendered
// once and their DOM kept; only the growing tail block is rendered again, so a paint costs the same at
// the end of a long answer as at its start. One click listener serves every link and code button.
import { el } from '../dom';
import { BlockSplitter } from './blocks';
import { toggleWrap, watchCodeOverflow } from './code-overflow';
import { codeAction, type MarkdownAction } from './code-toolbar';
import { renderBlocks, renderMarkdown } from './render';
import { safeHref } from './sanitize';
import { StreamingCode } from './streaming-code';

export class MarkdownView {
  readonly element: HTMLElement;
  private splitter = new BlockSplitter();
  private text = '';
  private tailSource = '';
  private tail: HTMLElement | undefined;
  /** Set while the tail is an open code block, which is rendered chunk by chunk. */
  private code: StreamingCode | undefined;

  constructor(private readonly post: (action: MarkdownAction) => void) {
    this.element = el('div', { class: 'markdown' });
    this.element.addEventListener('click', (e) => this.onClick(e));
    // A middle click would otherwise try to open the link in a new window.
    this.element.addEventListener('auxclick', (e) => {
      if (e.target instanceof Element && e.target.closest('a')) e.preventDefault();
    });
  }

  /** Shows `text`. Cheap when it only grew; renders from scratch when it was replaced. False if unchanged. */
  render(text: string): boolean {
    if (text === this.text) return false;
    this.text = text;
    const { reset, finished, tail, openFence } = this.splitter.update(text);
    if (reset) {
      this.element.replaceChildren();
      this.tail = undefined;
      this.tailSource = '';
    }
    // A new tail begins after a cut: what was rendered for the old one is no use to it.
    if (reset || finished.length) this.code = undefined;
    if (finished.length) this.element.insertBefore(watched(renderBlocks(finished)), this.tail ?? null);
    if (tail !== this.tailSource || finished.length) this.renderTail(tail, openFence);
    return true;
  }

  private renderTail(source: string, openFence: boolean): void {
    this.tailSource = source;
    if (!source) {
      this.tail?.remove();
      this.tail = undefined;
      return;
    }
    // Keep the tail element itself so anything around it (scroll anchoring, focus nearby) stays put.
    this.tail ??= this.element.appendChild(el('div', { class: 'md-block' }));
    if (!openFence) {
      this.code = undefined;
      // A tail that is not an open fence holds a code block only when it is nested (in a list) or closed at the very end.
      this.tail.replaceChildren(watched(renderMarkdown(source)));
      return;
    }
    if (!this.code) {
      this.code = new StreamingCode(source);
      this.tail.replaceChildren(this.code.element);
    }
    this.code.update(source);
  }

  private onClick(e: MouseEvent): void {
    if (!(e.target instanceof Element)) return;
    const link = e.target.closest('a');
    if (link && this.element.contains(link)) {
      // The webview never navigates; the host opens http(s) links in the browser after this click.
      e.preventDefault();
      const href = safeHref(link.getAttribute('href') ?? '');
      if (href) this.post({ type: 'openLink', href });
      return;
    }
    if (toggleWrap(e.target)) return;
    const action = codeAction(e.target);
    if (action) this.post(action);
  }
}

/** Code blocks that are finished get the cut-off lines hint (measured after layout, see code-overflow.ts). */
function watched(fragment: DocumentFragment): DocumentFragment {
  watchCodeOverflow(fragment);
  return fragment;
}
