// The icon font of a page that carries its styles inline. Its sheet names the font (`--codicon-font`) without
// defining a face for it (scripts/codicon-subset.mjs): the first screen asking for the font would hold the page's
// load event until the font came, and VS Code shows a new page only at that event (after-load.ts). The face is
// added after it; the sheet hides the icons' glyphs until then, so none is drawn as a missing-glyph box.
import { afterLoadAndPaint } from './after-load';

/** After the page's load event and the paint after it, adds the icon font the page's sheet names (if it names one). */
export function addIconFontAfterLoad(): void {
  afterLoadAndPaint(() => {
    // Read once the first screen is painted: the page's style is up to date then, so reading it costs nothing.
    const source = getComputedStyle(document.documentElement).getPropertyValue('--codicon-font').trim();
    // A page that links codicon.css instead has its face from that sheet.
    if (!source) return;
    const face = new FontFace('codicon', source, { display: 'block' });
    // A font that cannot load leaves the icons as a page that linked it would: nothing else to do about it.
    face.loaded.catch(() => undefined);
    document.fonts.add(face);
    document.documentElement.dataset.iconFont = 'added';
  });
}
