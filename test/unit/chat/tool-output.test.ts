// What the chat receives of a running command's output: escapes removed (even split between pieces), posts
// batched, and the copy kept on the call bounded to its end with a note.
import assert from 'node:assert/strict';
import { DisplayCleaner, ToolOutputRelay } from '../../../src/core/chat/tool-output';
import type { ToolCallView } from '../../../src/core/protocol/chat-message';
import { boundForDisplay, DISPLAY_OUTPUT_CHARS, OUTPUT_LEFT_OUT_NOTE } from '../../../src/core/protocol/output-display';

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

  it('bounding twice keeps one note', () => {
    const once = boundForDisplay('a'.repeat(300), 100);
    assert.equal(boundForDisplay(once + 'b'.repeat(50), 100).split(OUTPUT_LEFT_OUT_NOTE).length, 2);
  });
});
