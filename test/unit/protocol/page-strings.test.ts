// The chat page's strings table (core/protocol/page-strings): placeholders are filled the way vscode.l10n.t fills
// them, the host hands over only translations that differ from the English, the table lists exactly the strings
// the page shows through `localize`, and the page's converted files show no literal text of their own.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatText, pageStrings, pageTranslations, pageTranslationsId } from '../../../src/core/protocol/page-strings';
import { chatHtml } from '../../../src/extension/webview-html';

const root = join(__dirname, '..', '..', '..', '..');
const webview = join(root, 'src', 'webview');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const files = filesUnder(webview);

const quoted = String.raw`('(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|` + '`(?:\\\\.|[^`\\\\])*`)';
/** Text the page shows: an attribute a person reads, a button's label, an announcement, an element's text after its attributes. */
const literal = [
  new RegExp(String.raw`(?:'aria-label'|\btitle|\bplaceholder|\blabel|\bdescription):\s*` + quoted, 'g'),
  new RegExp(String.raw`\b(?:textButton|button|announce|showNote)\(\s*` + quoted, 'g'),
  new RegExp(String.raw`\},\s*` + quoted + String.raw`\s*[,)]`, 'g'),
  new RegExp(String.raw`\.(?:textContent|title)\s*=\s*` + quoted, 'g'),
  // Either branch of a conditional assigned as text: `label.textContent = done ? 'stopped' : ''`.
  new RegExp(String.raw`\.(?:textContent|title)\s*=\s*[^;?\n]*\?\s*` + quoted, 'g'),
  new RegExp(String.raw`\.(?:textContent|title)\s*=\s*[^;\n]*\?[^;\n]*:\s*` + quoted, 'g'),
];

function hasWords(text: string): boolean {
  // `#file:`, `#selection`: the reference syntax typed in the message box, the same in every language.
  return /[A-Za-z]{2,}/.test(text.slice(1, -1).replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, '').replace(/#[a-z]+/g, ''));
}

export function literalText(file: string, text: string): string[] {
  return literal.flatMap((re) => [...text.matchAll(re)].filter((m) => hasWords(m[1]!)).map((m) => `${relative(root, file)}:${text.slice(0, m.index).split('\n').length}`));
}

/** The English strings the page's files pass to `localize` (or core's files, formatted for the page, to `t`). */
function localized(text: string, call = 'localize'): string[] {
  const re = new RegExp(String.raw`\b${call}\(\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)")`, 'g');
  return [...text.matchAll(re)].map((m) => (m[1] ?? m[2]!).replace(/\\'/g, "'"));
}

/** Core's files whose text the page formats through `pageTranslate` (their strings are in the page's table too). */
const coreForPage = ['attachments.ts', 'usage-text.ts'].map((f) => join(root, 'src', 'core', 'protocol', f));

describe('the chat page strings table', () => {
  it('fills {0}, {1}… once, leaves unknown ones, and leaves a string without arguments as it is', () => {
    assert.equal(formatText('Retry in {0} s.', [5]), 'Retry in 5 s.');
    assert.equal(formatText('{0} and {1}', ['{1}', 'x']), '{1} and x');
    assert.equal(formatText('{0} of {2}', ['a']), 'a of {2}');
    assert.equal(formatText('Costs $& {0}', ['$1']), 'Costs $& $1');
    assert.equal(formatText('Keep {0}', []), 'Keep {0}');
  });

  it('hands over only the translations that differ, so an English page carries none', () => {
    assert.deepEqual(pageTranslations((s) => s), {});
    assert.deepEqual(pageTranslations((s) => (s === 'Approve' ? 'Genehmigen' : s)), { Approve: 'Genehmigen' });
  });

  it('writes translations into the page only when there are some (an English page is not made bigger)', () => {
    const page = (translations?: Record<string, string>) => chatHtml({ cspSource: 'x', asset: (...p) => p.join('/') }, undefined, translations);
    assert.ok(!page().includes(pageTranslationsId));
    assert.ok(!page({}).includes(pageTranslationsId));
    assert.ok(page({ Approve: '</script>Genehmigen' }).includes(`id="${pageTranslationsId}">{"Approve":"\\u003c/script>Genehmigen"}</script>`));
  });

  it('lists exactly the strings the page shows through localize, once each', () => {
    const used = new Set([
      ...filesUnder(webview).flatMap((f) => localized(readFileSync(f, 'utf8'))),
      ...coreForPage.flatMap((f) => localized(readFileSync(f, 'utf8'), 't')),
    ]);
    assert.ok(used.size > 100, `only ${used.size} strings found`);
    assert.deepEqual(pageStrings.filter((s) => !used.has(s)), [], 'listed but not used');
    assert.deepEqual([...used].filter((s) => !(pageStrings as readonly string[]).includes(s)), [], 'used but not listed');
    assert.equal(new Set(pageStrings).size, pageStrings.length, 'listed twice');
  });

  it('recognises literal text in the page code', () => {
    // Guards the patterns: were they wrong, the check below would pass on anything.
    const sample = [
      "el('input', { placeholder: 'Search' });",
      "textButton('Retry', retry);",
      "el('h2', {}, 'Ask the team');",
      'this.announce(`${name} is answering`);',
      "node.title = 'Open';",
      "label.textContent = done ? 'stopped' : '';",
      'label.textContent = n ? `${n} s` : `answering…`;',
    ].join('\n');
    assert.equal(literalText(join(root, 'x.ts'), sample).length, 7);
    const fine = "el('span', { class: 'codicon codicon-close', 'aria-hidden': 'true' }, localize('Open {0}', path), `@${name}`, '·');";
    assert.deepEqual(literalText(join(root, 'x.ts'), fine), []);
  });

  it("the page's converted files show no literal text", () => {
    assert.ok(files.length > 30, `only ${files.length} files found`);
    assert.deepEqual(files.flatMap((f) => literalText(f, readFileSync(f, 'utf8'))), []);
  });
});
