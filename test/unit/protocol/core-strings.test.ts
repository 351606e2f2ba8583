// Core's translatable strings can be collected: every call of a translator in src/core (`t('…')`, `ctx.t('…')`,
// `shownIn(ctx)('…')`) names its English as one string literal, the way `npx @vscode/l10n-dev export` needs
// `vscode.l10n.t` calls to, so a script or a person can list them for a bundle. A message built at run time could
// not be found, and so never translated.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const core = join(root, 'src', 'core');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** A translator's call: `t(`, `ctx.t(`, `shownIn(…)(`; what follows must be a quoted literal. */
const call = /(?:(?<![\w.])t|\.t|\bshownIn\([^()]*\))\(\s*/g;
const literal = /^(?:'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")\s*[,)]/;

/** The English strings of the translator calls in `text`, and the places where a call's first argument is not a literal. */
export function translatorCalls(file: string, text: string): { strings: string[]; notLiteral: string[] } {
  const strings: string[] = [];
  const notLiteral: string[] = [];
  for (const m of text.matchAll(call)) {
    const rest = text.slice(m.index + m[0].length);
    const lit = literal.exec(rest);
    if (lit) strings.push(lit[0].replace(/\s*[,)]$/, '').slice(1, -1));
    else notLiteral.push(`${relative(root, file)}:${text.slice(0, m.index).split('\n').length}`);
  }
  return { strings, notLiteral };
}

// The seam itself and the type that names the translator pass messages on without making any.
const seam = ['protocol/translate.ts', 'protocol/page-strings.ts'].map((f) => join(core, f));
const users = filesUnder(core).filter((f) => !seam.includes(f) && /\bTranslate\b|\bshownIn\b/.test(readFileSync(f, 'utf8')));

describe("core's translatable strings are collectable", () => {
  it('recognises a literal and a built message (guards the check itself)', () => {
    const sample = ["t('Read {0}', path);", 'ctx.t("Done");', "shownIn(ctx)('Found {0}', n);", 't(`Read ${path}`);', 't(message);', 'const at = split(x);'].join('\n');
    const found = translatorCalls(join(root, 'x.ts'), sample);
    assert.deepEqual(found.strings, ['Read {0}', 'Done', 'Found {0}']);
    assert.deepEqual(found.notLiteral, ['x.ts:4', 'x.ts:5']);
  });

  it('every translator call in src/core names its English as a literal', () => {
    for (const converted of ['providers/classify.ts', 'history/history-folder.ts', 'tools/shown-words.ts', 'tools/read-tools.ts']) {
      assert.ok(users.includes(join(core, converted)), `${converted} is checked`);
    }
    const all = users.map((f) => translatorCalls(f, readFileSync(f, 'utf8')));
    assert.deepEqual(all.flatMap((c) => c.notLiteral), []);
    assert.ok(all.flatMap((c) => c.strings).length > 80, 'the strings are found');
  });
});
