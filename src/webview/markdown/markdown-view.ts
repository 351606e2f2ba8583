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
import { renderBlockGroups, renderBlocks, renderMarkdown } from './render';
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
  /** While set, a view's first text waits here to be rendered with the others' (see `together`). */
  private static batch: [MarkdownView, string][] | undefined;

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

  /**
   * Runs `build` with the first text of every view it renders kept until it returns, then shows them all with
   * one sanitizer pass (see `renderAll`): messages coming onto the page together. Nothing is laid out between.
   */
  static together(build: () => void): void {
    const batch: [MarkdownView, string][] = [];
    MarkdownView.batch = batch;
    try {
      build();
    } finally {
      MarkdownView.batch = undefined;
      MarkdownView.renderAll(batch);
    }
  }

  /** Whether a `together` is running: rendering waits for its end, so timing a render measures nothing. */
  static get deferring(): boolean {
    return !!MarkdownView.batch;
  }

  /**
   * Shows each view's text (views that show nothing yet), with one sanitizer pass for all of them: each pass
   * sets up a document of its own, which costs more than a short answer's Markdown. A view that shows text
   * already, shows it plainly, or ends in an open code block (rendered as it streams) renders on its own.
   */
  private static renderAll(items: ReadonlyArray<readonly [MarkdownView, string]>): void {
    const batch: { view: MarkdownView; blocks: string[]; tail: string }[] = [];
    for (const [view, text] of items) {
      if (view.text || view.plain || MarkdownView.waiting || !text) {
        view.render(text);
        continue;
      }
      const { finished, tail, openFence } = view.splitter.update(text);
      view.text = text;
      if (openFence) {
        // The splitter has seen the text: only its tail is left to render, as `render` would.
        if (finished.length) view.element.append(watched(renderBlocks(finished)));
        view.renderTail(tail, true);
        continue;
      }
      batch.push({ view, blocks: tail ? [...finished, tail] : finished, tail });
    }
    const fragments = renderBlockGroups(batch.map((b) => b.blocks));
    batch.forEach(({ view, tail }, i) => {
      const fragment = watched(fragments[i]!);
      // The last block is the tail, kept as the element later text renders into.
      if (tail) view.tail = fragment.lastElementChild as HTMLElement;
      view.tailSource = tail;
      view.element.append(fragment);
    });
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
    if (MarkdownView.batch && !this.text && !this.plain && !MarkdownView.waiting && markdownEngine()) return MarkdownView.batch.push([this, text]) > 0;
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
