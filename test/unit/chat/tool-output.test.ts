// What the chat receives of a running command's output: escapes removed (even split between pieces), posts
// batched and cut to the live end, and the copy kept on the call bounded to its end with a note.
import assert from 'node:assert/strict';
import { DisplayCleaner, ToolOutputRelay, type PostScheduler } from '../../../src/core/chat/tool-output';
import type { ToolCallView } from '../../../src/core/protocol/chat-message';
import { boundForDisplay, DISPLAY_OUTPUT_CHARS, LIVE_OUTPUT_CHARS, OUTPUT_LEFT_OUT_NOTE } from '../../../src/core/protocol/output-display';

describe('command output in the chat', () => {
  it('removes colours and VS Code shell-integration marks split across pieces', () => {
    const c = new DisplayCleaner();
    const out = ['\x1b]633;C\x07PASS \x1b[3', '2mok\x1b[0m\r', '\nnext\r\n'].map((p) => c.push(p)).join('') + c.end();
    assert.equal(out, 'PASS ok\nnext\n');
  });

  it('batches posts and keeps only the end of a long output, with a note', async () => {
    const view: ToolCallView = { id: 't', name: 'run_command', argumentsText: '{}', status: 'running' };
    const posts: string[] = [];
    const raw: string[] = [];
    const relay = new ToolOutputRelay(view, (t) => posts.push(t), (c) => raw.push(c));
    const line = `${'x'.repeat(99)}\n`;
    for (let k = 0; k < 5_000; k++) relay.push(line);
    relay.finish();
    assert.equal(raw.length, 5_000, 'every raw piece is kept for the full output');
    assert.ok(posts.length <= 2, `${posts.length} posts`);
    assert.equal(view.output?.length, DISPLAY_OUTPUT_CHARS);
    assert.ok(view.output?.startsWith(OUTPUT_LEFT_OUT_NOTE));
    assert.ok(posts.every((p) => p.length <= DISPLAY_OUTPUT_CHARS));
  });

  it('holds a bounded amount however long the output and however often it posts', () => {
    const view: ToolCallView = { id: 't', name: 'run_command', argumentsText: '{}', status: 'running' };
    const posts: string[] = [];
    const relay = new ToolOutputRelay(view, (t) => posts.push(t));
    const piece = `${'y'.repeat(99)}\n`.repeat(640);
    let most = 0;
    // 10 MB in 64 kB pieces, one post after each, as a fast command's output arrives.
    for (let k = 0; k < 160; k++) {
      relay.push(piece);
      relay.flush();
      most = Math.max(most, relay.retainedChars());
    }
    relay.finish();
    assert.ok(most <= 2 * DISPLAY_OUTPUT_CHARS, `the relay held ${most} characters`);
    assert.equal(view.output?.length, DISPLAY_OUTPUT_CHARS);
    assert.ok(view.output?.endsWith(piece.slice(-1_000)));
    assert.equal(posts.length, 160, 'one post after each piece');
    assert.ok(posts.every((p) => p === boundForDisplay(OUTPUT_LEFT_OUT_NOTE + piece, LIVE_OUTPUT_CHARS)), 'each post is the live end of its piece');
  });

  it('posts only the live end of what arrived since the last post, however much arrived', () => {
    const view: ToolCallView = { id: 't', name: 'run_command', argumentsText: '{}', status: 'running' };
    const posts: string[] = [];
    const relay = new ToolOutputRelay(view, (t) => posts.push(t));
    const lines = Array.from({ length: 100_000 }, (_, k) => `${k + 1} ${'y'.repeat(99)}\n`);
    // 10 MB between two posts (a fast command between two frames), then a little more.
    for (const line of lines) relay.push(line);
    relay.flush();
    relay.push('END\n');
    relay.finish();
    assert.equal(posts.length, 2);
    assert.equal(posts[0], boundForDisplay(lines.join(''), LIVE_OUTPUT_CHARS), 'the end of the burst, with the note');
    assert.ok(posts[0]!.length <= LIVE_OUTPUT_CHARS && posts[0]!.endsWith(`100000 ${'y'.repeat(99)}\n`));
    assert.equal(posts[1], 'END\n');
    assert.equal(view.output, boundForDisplay(`${lines.join('')}END\n`), 'the call keeps its longer bounded end');
  });

  it('waits longer before the next post while output comes faster than the page shows it, and no longer after', () => {
    const view: ToolCallView = { id: 't', name: 'run_command', argumentsText: '{}', status: 'running' };
    const posts: string[] = [];
    // The posts' timers, stepped by the test: each entry is the delay the relay asked for.
    const waits: { ms: number; run: () => void }[] = [];
    const schedule: PostScheduler = (run, ms) => {
      waits.push({ ms, run });
      return { cancel: () => {} };
    };
    const relay = new ToolOutputRelay(view, (t) => posts.push(t), undefined, schedule);
    const post = () => waits.at(-1)!.run();
    const flood = `${'z'.repeat(99)}\n`.repeat(LIVE_OUTPUT_CHARS / 50);
    relay.push('first line\n');
    post();
    relay.push(flood);
    post();
    relay.push(flood);
    post();
    relay.push('a short line\n');
    post();
    relay.push('another\n');
    assert.deepEqual(posts.map((p) => p.startsWith(OUTPUT_LEFT_OUT_NOTE)), [false, true, true, false], 'two posts left output out');
    assert.deepEqual(waits.map((w) => w.ms), [33, 33, 100, 100, 33], 'after a post that left output out, the next waits 100 ms');
  });

  it('bounding twice keeps one note', () => {
    const once = boundForDisplay('a'.repeat(300), 100);
    assert.equal(boundForDisplay(once + 'b'.repeat(50), 100).split(OUTPUT_LEFT_OUT_NOTE).length, 2);
  });
});
