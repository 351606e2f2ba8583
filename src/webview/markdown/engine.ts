// The Markdown engine (marked and the sanitizer) as the page's first script sees it: it arrives with the page's
// second script (markdown-entry.ts), which the page loads after its first paint. Until then, and for good if that
// script cannot load, answers show their text plainly (markdown-view.ts).
import type { CodeHighlight } from './to-html';

/** What the second script hands over. */
export interface MarkdownEngineParts {
  createToHtml(highlight: CodeHighlight): (source: string) => string;
  sanitize(html: string): DocumentFragment;
}

export interface MarkdownEngine {
  toHtml(source: string): string;
  sanitize(html: string): DocumentFragment;
}

let engine: MarkdownEngine | undefined;
let failed = false;
let waiting: (() => void)[] = [];

/** Called once the second script has run; `highlight` colours code blocks (markdown/highlight.ts). */
export function installMarkdownEngine(parts: MarkdownEngineParts, highlight: CodeHighlight): void {
  engine = { toHtml: parts.createToHtml(highlight), sanitize: parts.sanitize };
  for (const fn of waiting.splice(0)) fn();
}

/** The second script could not be loaded: nothing waiting for it will run, so nothing is kept for it. */
export function markdownEngineFailed(): void {
  failed = true;
  waiting = [];
}

/** The engine, once it is there. */
export function markdownEngine(): MarkdownEngine | undefined {
  return engine;
}

/** Runs `fn` once the engine is there (now if it is); never if it cannot come. */
export function whenMarkdownReady(fn: () => void): void {
  if (engine) fn();
  else if (!failed) waiting.push(fn);
}

/** The engine is not there and will not come: answers stay plain text. */
export function markdownUnavailable(): boolean {
  return failed;
}
