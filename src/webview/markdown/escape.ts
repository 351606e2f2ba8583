// HTML escaping for what we put into rendered Markdown.
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes everything: the result reads exactly as `text` (raw HTML shown as text, attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);
}

/**
 * Escapes Markdown text but keeps character references (`&copy;`, `&#169;`) working, as Markdown
 * intends. A reference can only ever become text, never markup, so this is as safe as escapeHtml.
 */
export function escapeText(text: string): string {
  return text.replace(/[<>"']|&(?!#\d{1,7};|#[xX][\da-fA-F]{1,6};|[a-zA-Z][a-zA-Z\d]{1,31};)/g, (ch) => entities[ch] ?? ch);
}
