// The block splitter on its own (plain Node: it has no DOM). Its one promise: however the text arrives,
// the blocks are the same, and a block never ends inside a fenced code block.
import * as assert from 'node:assert/strict';
import { BlockSplitter } from '../../src/webview/markdown/blocks';
import { sampleAnswer } from './sample-answer';

function split(pieces: string[]): string[] {
  const splitter = new BlockSplitter();
  const blocks: string[] = [];
  let text = '';
  let tail = '';
  for (const piece of pieces) {
    text += piece;
    const update = splitter.update(text);
    assert.equal(update.reset, false);
    blocks.push(...update.finished);
    tail = update.tail;
  }
  assert.equal(blocks.join('') + tail, text, 'blocks and tail add up to the text');
  return tail ? [...blocks, tail] : blocks;
}

/** A tiny deterministic PRNG so failures reproduce. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('webview Markdown: block splitter', () => {
  it('cuts at a blank line followed by a line at column 0, once that line is complete', () => {
    assert.deepEqual(split(['# A\n\npara one\nstill one\n\n- x\n- y\n\nlast\n']), ['# A\n\n', 'para one\nstill one\n\n', '- x\n- y\n\n', 'last\n']);
    assert.deepEqual(split(['para\n\nlast, still incomplete']), ['para\n\nlast, still incomplete']);
  });

  it('keeps indented continuations (list paragraphs, nested code) in the block', () => {
    const text = '1. step\n\n   more about step\n\n       indented code\n\n2. next\n';
    assert.deepEqual(split([text]), ['1. step\n\n   more about step\n\n       indented code\n\n', '2. next\n']);
  });

  it('never cuts inside a fence, and makes a top-level fence a block of its own', () => {
    const text = 'Intro:\n```py\na\n\nb\n\n~~~\n```\nafter\n\n````md\n```\n\n```\n````\n\nend';
    assert.deepEqual(split([text]), ['Intro:\n', '```py\na\n\nb\n\n~~~\n```\n', 'after\n\n', '````md\n```\n\n```\n````\n', '\nend']);
  });

  it('says when the tail is an open top-level fence', () => {
    const splitter = new BlockSplitter();
    assert.equal(splitter.update('Intro\n```ts').openFence, false, 'the opening line is not complete');
    assert.equal(splitter.update('Intro\n```ts\nx\n\ny').openFence, true);
    assert.equal(splitter.update('Intro\n```ts\nx\n\ny\n```').openFence, false, 'an unterminated closing line closes it');
    assert.equal(new BlockSplitter().update('- a\n  ```\n  x\n').openFence, false, 'nested fences are not');
  });

  it('does not take inline triple backticks for a fence', () => {
    assert.deepEqual(split(['Use ```code``` here\n\nnext\n']), ['Use ```code``` here\n\n', 'next\n']);
  });

  it('gives the same blocks however the text is chunked', () => {
    const text = sampleAnswer(5_000) + '\n\n```\nunclosed\n\nfence';
    const whole = split([text]);
    const rnd = random(7);
    for (let run = 0; run < 30; run++) {
      const pieces: string[] = [];
      for (let at = 0; at < text.length; ) {
        const size = 1 + Math.floor(rnd() * (run % 2 ? 3 : 80));
        pieces.push(text.slice(at, at + size));
        at += size;
      }
      assert.deepEqual(split(pieces), whole);
    }
  });

  it('starts over when the text is replaced rather than extended', () => {
    const splitter = new BlockSplitter();
    splitter.update('a\n\nb\n\nc\n');
    const update = splitter.update('a\n\nB\n\nc\n');
    assert.equal(update.reset, true);
    assert.deepEqual(update.finished, ['a\n\n', 'B\n\n']);
    assert.equal(update.tail, 'c\n');
  });

  it('handles CRLF line ends', () => {
    assert.deepEqual(split(['a\r\n\r\n```\r\nx\r\n\r\n```\r\nb']), ['a\r\n\r\n', '```\r\nx\r\n\r\n```\r\n', 'b']);
  });
});
