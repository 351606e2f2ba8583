// Syntax highlighting for code blocks, once the highlighter (markdown/languages.ts, a bundle of its own)
// has loaded: until then, and for languages it does not know, code is shown as plain escaped text (never
// guessed: auto-detection runs every grammar over the code on every paint). Blocks already on the page
// are coloured when it arrives.
import { escapeHtml } from './escape';

export type Highlighter = (code: string, lang: string) => string | undefined;

let highlighter: Highlighter | undefined;
const waiting: (() => void)[] = [];

/** Called once the highlighter's bundle has run; `then` runs too, whenever that happens (e.g. to recolour). */
export function installHighlighter(h: Highlighter): void {
  highlighter = h;
  for (const fn of waiting.splice(0)) fn();
}

export function whenHighlighterReady(fn: () => void): void {
  if (highlighter) fn();
  else waiting.push(fn);
}

/**
 * HTML for `code` in `lang` (a name or one of the grammars' aliases: `ts`, `py`, `sh`, `html`, `yml`…):
 * escaped text inside `<span class="hljs-…">`, or just the escaped text for a language we do not know.
 */
export function highlight(code: string, lang: string | undefined): string {
  return (lang && highlighter?.(code, lang)) || escapeHtml(code);
}
