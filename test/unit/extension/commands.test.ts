// The command list in code and the commands package.json contributes are the same, in the same order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandIds } from '../../../src/extension/command-ids';

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]>; keybindings: { command: string }[] };
};

describe('commands', () => {
  it('the code registers exactly the commands package.json contributes', () => {
    assert.deepEqual([...commandIds], manifest.contributes.commands.map((c) => c.command));
  });

  it('menus and keybindings name only commands that exist', () => {
    const known = new Set<string>(commandIds);
    const used = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings].map((e) => e.command);
    assert.deepEqual(used.filter((c) => !known.has(c)), []);
  });
});
