// A page that carries its styles inline has only the icons its own code names (a small subset of codicon.css,
// so its head parses quickly). An icon a setting names (a custom agent's avatar) may not be among them: the
// page then links the full icon sheet, after its load event and first paint (after-load.ts).
import { afterLoadAndPaint } from './after-load';

/** The page's own script element, read while it runs (document.currentScript is null afterwards). */
const ownScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;
let linked = false;
let carried: Set<string> | undefined;

/** Links the full icon sheet (after the next paint) if one of `icons` is not among those the page carries. */
export function ensureIcons(icons: readonly (string | undefined)[]): void {
  // Only an inline page names the full sheet on its script (webview-html.ts); a linked page has it already.
  const href = ownScript?.dataset.icons;
  const wanted = icons.filter((i): i is string => !!i && /^[a-z][a-z0-9-]*$/.test(i));
  if (linked || !href || !wanted.length) return;
  afterLoadAndPaint(() => {
    carried ??= carriedIcons();
    if (linked || wanted.every((i) => carried!.has(i))) return;
    linked = true;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
  });
}

/** The icons the page's style sheets define a glyph for. */
function carriedIcons(): Set<string> {
  const names = new Set<string>();
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSStyleRule)) continue;
      for (const m of rule.selectorText.matchAll(/\.codicon-([a-z0-9-]+)::?before/g)) names.add(m[1]!);
    }
  }
  return names;
}
