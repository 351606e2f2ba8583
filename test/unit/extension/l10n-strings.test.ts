// User-facing text in the extension goes through vscode.l10n.t, so it can be translated: no message, quick
// pick, input box, progress title or tooltip of a file that uses VS Code's API takes a literal string.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const extension = join(root, 'src', 'extension');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

// Only files that use VS Code's API show anything to the user; plain helpers (routing, diffs) build other text.
const checked = filesUnder(extension).filter((f) => /from 'vscode'/.test(readFileSync(f, 'utf8')));

/** A string literal: quoted, or a template without nested backticks. */
const quoted = String.raw`('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|` + '`(?:\\\\.|[^`\\\\])*`)';
/** A message, the title / placeholder / prompt / label / detail / description / tooltip of a picker, box, badge or progress, a modal button, a note to the page. */
const literal = [
  new RegExp(String.raw`\bshow(?:Information|Warning|Error)Message\(\s*` + quoted, 'g'),
  new RegExp(String.raw`\b(?:title|placeHolder|prompt|label|detail|description|tooltip|reason):\s*` + quoted, 'g'),
  new RegExp(String.raw`\{ modal: true \},\s*` + quoted, 'g'),
  new RegExp(String.raw`\bthis\.note\(\s*` + quoted, 'g'),
];
/** Names that are the same in every language. */
const productNames = new Set(['Anthropic', 'Agent Chat', 'Ollama']);

/** Whether a literal has words in it, once codicons `$(name)` and `${…}` expressions are taken out. */
function hasWords(text: string): boolean {
  const inner = text.slice(1, -1);
  if (productNames.has(inner)) return false;
  return /[A-Za-z]{2,}/.test(inner.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, '').replace(/\$\([^)]*\)/g, ''));
}

/** The places in `text` where a user-facing string is literal, as "file:line". */
export function literalStrings(file: string, text: string): string[] {
  return literal.flatMap((re) =>
    [...text.matchAll(re)].filter((m) => hasWords(m[1]!)).map((m) => `${relative(root, file)}:${text.slice(0, m.index).split('\n').length}`),
  );
}

describe('user-facing strings in the extension (vscode.l10n)', () => {
  it('recognises a literal message, title, label, tooltip or modal button', () => {
    // Guards the patterns: were they wrong, the check below would pass on anything.
    const sample = [
      "showInformationMessage('Saved.');",
      "showQuickPick(items, { title: 'Pick' });",
      "showWarningMessage(vscode.l10n.t('Sure?'), { modal: true }, 'Delete');",
      'items.push({ label: `$(gear) Open ${name} Settings` });',
      'badge = { value: n, tooltip: `${n} waiting` };',
      "this.note('Select some code first.');",
    ].join('\n');
    assert.deepEqual(literalStrings(join(root, 'x.ts'), sample), ['x.ts:1', 'x.ts:2', 'x.ts:4', 'x.ts:5', 'x.ts:3', 'x.ts:6']);
    const wrapped = [
      "showInformationMessage(vscode.l10n.t('Saved {0}.', name));",
      'items.push({ label: `$(gear) ${vscode.l10n.t("Open {0} Settings", name)}` });',
      "const items = [{ label: 'Anthropic', id }, { label: `$(${icon}) ${row.name}` }];",
    ].join('\n');
    assert.deepEqual(literalStrings(join(root, 'x.ts'), wrapped), []);
  });

  it("every file using VS Code's API passes such strings through vscode.l10n.t", () => {
    assert.ok(checked.length > 40, `only ${checked.length} files found`);
    for (const converted of ['history.ts', 'chat-attachments.ts', 'commands-run/full-output.ts', 'commands-run/always-allowed.ts', 'mcp/servers-list.ts']) {
      assert.ok(checked.includes(join(extension, converted)), `${converted} is checked`);
    }
    assert.deepEqual(checked.flatMap((f) => literalStrings(f, readFileSync(f, 'utf8'))), []);
  });

  it('names a folder of translations in package.json only together with a translation in it', () => {
    // VS Code reads bundle.l10n.<language>.json from the folder `l10n` names, and logs an error for each
    // language without one; with English only (the strings in the code), there is no folder to name.
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { l10n?: string };
    const folder = manifest.l10n && join(root, manifest.l10n);
    if (folder) assert.ok(existsSync(folder) && readdirSync(folder).some((f) => /^bundle\.l10n\.[\w-]+\.json$/.test(f)), `${manifest.l10n} holds a translation`);
    else assert.ok(!existsSync(join(root, 'l10n')), 'an l10n folder is named in package.json');
  });
});
