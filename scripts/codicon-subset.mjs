// @ts-check
// Writes the icon style sheet a new chat page carries inline: codicon.css with only the glyphs the page can
// name from its own code (every quoted word of src/webview and the built-in agents that is a codicon), so
// the page's head parses a few KiB of icon rules instead of 34. The full sheet still ships beside it and
// the page links it after its first paint, for any other icon (a custom agent's avatar).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const glyphRule = /^\.codicon-([a-z0-9-]+):before \{ content: "[^"]*" \}$/;

/**
 * Every .ts file under `dir`.
 * @param {string} dir
 * @returns {string[]}
 */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

/**
 * The words the code may use as an icon name: quoted words, and what follows `codicon-` anywhere.
 * @param {string[]} files
 */
function namesIn(files) {
  /** @type {Set<string>} */
  const names = new Set();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]([a-z][a-z0-9-]*)['"`]/g)) names.add(m[1] ?? '');
    for (const m of text.matchAll(/codicon-([a-z][a-z0-9-]*)/g)) names.add(m[1] ?? '');
  }
  return names;
}

/**
 * The font face of codicon.css becomes a custom property naming its source, and the icons' glyphs are hidden
 * until the page adds the face itself (src/webview/icon-font.ts): a font the first screen asks for would hold
 * the page's load event, and VS Code shows a new page only at that event.
 */
const fontFace = /@font-face\s*\{[^}]*?src:\s*([^;]*?codicon\.ttf[^;]*);[^}]*\}/;
const untilFontAdded = `:root { --codicon-font: $1; }
/* No glyph is drawn (as a missing-glyph box) before the page adds the font. */
html:not([data-icon-font]) .codicon[class*='codicon-']::before { visibility: hidden; }`;

/**
 * The subset of `fullCss` (codicon.css) keeping everything but the glyph rules not in `names`, its font named
 * rather than defined (see `untilFontAdded`).
 * @param {string} fullCss
 * @param {Set<string>} names
 */
export function subsetCodicons(fullCss, names) {
  if (!fontFace.test(fullCss)) throw new Error('codicon.css: no font face with codicon.ttf found');
  return fullCss.replace(fontFace, untilFontAdded).split('\n').filter((line) => {
    const m = glyphRule.exec(line.trim());
    return !m || names.has(m[1] ?? '');
  }).join('\n');
}

/**
 * Reads the full sheet, writes the subset to `out`; returns the sizes.
 * @param {string} fullCssPath
 * @param {string} out
 */
export function writeCodiconSubset(fullCssPath, out, roots = ['src/webview', 'src/core/agents/builtin.ts']) {
  const files = roots.flatMap((r) => (r.endsWith('.ts') ? [r] : sources(r)));
  const full = readFileSync(fullCssPath, 'utf8');
  const subset = subsetCodicons(full, namesIn(files));
  writeFileSync(out, subset);
  return { full: full.length, subset: subset.length };
}
