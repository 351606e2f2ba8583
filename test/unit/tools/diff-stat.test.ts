// Line counts of a change, as the chat shows them ("src/app.ts +5 −0").
import assert from 'node:assert/strict';
import { diffStat } from '../../../src/core/tools/diff-stat';

describe('tools: diffStat', () => {
  it('counts the lines an edit adds and removes, however they moved', () => {
    const before = 'a\nb\nc\n';
    assert.deepEqual(diffStat({ path: 'x.ts', before, after: 'a\nB\nc\nd\n' }), { path: 'x.ts', added: 2, removed: 1 });
    assert.deepEqual(diffStat({ path: 'x.ts', before, after: 'c\nb\na\n' }), { path: 'x.ts', added: 0, removed: 0 });
    assert.deepEqual(diffStat({ path: 'x.ts', before: 'a\na\n', after: 'a\n' }), { path: 'x.ts', added: 0, removed: 1 }, 'repeated lines count each time');
  });

  it('a new file adds all its lines, a deleted one removes them; CRLF and a final newline do not count', () => {
    assert.deepEqual(diffStat({ path: 'n.ts', before: undefined, after: 'one\r\ntwo\r\n' }), { path: 'n.ts', added: 2, removed: 0 });
    assert.deepEqual(diffStat({ path: 'n.ts', before: 'one\ntwo', after: undefined }), { path: 'n.ts', added: 0, removed: 2 });
    assert.deepEqual(diffStat({ path: 'n.ts', before: 'one\r\ntwo\n', after: 'one\ntwo' }), { path: 'n.ts', added: 0, removed: 0 });
  });
});
