// The manifest's user-facing strings come from package.nls.json: every %key% in package.json resolves, every key
// there is used, and no user-facing field is left as literal text. Identifiers (participant, command and tool
// names) and what only the model reads (modelDescription, a tool's inputSchema) stay as they are.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Record<string, unknown>;
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, unknown>;

/** Fields VS Code shows to the user (in the settings editor, palette, chat, model picker, walkthrough). */
const userFacing = new Set([
  'displayName',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'title',
  'shortTitle',
  'category',
  'fullName',
  'userDescription',
  'altText',
]);
/** Objects whose text only the model reads. */
const modelOnly = new Set(['inputSchema']);

/** Every string of a user-facing field, with where it is. */
function userStrings(value: unknown, path: string[] = [], field = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return userFacing.has(field) ? [{ path: path.join('.'), text: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => userStrings(v, [...path, String(i)], field));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => (modelOnly.has(k) ? [] : userStrings(v, [...path, k], k)));
}

const placeholder = /^%([^%\s]+)%$/;

describe('manifest strings (package.nls.json)', () => {
  const visible = userStrings({ displayName: manifest.displayName, description: manifest.description, contributes: manifest.contributes, capabilities: manifest.capabilities });

  it('finds the user-facing fields it checks', () => {
    // Guards the walk itself: a manifest reshaped so that nothing is found would pass the checks below.
    assert.ok(visible.length > 100, `only ${visible.length} user-facing strings found`);
  });

  it('walks the capabilities too (the Restricted Mode explanation)', () => {
    assert.ok(visible.some((s) => s.path === 'capabilities.untrustedWorkspaces.description'));
  });

  it('every user-facing field is a %key%', () => {
    const literal = visible.filter((s) => !placeholder.test(s.text)).map((s) => `${s.path} = ${s.text.slice(0, 60)}`);
    assert.deepEqual(literal, []);
  });

  it('every %key% in package.json resolves to a non-empty string', () => {
    const keys = [...manifestText.matchAll(/"%([^%"\s]+)%"/g)].map((m) => m[1]!);
    const missing = keys.filter((k) => typeof nls[k] !== 'string' || (nls[k] as string).trim() === '');
    assert.deepEqual([...new Set(missing)], []);
  });

  it('no key of package.nls.json is unused', () => {
    const used = new Set([...manifestText.matchAll(/"%([^%"\s]+)%"/g)].map((m) => m[1]!));
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
  });
});
