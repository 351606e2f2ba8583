// A message's rendered Markdown, kept up to date while the text streams in. Finished blocks are rendered
// once and their DOM kept; only the growing tail block is rendered again, so a paint costs the same at
// the end of a long answer as at its start. One click listener serves every link and code button.
// A new page's first screen may show its answers' text plainly and render their Markdown right after that
// screen is painted (`plainWhile`): rendering Markdown for the first time costs the page most of its start.
// Markdown needs the page's second script (engine.ts); a view rendered before it came shows its text plainly and
// is rendered again when it comes.
import { el } from '../dom';
import { BlockSplitter } from './blocks';
import { toggleWrap, watchCodeOverflow } from './code-overflow';
import { codeAction, type MarkdownAction } from './code-toolbar';
import { markdownEngine, markdownUnavailable, whenMarkdownReady } from './engine';
import { renderBlocks, renderMarkdown } from './render';
import { safeHref } from './safe-href';
import { StreamingCode } from './streaming-code';

export class MarkdownView {
  readonly element: HTMLElement;
  private splitter = new BlockSplitter();
  private text = '';
  private tailSource = '';
  private tail: HTMLElement | undefined;
  /** Set while the tail is an open code block, which is rendered chunk by chunk. */
  private code: StreamingCode | undefined;
  /** Shows its text plainly (no Markdown yet): the next `render` starts from scratch. */
  private plain = false;
  /** While set, views render plain text and wait here for their Markdown (see `plainWhile`). */
  private static waiting: Set<MarkdownView> | undefined;
  /** Views shown plainly because the Markdown engine had not come yet: rendered when it comes. */
  private static awaitingEngine: Set<MarkdownView> | undefined;

  /**
   * Runs `build` with every view it renders showing its text plainly (as text, never as HTML) instead of as
   * Markdown; the returned function renders them as Markdown. A view that changes before then renders fully.
   */
  static plainWhile(build: () => void): () => void {
    const views = new Set<MarkdownView>();
    MarkdownView.waiting = views;
    try {
      build();
    } finally {
      MarkdownView.waiting = undefined;
    }
    return () => {
      for (const view of views) if (view.plain) view.render(view.text);
    };
  }

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
    if (text === this.text && !this.plain) return false;
    this.text = text;
    if (MarkdownView.waiting || !markdownEngine()) return this.renderPlain(text);
    if (this.plain) this.startOver();
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

  private renderPlain(text: string): boolean {
    if (MarkdownView.waiting) MarkdownView.waiting.add(this);
    else MarkdownView.awaitEngine(this);
    this.plain = true;
    this.element.replaceChildren(el('div', { class: 'md-block md-plain' }, el('p', {}, text)));
    return true;
  }

  /** Renders `view` as Markdown once the engine comes (one wait for all views); it stays plain if it cannot. */
  private static awaitEngine(view: MarkdownView): void {
    if (markdownUnavailable()) {
      MarkdownView.awaitingEngine = undefined; // nothing will render them: let them go
      return;
    }
    if (!MarkdownView.awaitingEngine) {
      const views = (MarkdownView.awaitingEngine = new Set());
      whenMarkdownReady(() => {
        MarkdownView.awaitingEngine = undefined;
        for (const v of views) if (v.plain) v.render(v.text);
      });
    }
    MarkdownView.awaitingEngine.add(view);
  }

  private startOver(): void {
    this.plain = false;
    this.splitter = new BlockSplitter();
    this.element.replaceChildren();
    this.tail = undefined;
    this.tailSource = '';
    this.code = undefined;
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
