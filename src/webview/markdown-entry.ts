// Entry of the page's Markdown bundle (dist/webview-markdown.js): hands marked (behind our renderer) and the
// sanitizer to the page, which loads this script after its first paint (see lazy-markdown.ts).
import type { MarkdownEngineParts } from './markdown/engine';
import { sanitize } from './markdown/sanitize';
import { createToHtml } from './markdown/to-html';

declare global {
  interface Window {
    agentChatMarkdown?: (parts: MarkdownEngineParts) => void;
  }
}

window.agentChatMarkdown?.({ createToHtml, sanitize });
