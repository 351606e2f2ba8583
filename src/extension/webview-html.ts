// The chat page: one bundled script with a fresh nonce, a strict CSP, and no network access.
// The conversation's snapshot is written into the page as data, so the first paint needs no round
// trip to the host (the page would otherwise load, say `ready`, and wait for the snapshot); so are its
// style sheets and script when the caller has them (page-assets.ts), else they are linked as files.
// No VS Code API here (the caller passes what it needs), so tests can load the very page in a browser.
import { randomBytes } from 'node:crypto';
import type { HostToWebview } from '../core/protocol/messages';
import { pageTranslationsId } from '../core/protocol/page-strings';
import { initialSnapshotId, scriptSafeJson } from '../core/protocol/script-json';

export interface PageResources {
  /** The webview's `cspSource`: where its own resources load from. */
  cspSource: string;
  /** The URL of a file of the extension (e.g. `asset('dist', 'webview.js')`). */
  asset(...path: string[]): string;
  /** The style sheets and the page's script, to be written into the page instead of linked. */
  inline?: InlineAssets;
  /** VS Code's display language (`vscode.env.language`): the page's `lang`, which its numbers follow. */
  language?: string;
}

export interface InlineAssets {
  /** codicon-subset.css (its font's URL already absolute), chat.css and markdown.css, in that order. */
  styles: string;
  /** dist/webview.js. */
  script: string;
}

/** `translations`: the page's strings in the user's language (core/protocol/page-strings), none in English. */
export function chatHtml({ cspSource, asset, inline, language }: PageResources, snapshot?: HostToWebview, translations: Readonly<Record<string, string>> = {}): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}${inline ? ` 'nonce-${nonce}'` : ''}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = inline
    ? `<style nonce="${nonce}">\n${inline.styles.replace(/<(?=\/style)/gi, '\\3C ')}\n</style>`
    : ['dist/codicons/codicon.css', 'media/chat.css', 'media/markdown.css'].map((p) => `<link rel="stylesheet" href="${asset(...p.split('/'))}">`).join('\n');
  // The Markdown engine's and the highlighter's bundles are found beside the page's script (lazy-script.ts), named
  // here for an inline one; so is the full icon sheet, which an inline page (carrying only the icons its code
  // names) links after its first paint.
  const later = `data-markdown="${asset('dist', 'webview-markdown.js')}" data-highlighter="${asset('dist', 'webview-highlight.js')}"`;
  const script = inline
    ? `<script nonce="${nonce}" ${later} data-icons="${asset('dist', 'codicons', 'codicon.css')}">${inline.script.replace(/<(?=!--|\/script)/gi, '\\x3C')}</script>`
    : `<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>`;
  return `<!DOCTYPE html>
<html lang="${languageTag(language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>Agent Chat</title>
</head>
<body>
<div id="app"></div>
${Object.keys(translations).length ? `<script type="application/json" id="${pageTranslationsId}">${scriptSafeJson(translations)}</script>\n` : ''}${snapshot ? `<script type="application/json" id="${initialSnapshotId}">${scriptSafeJson(snapshot)}</script>\n` : ''}${script}
</body>
</html>`;
}

/** `styles` with the icon font's URL (named relative to its sheet, `./codicon.ttf`) made absolute: `fontDir` is its folder's URL. */
export function withIconFontUrl(styles: string, fontDir: string): string {
  return styles.replace(/url\((["']?)\.\/(codicon\.ttf[^"')]*)\1\)/g, (_, q: string, file: string) => `url(${q}${fontDir}/${file}${q})`);
}

/** `language` if it has the shape of a language tag ("en", "pt-br", "zh-hans"), else English: it goes into markup. */
function languageTag(language: string | undefined): string {
  return language && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(language) ? language : 'en';
}
