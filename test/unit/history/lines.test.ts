// Reading JSON-lines files in both directions: exact lines and offsets, and a very long line costs
// its own size (joined once), not its size times the number of chunks it spans.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileConversationStore } from '../../../src/core/history/file-store';
import { linesBackward, linesForward, type ReadMeter, type Line } from '../../../src/core/history/lines';
import { msg, removeRoot, tempRoot } from './helpers';

async function collect(lines: AsyncIterable<Line>): Promise<Line[]> {
  const out: Line[] = [];
  for await (const l of lines) out.push(l);
  return out;
}

describe('history lines', () => {
  let root: string;
  beforeEach(async () => (root = await tempRoot()));
  afterEach(async () => removeRoot(root));

  it('reads lines and their offsets the same both ways, across chunk edges, with blank lines skipped', async () => {
    const texts = ['a', 'é'.repeat(40_000), '', 'b'.repeat(300_000), 'last without newline'];
    const path = join(root, 'f.jsonl');
    await writeFile(path, texts.join('\n'));
    const expected: Line[] = [];
    let at = 0;
    for (const t of texts) {
      if (t) expected.push({ text: t, start: at });
      at += Buffer.byteLength(t) + 1;
    }
    assert.deepEqual(await collect(linesForward(path)), expected);
    assert.deepEqual(await collect(linesBackward(path, at - 1)), [...expected].reverse());
    assert.deepEqual(await collect(linesForward(path, expected[1]!.start, expected[3]!.start)), expected.slice(1, 3));
  });

  it('reads back a 32 MB line copying it about once, in a few reads, both ways', async function () {
    this.timeout(120_000); // A slow, busy machine needs seconds just to allocate 32 MB several times.
    const size = 32 * 1024 * 1024;
    const long = 'x'.repeat(size);
    const path = join(root, 'long.jsonl');
    await writeFile(path, `first\n${long}\nlast\n`);
    const back: ReadMeter = { reads: 0, copied: 0 };
    const lines = await collect(linesBackward(path, size + 12, back));
    assert.deepEqual(lines.map((l) => [l.text.length, l.start]), [[4, size + 7], [size, 6], [5, 0]]);
    assert.equal(lines[1]!.text, long);
    assert.ok(back.copied <= 2 * size, `copied ${back.copied} bytes for a ${size}-byte line`);
    assert.ok(back.reads < 20, `${back.reads} reads`);
    const forward: ReadMeter = { reads: 0, copied: 0 };
    assert.deepEqual((await collect(linesForward(path, 0, Infinity, forward))).map((l) => l.text.length), [5, size, 4]);
    assert.ok(forward.copied <= 2 * size, `copied ${forward.copied} bytes for a ${size}-byte line`);
    assert.ok(forward.reads < 20, `${forward.reads} reads`);
  });

  it('opens a conversation whose last message is 32 MB', async function () {
    this.timeout(120_000);
    const store = new FileConversationStore(root);
    const c = await store.create('Long');
    const huge = msg('y'.repeat(32 * 1024 * 1024));
    await store.appendMessage(c.id, msg('short'));
    await store.appendMessage(c.id, huge);
    await store.dispose();
    const page = await new FileConversationStore(root).lastPage(c.id, 1);
    assert.equal(page.messages[0]?.text.length, huge.text.length);
    assert.equal(page.hasOlder, true);
  });
});
