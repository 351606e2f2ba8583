// The extension runs in more than one bundle, each with its own copy of ProviderError: an error made by one
// copy must still be recognised (and so explained with its hint) by the code of another.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ProviderError } from '../../../src/core/providers/errors';

/** A second, separately loaded copy of the module, as a lazily loaded bundle has. */
function secondCopy(): typeof ProviderError {
  const load = createRequire(__filename);
  const path = load.resolve('../../../src/core/providers/errors');
  const first = load.cache[path];
  delete load.cache[path];
  try {
    return (load(path) as { ProviderError: typeof ProviderError }).ProviderError;
  } finally {
    if (first) load.cache[path] = first;
  }
}

describe('ProviderError across bundles', () => {
  it("an error from another copy of the class is a ProviderError to this one, and the other way round", () => {
    const Other = secondCopy();
    assert.notEqual(Other, ProviderError, 'the test needs two copies of the class');
    const theirs = new Other({ kind: 'auth', provider: 'anthropic', message: 'The key was refused.', hint: 'Set a new key.' });
    assert.ok(theirs instanceof ProviderError);
    assert.ok(new ProviderError({ kind: 'timeout', provider: 'openai', message: 'Too slow.' }) instanceof Other);
  });

  it('other errors and plain look-alikes are not ProviderErrors', () => {
    assert.ok(!(new Error('x') instanceof ProviderError));
    assert.ok(!(({ name: 'ProviderError', kind: 'auth', message: 'x' }) instanceof ProviderError));
    assert.ok(!((null as unknown as object) instanceof ProviderError));
  });
});
