// run_command and MCP are bundles of their own, each with its own copy of ToolError: an error thrown by a tool of
// one copy must still be a ToolError to the runner's copy, so the model gets its message as the tool's result.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ToolError } from '../../../src/core/tools/types';

/** A second, separately loaded copy of the module, as a lazily loaded bundle has. */
function secondCopy(): typeof ToolError {
  const load = createRequire(__filename);
  const path = load.resolve('../../../src/core/tools/types');
  const first = load.cache[path];
  delete load.cache[path];
  try {
    return (load(path) as { ToolError: typeof ToolError }).ToolError;
  } finally {
    if (first) load.cache[path] = first;
  }
}

describe('ToolError across bundles', () => {
  it('an error from another copy of the class is a ToolError to this one, and the other way round', () => {
    const Other = secondCopy();
    assert.notEqual(Other, ToolError, 'the test needs two copies of the class');
    assert.ok(new Other('The command could not be started.') instanceof ToolError);
    assert.ok(new ToolError('No such file.') instanceof Other);
    assert.equal(new Other('x').name, 'ToolError');
  });

  it('other errors and plain look-alikes are not ToolErrors', () => {
    assert.ok(!(new Error('x') instanceof ToolError));
    assert.ok(!(Object.assign(new Error('x'), { name: 'ToolError' }) instanceof ToolError));
    assert.ok(!((undefined as unknown) instanceof ToolError));
  });
});
