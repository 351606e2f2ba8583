// Markdown rendering for chat messages: `MarkdownView` for streaming text, `renderMarkdown` for one-off text.
export { MarkdownView } from './markdown-view';
export { renderMarkdown } from './render';
export type { MarkdownAction } from './code-toolbar';
