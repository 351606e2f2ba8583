// Entry of the second webview bundle (dist/webview-highlight.js): hands the syntax highlighter to the page,
// which loads this script after its first paint (see lazy-highlight.ts).
import { highlightKnown } from './markdown/languages';

declare global {
  interface Window {
    agentChatHighlighter?: (h: typeof highlightKnown) => void;
  }
}

window.agentChatHighlighter?.(highlightKnown);
