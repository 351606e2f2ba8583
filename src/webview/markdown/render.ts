// Markdown source → safe DOM. marked parses, our renderer overrides decide what is allowed to mean
// something (to-html.ts), and the sanitizer has the last word. Raw HTML from the model is shown as text, links
// are http(s) only, and images become links: nothing rendered here loads anything by itself. Both come with the
// page's second script (engine.ts): callers render Markdown only once it is there (markdown-view.ts).
import { markMentions } from '../agents';
import { addCodeToolbars } from './code-toolbar';
import { markdownEngine, type MarkdownEngine } from './engine';

/** Renders one block (or a whole text) of Markdown to a sanitized fragment with code toolbars. */
export function renderMarkdown(source: string): DocumentFragment {
  return plainParagraph(source) ?? finish(toHtml(source));
}

/**
 * One line of words and plain punctuation, which Markdown can only make a paragraph of (no markup, link,
 * mention, list or heading can start in it): an answer's first words, and many tails of prose while they
 * stream. Letters first, so no list number or indentation; no `www.`, so no autolink.
 */
const plainLine = /^\p{L}[\p{L}\p{N} ,.!?;'\u2019]*$/u;

/**
 * The paragraph marked and the sanitizer would make of plain text, built directly: the first text of an answer
 * is painted without parsing and sanitising it (the sanitizer sets up a document of its own for every call).
 */
function plainParagraph(source: string): DocumentFragment | undefined {
  if (!plainLine.test(source) || /www\./i.test(source)) return undefined;
  const fragment = document.createDocumentFragment();
  const paragraph = document.createElement('p');
  paragraph.textContent = source;
  fragment.append(paragraph, '\n');
  return fragment;
}

/**
 * Renders blocks as `<div class="md-block">` each, in one fragment. One sanitizer pass for all of them:
 * each pass sets up a fresh inert document, which costs more than sanitizing a small block.
 */
export function renderBlocks(sources: string[]): DocumentFragment {
  return finish(sources.map((source) => `<div class="md-block">${toHtml(source)}</div>`).join(''));
}

/**
 * Renders several texts' blocks (each a message's), one fragment of `<div class="md-block">`s per text, with one
 * sanitizer pass for them all. Each text is its own wrapper in the pass; should the wrappers not come back one
 * per text as sent, each text is rendered again on its own.
 */
export function renderBlockGroups(groups: string[][]): DocumentFragment[] {
  if (groups.length < 2) return groups.map(renderBlocks);
  const html = groups.map((blocks) => `<div class="md-group">${blocks.map((source) => `<div class="md-block">${toHtml(source)}</div>`).join('')}</div>`).join('');
  const all = finish(html);
  const wrappers = [...all.childNodes];
  if (wrappers.length !== groups.length || !wrappers.every((w) => w instanceof HTMLElement && w.className === 'md-group')) return groups.map(renderBlocks);
  return wrappers.map((wrapper) => {
    const fragment = document.createDocumentFragment();
    fragment.append(...wrapper.childNodes);
    return fragment;
  });
}

function toHtml(source: string): string {
  return loaded().toHtml(source);
}

function loaded(): MarkdownEngine {
  const engine = markdownEngine();
  if (!engine) throw new Error('Markdown was rendered before its engine loaded');
  return engine;
}

/** `html` (from the renderer or the highlighter) through the sanitizer. */
export function sanitize(html: string): DocumentFragment {
  return loaded().sanitize(html);
}

function finish(html: string): DocumentFragment {
  const fragment = sanitize(html);
  addCodeToolbars(fragment);
  markMentions(fragment);
  return fragment;
}
