// The one kind of link rendered Markdown may carry: absolute http(s). Shared by the renderer (in the page's
// second script) and the page's click handling (in its first), so it is a file of its own, without imports.

/** `href` if it is an absolute http(s) URL (normalised), else undefined. */
export function safeHref(href: string): string | undefined {
  try {
    const url = new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
