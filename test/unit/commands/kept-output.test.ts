// The full output kept for *Open full output*: whole while it fits, the newest commands first, memory bounded.
import * as assert from 'node:assert/strict';
import { KeptOutputs } from '../../../src/core/commands/kept-output';

describe('kept command output', () => {
  it('keeps a command whole, in order, while it fits', () => {
    const kept = new KeptOutputs({ commands: 5, perCommand: 100, total: 1000 });
    kept.add('a', 'first\n');
    kept.add('a', 'second\n');
    assert.deepEqual(kept.get('a'), { chunks: ['first\n', 'second\n'], chars: 13, dropped: 0 });
  });

  it('counts what arrives past one command\'s limit instead of keeping it', () => {
    const kept = new KeptOutputs({ commands: 5, perCommand: 10, total: 1000 });
    kept.add('a', '12345678');
    kept.add('a', 'abcdef');
    kept.add('a', 'gh');
    assert.deepEqual(kept.get('a')?.chunks, ['12345678', 'gh']);
    assert.equal(kept.get('a')?.dropped, 6);
  });

  it('forgets the oldest command when a new one starts beyond the count', () => {
    const kept = new KeptOutputs({ commands: 2, perCommand: 100, total: 1000 });
    for (const id of ['a', 'b', 'c']) kept.add(id, id);
    assert.equal(kept.get('a'), undefined);
    assert.ok(kept.get('b') && kept.get('c'));
    assert.equal(kept.size, 2);
  });

  it('bounds all commands together: the oldest commands give way to the running one', () => {
    const kept = new KeptOutputs({ commands: 5, perCommand: 100, total: 100 });
    kept.add('old', 'x'.repeat(50));
    kept.add('older-still-kept', 'y'.repeat(30));
    kept.add('running', 'z'.repeat(40));
    assert.equal(kept.get('old'), undefined, 'the oldest went first');
    assert.ok(kept.get('older-still-kept'));
    assert.equal(kept.size, 70);
    kept.add('running', 'z'.repeat(25));
    assert.ok(kept.get('older-still-kept'), 'kept while all fits');
    kept.add('running', 'z'.repeat(25));
    assert.equal(kept.get('older-still-kept'), undefined);
    assert.equal(kept.get('running')?.chunks.join('').length, 90);
    assert.equal(kept.size, 90);
  });
});
