// User-facing text in the extension goes through vscode.l10n.t, so it can be translated: no message,
// quick pick or input box of the checked files takes a literal string. The files listed are those converted
// so far; a file joins the list once its strings are wrapped.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const extension = join(root, 'src', 'extension');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

// Only files that use VS Code's API show anything to the user; plain helpers (routing, diffs) build other text.
const checked = [
  ...filesUnder(join(extension, 'native')),
  ...['commands.ts', 'webview-actions.ts', 'turn-review.ts', 'apply-code.ts'].map((f) => join(extension, f)),
].filter((f) => /from 'vscode'/.test(readFileSync(f, 'utf8')));

/** A message, or a title / placeholder / prompt / label of a picker or box, given as a literal string. */
const literal = [
  /\bshow(?:Information|Warning|Error)Message\(\s*['"`]/g,
  /\b(?:title|placeHolder|prompt):\s*['"`]/g,
  /\{ modal: true \},\s*['"`]/g,
];

/** The places in `text` where a user-facing string is literal, as "file:line". */
export function literalStrings(file: string, text: string): string[] {
  return literal.flatMap((re) => [...text.matchAll(re)].map((m) => `${relative(root, file)}:${text.slice(0, m.index).split('\n').length}`));
}

describe('user-facing strings in the extension (vscode.l10n)', () => {
  it('recognises a literal message, title or modal button', () => {
    // Guards the patterns: were they wrong, the check below would pass on anything.
    const sample = "showInformationMessage('Saved.');\nshowQuickPick(items, { title: 'Pick' });\nshowWarningMessage(vscode.l10n.t('Sure?'), { modal: true }, 'Delete');";
    assert.equal(literalStrings(join(root, 'x.ts'), sample).length, 3);
    assert.deepEqual(literalStrings(join(root, 'x.ts'), "showInformationMessage(vscode.l10n.t('Saved {0}.', name));"), []);
  });

  it('the converted files pass every such string through vscode.l10n.t', () => {
    assert.ok(checked.length > 10, 'the files are found');
    assert.deepEqual(checked.flatMap((f) => literalStrings(f, readFileSync(f, 'utf8'))), []);
  });
});
