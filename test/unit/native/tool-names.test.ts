// Activation registers our tools in VS Code by name, without loading them: that list of names, the tools
// themselves and the tools package.json contributes are the same, in the same order.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allTools } from '../../../src/core/tools/runner';
import { fileToolLmNames, mcpToolLmName, runCommandLmName, toolPrefix } from '../../../src/extension/native/constants';

const root = join(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { languageModelTools: { name: string }[] } };

describe('the tools activation registers in VS Code', () => {
  it('names every file tool, as the tools name themselves', () => {
    assert.deepEqual([...fileToolLmNames], allTools.map((t) => `${toolPrefix}${t.definition.name}`));
  });

  it('with run_command and the MCP tool, are exactly the tools package.json contributes', () => {
    assert.deepEqual([...fileToolLmNames, runCommandLmName, mcpToolLmName], manifest.contributes.languageModelTools.map((t) => t.name));
  });
});
