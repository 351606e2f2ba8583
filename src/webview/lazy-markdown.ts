// Loads the page's Markdown engine (marked and the sanitizer, dist/webview-markdown.js) after its first paint:
// they are half of what the page would otherwise compile before it shows anything. Answers show their text
// plainly until then; if the script cannot be loaded they stay so, and the page says why.
import { el } from './dom';
import { addScriptAfterPaint } from './lazy-script';
import { localize } from './localize';
import { highlight } from './markdown/highlight';
import { installMarkdownEngine, markdownEngineFailed } from './markdown/engine';

/** After the next paint, adds the Markdown script; a failure shows `problemIn`'s first line. */
export function loadMarkdownAfterPaint(problemIn: HTMLElement): void {
  window.agentChatMarkdown = (parts) => {
    installMarkdownEngine(parts, highlight);
    document.documentElement.dataset.markdown = 'ready';
  };
  const added = addScriptAfterPaint({ dataKey: 'markdown', file: 'webview-markdown.js', onError: () => failed(problemIn) });
  if (!added) failed(problemIn);
}

function failed(problemIn: HTMLElement): void {
  markdownEngineFailed();
  document.documentElement.dataset.markdown = 'failed';
  problemIn.prepend(el('p', { class: 'page-problem', role: 'status' }, localize('Formatting could not be loaded: answers are shown as plain text. Reopening the chat may help.')));
}
