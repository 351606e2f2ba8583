// Loads the syntax highlighter (its own bundle, beside the page's script and under the same nonce) after the
// page's first paint, then colours the code blocks already on the page. The first paint of a conversation
// does not wait for the largest part of the page's script.
import { whenMarkdownReady } from './markdown/engine';
import { highlight, installHighlighter, whenHighlighterReady } from './markdown/highlight';
import { sanitize } from './markdown/render';
import { addScriptAfterPaint } from './lazy-script';

/** After the next paint, adds the highlighter's script; `root` is where code blocks are recoloured. */
export function loadHighlighterAfterPaint(root: HTMLElement): void {
  window.agentChatHighlighter = (h) => {
    installHighlighter(h);
    document.documentElement.dataset.highlighter = 'ready';
  };
  // Code blocks exist only once Markdown is rendered, which needs the page's Markdown script too.
  whenHighlighterReady(() => whenMarkdownReady(() => recolour(root)));
  addScriptAfterPaint({ dataKey: 'highlighter', file: 'webview-highlight.js' });
}

/** Code blocks rendered before the highlighter came, except one still streaming (it is redone when it ends). */
function recolour(root: HTMLElement): void {
  for (const code of root.querySelectorAll<HTMLElement>('.md-code pre code[class*="language-"]')) {
    if (code.querySelector('.md-code-live, span[class^="hljs-"]')) continue;
    const lang = /language-(\S+)/.exec(code.className)?.[1];
    if (lang) code.replaceChildren(sanitize(highlight(code.textContent ?? '', lang)));
  }
}
