// A command's output in the chat page, in a real Chromium: 10 MB streamed in 64 kB posts (cut mid-line) is shown
// as its bounded end in pieces of whole lines that layout skips while out of sight, with the note of what was
// left out; the settled call shows the same. The time the posts took is printed, never asserted.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord, ToolCallView } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { boundForDisplay, OUTPUT_LEFT_OUT_NOTE } from '../../src/core/protocol/output-display';
import { hostSends, useChatPage } from './chat-page';

const call: ToolCallView = { id: 'toolu_big', name: 'run_command', argumentsText: '{"command":"node big.js"}', status: 'running', kind: 'command', output: '' };
const messages: ChatMessageRecord[] = [
  { id: 'u1', role: 'user', author: 'user', text: 'Print a lot.', status: 'complete', createdAt: 1 },
  { id: 'a1', role: 'assistant', author: 'devops', text: '', status: 'streaming', createdAt: 2, replyTo: 'u1', turnId: 'a1', toolCalls: [call] },
];
const snapshot: HostToWebview = {
  type: 'snapshot', conversation: { id: 'c1', title: 'Big', updatedAt: 0, messageCount: 2 }, messages, hasOlder: false,
  agents: [{ name: 'devops', description: 'ops' }], defaultAgent: 'devops', model: 'fake · model',
};

/** 100,000 numbered lines of 100 characters. */
function bigOutput(): string {
  const line = `${'y'.repeat(99)}\n`;
  const parts: string[] = [];
  for (let i = 1; i <= 100_000; i++) parts.push(`${i} ${line}`);
  return parts.join('');
}

interface Shown {
  text: string;
  pieces: number;
  longestPiece: number;
  skippable: boolean;
  brokenLines: string[];
}

/** The block's text rebuilt from its pieces (each piece ends a line), and how it is cut. */
function shown(page: Page): Promise<Shown> {
  return page.evaluate(`(() => {
    const pre = document.querySelector('[data-tool-call-id="toolu_big"] pre.command-output');
    const pieces = [...pre.querySelectorAll(':scope > .output-piece')];
    const note = pre.querySelector(':scope > .output-left-out');
    const lines = pieces.flatMap((p) => p.textContent.split('\\n')).slice(1);
    return {
      text: (note ? note.textContent + '\\n' : '') + pieces.map((p) => p.textContent + ('open' in p.dataset ? '' : '\\n')).join(''),
      pieces: pieces.length,
      longestPiece: Math.max(...pieces.map((p) => p.textContent.length)),
      skippable: pieces.every((p) => getComputedStyle(p).contentVisibility === 'auto'),
      // The first line may be the end of one the bound cut.
      brokenLines: lines.filter((l) => !/^\\d+ y{99}$/.test(l)).slice(0, 3),
    };
  })()`) as Promise<Shown>;
}

describe('webview: a command printing 10 MB', function () {
  this.timeout(120_000);
  const open = useChatPage();

  it('shows the bounded end in whole-line pieces that layout can skip, streamed and settled alike', async () => {
    const page = await open();
    await hostSends(page, snapshot);
    const all = bigOutput();
    const started = Date.now();
    for (let at = 0; at < all.length; at += 65_536) {
      await hostSends(page, { type: 'toolOutput', messageId: 'a1', toolCallId: call.id, text: all.slice(at, at + 65_536) });
    }
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))');
    console.log(`      ${Math.ceil(all.length / 65_536)} posts of 64 kB shown in ${Date.now() - started} ms (not asserted)`);
    const expected = boundForDisplay(all);
    const streamed = await shown(page);
    assert.ok(expected.startsWith(OUTPUT_LEFT_OUT_NOTE));
    assert.equal(streamed.text.length, expected.length);
    assert.ok(streamed.text === expected, 'the page shows exactly the bounded end, with the note');
    assert.deepEqual(streamed.brokenLines, [], 'a line cut between two posts is shown whole');
    assert.ok(streamed.pieces >= 20, `${streamed.pieces} pieces`);
    assert.ok(streamed.longestPiece <= 8_100, `pieces stay small (${streamed.longestPiece} characters)`);
    assert.ok(streamed.skippable, 'pieces out of sight are skipped by layout');

    await hostSends(page, { type: 'toolCallUpdated', messageId: 'a1', toolCall: { ...call, status: 'done', output: expected, exitCode: 0, durationMs: 900 } });
    const settled = await shown(page);
    assert.ok(settled.text === expected, 'the settled call shows the same text');
    assert.ok(settled.pieces >= 20 && settled.skippable && settled.brokenLines.length === 0);
  });
});
