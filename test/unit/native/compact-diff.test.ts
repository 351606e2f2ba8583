// The diff VS Code's confirmation shows before a write in VS Code's Chat: only what differs, as -/+ lines
// under the line it starts at, and bounded with a note of how much was left out.
import assert from 'node:assert/strict';
import { compactDiff } from '../../../src/extension/native/compact-diff';

const more = (n: number) => `… ${n} more lines`;
const lines = (n: number, label: string) => Array.from({ length: n }, (_, i) => `${label} ${i + 1}`).join('\n');

describe("VS Code's Chat: the diff in a write's confirmation", () => {
  it('shows only the changed lines, with the common start and end left out', () => {
    const before = 'import a\n\nfunction f() {\n  return 1;\n}\n';
    const after = 'import a\n\nfunction f() {\n  return 2;\n}\n';
    assert.equal(compactDiff(before, after, more), '@@ line 4 @@\n-   return 1;\n+   return 2;');
  });

  it('a new file is all + lines from line 1, a removed one all - lines', () => {
    assert.equal(compactDiff('', 'one\ntwo', more), '@@ line 1 @@\n+ one\n+ two');
    assert.equal(compactDiff('one\ntwo', '', more), '@@ line 1 @@\n- one\n- two');
  });

  it('an inserted line in the middle shows as that line alone', () => {
    assert.equal(compactDiff('a\nb\nc', 'a\nb\nnew\nc', more), '@@ line 3 @@\n+ new');
  });

  it('no diff when nothing changes', () => {
    assert.equal(compactDiff('same\ntext', 'same\ntext', more), '');
    assert.equal(compactDiff('', '', more), '');
  });

  it('a long change is cut after 80 lines, saying how many more there were', () => {
    const diff = compactDiff(lines(100, 'old'), lines(100, 'new'), more).split('\n');
    assert.equal(diff.length, 81);
    assert.equal(diff[0], '@@ line 1 @@');
    assert.equal(diff[79], '- old 79');
    assert.equal(diff[80], '… 121 more lines', '201 lines in all (with the @@ line), 80 shown');
  });
});
