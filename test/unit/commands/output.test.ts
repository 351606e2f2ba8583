import assert from 'node:assert/strict';
import { OutputCapper } from '../../../src/core/commands/output';

function capAll(chunks: string[], options = { headChars: 1000, tailChars: 1000, maxLineChars: 200 }): string {
  const c = new OutputCapper(options);
  for (const chunk of chunks) c.push(chunk);
  return c.finish();
}

describe('commands: output capper', () => {
  it('strips colours, OSC titles and VS Code shell-integration marks, even split across chunks', () => {
    const text = '\x1b]633;A\x07\x1b[1;31mred\x1b[0m plain\x1b]0;title\x1b\\\n\x1b]633;D;0\x07done\n';
    assert.equal(capAll([text]), 'red plain\ndone');
    const split = [...text].map((ch) => ch); // one character per chunk
    assert.equal(capAll(split), 'red plain\ndone');
  });

  it('keeps the last state of a progress bar and normalises CRLF', () => {
    assert.equal(capAll(['progress 10%\rprogress 50%\r', 'progress 100%\r\nnext\r\n', 'last']), 'progress 100%\nnext\nlast');
    assert.equal(capAll(['a\r', '\nb']), 'a\nb');
    assert.equal(capAll(['ab', 'c\rX\n']), 'X');
  });

  it('cuts an overlong line and says how much', () => {
    const out = capAll(['x'.repeat(5000) + '\nshort\n']);
    assert.equal(out, `${'x'.repeat(200)} … (4,800 characters cut)\nshort`);
  });

  it('keeps head and tail of a 10 MB output in bounded memory with a note of what was left out', () => {
    const budget = { headChars: 4000, tailChars: 4000, maxLineChars: 500 };
    const c = new OutputCapper(budget);
    let maxRetained = 0;
    const line = (n: number): string => `line ${n} \x1b[32m${'.'.repeat(90)}\x1b[0m\n`;
    let fed = 0;
    let n = 0;
    while (fed < 10 * 1024 * 1024) {
      let chunk = '';
      for (let k = 0; k < 500; k++) chunk += line(n++);
      fed += chunk.length;
      c.push(chunk);
      maxRetained = Math.max(maxRetained, c.retainedChars());
    }
    const out = c.finish();
    assert.ok(maxRetained <= budget.headChars + budget.tailChars + budget.maxLineChars, `retained ${maxRetained}`);
    assert.ok(out.length <= budget.headChars + budget.tailChars + 200, `model's share ${out.length}`);
    assert.ok(out.startsWith('line 0 ...'));
    assert.ok(out.endsWith(`line ${n - 1} ${'.'.repeat(90)}`));
    const note = /… ([\d,]+) lines \(([\d.]+) MB\) left out …/.exec(out);
    assert.ok(note, out.slice(3900, 4200));
    const kept = out.split('\n').length - 1;
    assert.equal(Number((note[1] ?? '').replace(/,/g, '')) + kept, n);
    assert.equal(c.lineCount(), n);
  });

  it('returns small outputs whole', () => {
    assert.equal(capAll(['one\ntwo\n']), 'one\ntwo');
    assert.equal(capAll([]), '');
  });
});
