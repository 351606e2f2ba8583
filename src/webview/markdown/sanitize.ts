// The last gate between rendered Markdown and the page: an allowlist sanitizer (DOMPurify). The renderer
// already escapes raw HTML and drops unsafe links; this catches anything it missed. Its own instance, so
// the hooks here cannot leak into, or be changed by, other users of DOMPurify. Made on first use. It is part of
// the page's second script (markdown-entry.ts), which the page loads after its first paint.
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { safeHref } from './safe-href';

// What our renderer emits, nothing more. No style (CSP forbids it anyway), no forms, media or frames, and
// no images: an image would load a URL by itself.
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 'code', 'pre', 'blockquote',
  'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'span', 'div',
];
const ALLOWED_ATTR = ['href', 'title', 'class', 'start', 'align', 'data-path'];
// Classes our renderer and highlight.js use; any other class could dress text up as our own UI.
const allowedClass = /^(?:hljs(?:-[\w-]+)?|language-[\w+#.-]+|md-[\w-]+|[\w-]+_)$/;

function keepOwnClassesAndSafeLinks(node: Element): void {
  if (node.hasAttribute('class')) {
    const kept = [...node.classList].filter((c) => allowedClass.test(c));
    if (kept.length) node.setAttribute('class', kept.join(' '));
    else node.removeAttribute('class');
  }
  if (node.hasAttribute('href') && !safeHref(node.getAttribute('href') ?? '')) node.removeAttribute('href');
}

let purify: DOMPurify | undefined;

export function sanitize(html: string): DocumentFragment {
  // Set once: DOMPurify copies and checks a configuration passed with each call (most of a short message's
  // cost); set on its own instance, it keeps it for every later call.
  if (!purify) {
    purify = createDOMPurify(window);
    purify.addHook('afterSanitizeAttributes', keepOwnClassesAndSafeLinks);
    purify.setConfig({
      ALLOWED_TAGS,
      ALLOWED_ATTR,
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
      // Every attribute not listed as URI-safe is checked against this, so the harmless non-URL ones are listed.
      ALLOWED_URI_REGEXP: /^https?:\/\//i,
      ADD_URI_SAFE_ATTR: ['start', 'align', 'data-path'],
      RETURN_DOM_FRAGMENT: true,
    });
  }
  return purify.sanitize(html) as unknown as DocumentFragment;
}
