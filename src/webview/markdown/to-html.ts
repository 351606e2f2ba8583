// Markdown source → HTML, with our renderer's overrides deciding what may mean something: raw HTML from the
// model is shown as text, links are http(s) only, and images become links. Part of the page's second script
// (markdown-entry.ts): marked is most of what the page does not need for its first paint.
import { Marked, type Tokens } from 'marked';
import { parseCodeInfo } from './code-info';
import { escapeHtml, escapeText } from './escape';
import { safeHref } from './safe-href';

/** HTML for `code` in `lang`: the page's highlighter (markdown/highlight.ts), which lives in its first script. */
export type CodeHighlight = (code: string, lang: string | undefined) => string;

/** A Markdown-to-HTML function whose code blocks are coloured by `highlight`. Its output still needs the sanitizer. */
export function createToHtml(highlight: CodeHighlight): (source: string) => string {
  const marked = new Marked({
    gfm: true,
    // Models mean a single newline as a line break (lists of steps, addresses, poems).
    breaks: true,
    async: false,
    renderer: {
      // Raw HTML, block or inline, is shown as the text it is, not interpreted and not dropped.
      html({ text, block }: Tokens.HTML | Tokens.Tag): string {
        return block ? `<p class="md-raw-html">${escapeHtml(text.replace(/\n+$/, ''))}</p>` : escapeHtml(text);
      },
      // marked leaves text after an inline <pre>, <code> or <script> tag unescaped ("raw"); we never want that.
      text(token: Tokens.Text | Tokens.Escape): string {
        if ('tokens' in token && token.tokens) return this.parser.parseInline(token.tokens);
        return escapeText(token.text);
      },
      link({ href, title, text, tokens, autolink }: Tokens.Link): string {
        const label = autolink ? escapeHtml(text) : this.parser.parseInline(tokens);
        const url = safeHref(href);
        if (!url) return label;
        return `<a href="${escapeHtml(url)}"${title ? ` title="${escapeHtml(title)}"` : ''}>${label}</a>`;
      },
      // An image would fetch its URL as soon as it is shown; a link to it waits for the user.
      image({ href, text }: Tokens.Image): string {
        const label = escapeText(text || 'image');
        const url = safeHref(href);
        return url ? `<a class="md-image-link" href="${escapeHtml(url)}">${label}</a>` : label;
      },
      checkbox({ checked }: Tokens.Checkbox): string {
        return checked ? '☑ ' : '☐ ';
      },
      code({ text, lang }: Tokens.Code): string {
        const info = parseCodeInfo(lang);
        const language = info.lang ? ` language-${escapeHtml(info.lang)}` : '';
        const path = info.path ? ` data-path="${escapeHtml(info.path)}"` : '';
        return `<div class="md-code"${path}><pre><code class="hljs${language}">${highlight(text, info.lang)}</code></pre></div>`;
      },
    },
  });
  return (source) => {
    try {
      return marked.parse(source) as string;
    } catch {
      // A parser bug must not lose the answer: show it as plain text.
      return `<p class="md-raw-html">${escapeHtml(source)}</p>`;
    }
  };
}
