// A command's output in the chat page, in a real Chromium: while 10 MB streams in 64 kB posts (cut mid-line), the
// page shows only the live end's last lines, whole, with the note of what was left out, and keeps them in view
// unless the user scrolled up (then the whole live end is there to read); the settled call shows its longer
// bounded end in pieces of whole lines that layout skips while out of sight, its last lines at once and the
// earlier pieces over the next frames; posts that arrive together change the DOM once. The time the posts took
// is printed, never asserted.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ChatMessageRecord, ToolCallView } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { boundForDisplay, FOLLOWING_OUTPUT_CHARS, LIVE_OUTPUT_CHARS, OUTPUT_LEFT_OUT_NOTE } from '../../src/core/protocol/output-display';
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

const frame = (page: Page) => page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))))');
const pre = `document.querySelector('[data-tool-call-id="toolu_big"] pre.command-output')`;
/** How far the block is scrolled from its end (0: the last line is in view). */
const fromEnd = (page: Page) => page.evaluate(`(() => { const p = ${pre}; return p.scrollHeight - p.scrollTop - p.clientHeight; })()`) as Promise<number>;

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

  it('shows only the live end while it runs and keeps it in view; settled, the bounded end in pieces layout can skip', async () => {
    const page = await open();
    await hostSends(page, snapshot);
    const all = bigOutput();
    const started = Date.now();
    for (let at = 0; at < all.length; at += 65_536) {
      await hostSends(page, { type: 'toolOutput', messageId: 'a1', toolCallId: call.id, text: all.slice(at, at + 65_536) });
    }
    await frame(page);
    console.log(`      ${Math.ceil(all.length / 65_536)} posts of 64 kB shown in ${Date.now() - started} ms (not asserted)`);
    const live = boundForDisplay(all, LIVE_OUTPUT_CHARS);
    const streamed = await shown(page);
    assert.ok(live.startsWith(OUTPUT_LEFT_OUT_NOTE));
    // Following its end, the block shows the last whole lines of the live end only (the next post replaces them).
    const lastLines = OUTPUT_LEFT_OUT_NOTE + live.slice(live.indexOf('\n', live.length - FOLLOWING_OUTPUT_CHARS) + 1);
    assert.equal(streamed.text.length, lastLines.length);
    assert.ok(streamed.text === lastLines, 'while it runs, the page shows the live end\'s last lines, with the note');
    assert.deepEqual(streamed.brokenLines, [], 'a line cut between two posts is shown whole');
    assert.ok(streamed.longestPiece <= 8_100, `pieces stay small (${streamed.longestPiece} characters)`);
    assert.ok(streamed.skippable, 'pieces out of sight are skipped by layout');
    assert.ok((await fromEnd(page)) <= 4, 'the newest lines are in view');

    // The user scrolls up to read: new output no longer moves the block; back at the end, it follows again.
    await page.evaluate(`${pre}.scrollTop = 0`);
    await frame(page);
    await hostSends(page, { type: 'toolOutput', messageId: 'a1', toolCallId: call.id, text: 'more 1\n' });
    await frame(page);
    assert.equal(await page.evaluate(`${pre}.scrollTop`), 0, 'it stays where the user scrolled');
    // Scrolled up, a flood's post shows the whole live end to read back through, and the block stays put.
    const flood = `${'z'.repeat(99)}\n`.repeat(200);
    await hostSends(page, { type: 'toolOutput', messageId: 'a1', toolCallId: call.id, text: flood });
    await frame(page);
    assert.ok((await shown(page)).text === boundForDisplay(boundForDisplay(`${live}more 1\n`, LIVE_OUTPUT_CHARS) + flood, LIVE_OUTPUT_CHARS), 'scrolled up, the whole live end');
    assert.equal(await page.evaluate(`${pre}.scrollTop`), 0, 'it stays where the user scrolled');
    await page.evaluate(`(() => { const p = ${pre}; p.scrollTop = p.scrollHeight; })()`);
    await frame(page);
    await hostSends(page, { type: 'toolOutput', messageId: 'a1', toolCallId: call.id, text: 'more 2\n'.repeat(40) });
    await frame(page);
    assert.ok((await fromEnd(page)) <= 4, 'it follows the end again');

    // Posts that arrive together (the page was busy, or several came within one frame) change the DOM once.
    const changes = await page.evaluate(`new Promise((resolve) => {
      let batches = 0;
      const watch = new MutationObserver(() => batches++);
      watch.observe(${pre}, { childList: true, subtree: true, characterData: true });
      for (let i = 0; i < 20; i++) window.postMessage({ type: 'toolOutput', messageId: 'a1', toolCallId: 'toolu_big', text: 'burst ' + i + '\\n' }, '*');
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => { watch.disconnect(); resolve(batches); }, 0)));
    })`) as number;
    assert.ok(changes >= 1 && changes <= 4, `20 posts in a row changed the block in ${changes} batches`);
    assert.match((await shown(page)).text, /burst 19\n$/);

    const expected = boundForDisplay(all);

    // Settled, the end shows at once and the pieces before it follow a few per frame (no frame makes 200 KB of text).
    const done: HostToWebview = { type: 'toolCallUpdated', messageId: 'a1', toolCall: { ...call, status: 'done', output: expected, exitCode: 0, durationMs: 900 } };
    const firstFrame = (await page.evaluate(`new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        const pre = document.querySelector('[data-tool-call-id="toolu_big"][data-tool-status="done"] pre.command-output');
        if (!pre) return;
        watch.disconnect();
        resolve({ chars: [...pre.querySelectorAll(':scope > .output-piece')].reduce((n, p) => n + p.textContent.length, 0), filling: 'filling' in pre.dataset });
      });
      watch.observe(document.body, { childList: true, subtree: true });
      window.postMessage(${JSON.stringify(done)}, '*');
    })`)) as { chars: number; filling: boolean };
    // The last lines a following block showed, and at most one piece (3,000 characters, a line longer) more.
    assert.ok(firstFrame.filling && firstFrame.chars <= FOLLOWING_OUTPUT_CHARS + 3_200, `the first frame holds the end only (${firstFrame.chars} characters)`);
    await page.waitForFunction(`!('filling' in ${pre}.dataset)`, undefined, { timeout: 10_000 });
    assert.ok((await fromEnd(page)) <= 4, 'the settled block is at its end');
    const settled = await shown(page);
    assert.ok(settled.text === expected, 'the settled call shows its longer bounded end');
    assert.ok(settled.pieces >= 20 && settled.skippable && settled.brokenLines.length === 0);
  });
});
