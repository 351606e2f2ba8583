// Loads the syntax highlighter (its own bundle, beside the page's script and under the same nonce) after the
// page's first paint, then colours the code blocks already on the page. The first paint of a conversation
// does not wait for the largest part of the page's script.
import { highlight, installHighlighter, whenHighlighterReady } from './markdown/highlight';
import { sanitize } from './markdown/sanitize';

/** The page's own script element, read while it runs (document.currentScript is null afterwards). */
const ownScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;

/** After the next paint, adds the highlighter's script; `root` is where code blocks are recoloured. */
export function loadHighlighterAfterPaint(root: HTMLElement): void {
  window.agentChatHighlighter = (h) => {
    installHighlighter(h);
    document.documentElement.dataset.highlighter = 'ready';
  };
  whenHighlighterReady(() => recolour(root));
  // Named on the script element when the page carries its script inline (webview-html.ts), else beside it.
  const src = ownScript?.dataset.highlighter ?? ownScript?.src.replace(/webview\.js(?=$|[?#])/, 'webview-highlight.js');
  if (!ownScript || !src) return;
  requestAnimationFrame(() => setTimeout(() => {
    const script = document.createElement('script');
    script.nonce = ownScript.nonce ?? '';
    script.src = src;
    document.body.append(script);
  }));
}

/** Code blocks rendered before the highlighter came, except one still streaming (it is redone when it ends). */
function recolour(root: HTMLElement): void {
  for (const code of root.querySelectorAll<HTMLElement>('.md-code pre code[class*="language-"]')) {
    if (code.querySelector('.md-code-live, span[class^="hljs-"]')) continue;
    const lang = /language-(\S+)/.exec(code.className)?.[1];
    if (lang) code.replaceChildren(sanitize(highlight(code.textContent ?? '', lang)));
  }
}
