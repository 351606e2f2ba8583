// The agents' tools in the real workbench, against the fake Anthropic server: a hand-off from @orchestrator to
// @backend (offered, then run), reads that run on their own, an edit that waits for Approve while its diff is shown (without taking
// the focus from the chat), Reject with a reason, and Undo. The workspace is a temp copy of test/workspace.
import * as assert from 'node:assert/strict';
import { allText, bodyOf, systemText, toolResult } from './anthropic-requests';
import { answerCount, answers, chatFrame, composer, openChatWhenReady, send, settledAnswer, toolCall, toolCallWithStatus } from './chat-page';
import { reloadWindow, timeouts, useAnthropicWorkbench } from './harness';
import { copySampleWorkspace } from './temp-workspace';

/** The little of the DOM the page functions below use. */
interface BrowserGlobals {
  document: { activeElement: { tagName: string; className: string } | null; hasFocus(): boolean };
}

describe('agents with tools in the workbench', () => {
  const ws = copySampleWorkspace('tools');
  const { wb, server } = useAnthropicWorkbench({ name: 'tools', workspace: ws.dir });
  after(() => ws.remove());

  it('@orchestrator hands over to @backend, who reads two files, proposes an edit with a diff, and applies it once approved', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    const requestsBefore = server().chatRequests().length;
    const appBefore = ws.read('src/app.ts');
    const oldText = 'message: `Hello, ${who}!`';
    const newText = 'message: `Hi there, ${who}!`';
    assert.ok(appBefore.includes(oldText), 'the sample has the text the edit replaces');
    server().enqueue(
      // (1) @orchestrator decides it is a backend task.
      { tokens: ['This is a server-side change.\n\n', '→ @backend: read src/app.ts and src/server.ts, then make the greeting say "Hi there".'] },
      // (2) @backend reads both files (reading tools run without asking).
      {
        tokens: ['Let me look at the code first.'],
        toolCalls: [
          { id: 'toolu_read_app', name: 'read_file', arguments: { path: 'src/app.ts' } },
          { id: 'toolu_read_server', name: 'read_file', arguments: { path: 'src/server.ts' } },
        ],
      },
      // (3) @backend edits src/app.ts (waits for Approve).
      { toolCalls: [{ id: 'toolu_edit_app', name: 'edit_file', arguments: { path: 'src/app.ts', oldText, newText } }] },
      // (4) @backend's final answer.
      { tokens: ['Done: greet() now says "Hi there".'] },
    );
    await send(chat, '@orchestrator Please make the server greet with "Hi there" instead of "Hello".');

    // (1) The orchestrator's answer offers the hand-off; Run now gives @backend the turn.
    const orchestrator = await settledAnswer(chat, first);
    assert.equal(await orchestrator.answer.getAttribute('data-author'), 'orchestrator');
    await orchestrator.answer.locator('.handoff-offer').getByRole('button', { name: 'Run now' }).click();
    const handedOver = answers(chat).nth(first + 1);
    await handedOver.waitFor({ state: 'attached' });
    assert.equal(await handedOver.getAttribute('data-author'), 'backend');
    assert.equal((await handedOver.locator('header .handoff').innerText()).trim(), 'handed over by @orchestrator');

    // (2) Both reads ran on their own and are shown in the chat.
    for (const id of ['toolu_read_app', 'toolu_read_server']) {
      const call = await toolCallWithStatus(chat, id, 'done');
      // Consecutive reads are folded into one "Read 2 files" line: the calls are there, collapsed.
      assert.equal((await call.locator('.tool-name').textContent())?.trim(), 'read_file');
      assert.equal(await call.getByRole('button', { name: 'Approve' }).count(), 0, 'reads are not asked about');
    }

    // (3) The edit waits for approval, with its diff open beside the chat.
    const edit = await toolCallWithStatus(chat, 'toolu_edit_app', 'awaitingApproval');
    assert.match(await edit.locator('.tool-args').innerText(), /Edit src\/app\.ts/);
    const diffTab = page.locator('.tabs-container .tab', { hasText: '(proposed)' });
    await diffTab.first().waitFor({ state: 'visible' });
    await page.locator('.editor-group-container .monaco-diff-editor').first().waitFor({ state: 'visible' });
    assert.equal(ws.read('src/app.ts'), appBefore, 'nothing is written before Approve');

    // The diff did not take the focus: what the user types still goes to the chat's message box.
    // (This file compiles without the DOM lib; the page functions reach `document` through globalThis.)
    const focused = await page.evaluate(() => {
      const active = (globalThis as unknown as BrowserGlobals).document.activeElement;
      return `${active?.tagName ?? 'nothing'}.${active?.className ?? ''}`;
    });
    assert.match(focused, /^IFRAME\..*\bwebview\b/, `focus is in the chat webview, not in ${focused}`);
    const composerFocused = await composer(chat).evaluate((e) => {
      const doc = (globalThis as unknown as BrowserGlobals).document;
      return doc.activeElement === e && doc.hasFocus();
    });
    assert.ok(composerFocused, 'the message box keeps the focus');
    await page.keyboard.type('still typing here');
    assert.equal(await composer(chat).inputValue(), 'still typing here', 'keystrokes land in the chat, not in an editor');
    assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0, 'no editor was changed by typing');
    await composer(chat).fill('');

    await edit.getByRole('button', { name: 'Approve' }).click();
    // Decided: the "(proposed)" diff would mislead from now on, so its tab closes.
    await diffTab.first().waitFor({ state: 'detached', timeout: timeouts.ui });

    // (4) The final answer is @backend's; the file changed on disk.
    const final = await settledAnswer(chat, first + 3);
    assert.equal(await final.answer.getAttribute('data-author'), 'backend');
    assert.equal(final.text, 'Done: greet() now says "Hi there".');
    assert.equal(await answerCount(chat), first + 4, 'orchestrator + three @backend rounds');
    await toolCallWithStatus(chat, 'toolu_edit_app', 'done');
    assert.equal(ws.read('src/app.ts'), appBefore.replace(oldText, newText));
    // The Undo count is saved on the answer just after its text completes: wait for it rather than race it.
    await final.answer.getByRole('button', { name: 'Undo 1 change' }).waitFor({ state: 'visible', timeout: 15_000 });

    // What the model was told: the hand-off, both files' contents, then the edit's result.
    const requests = server().chatRequests().slice(requestsBefore);
    assert.equal(requests.length, 4);
    const [toOrchestrator, toBackend, afterReads, afterEdit] = requests.map(bodyOf);
    assert.match(systemText(toOrchestrator!), /@orchestrator/);
    assert.match(systemText(toBackend!), /You are @backend/);
    assert.match(allText(toBackend!), /@orchestrator answered:[\s\S]*→ @backend: read src\/app\.ts/);
    const app = toolResult(afterReads!, 'toolu_read_app');
    const srv = toolResult(afterReads!, 'toolu_read_server');
    assert.ok(app && srv, 'both read results went back to the model');
    assert.equal(app.isError, false);
    assert.match(app.text, /export function greet\(name: string\): Greeting/);
    assert.match(app.text, /Hello, \$\{who\}!/);
    assert.match(srv.text, /createServer\(\(req, res\) =>/);
    const edited = toolResult(afterEdit!, 'toolu_edit_app');
    assert.ok(edited, 'the edit result went back to the model');
    assert.equal(edited.isError, false);
    assert.match(edited.text, /^Done: Edit src\/app\.ts/);
  });

  it('Reject with a reason leaves the file unchanged and tells the model why', async () => {
    const { page } = wb();
    const chat = await chatFrame(page);
    const first = await answerCount(chat);
    const requestsBefore = server().chatRequests().length;
    const serverBefore = ws.read('src/server.ts');
    const reason = 'Keep 8080, the proxy in front of it expects that port';
    server().enqueue(
      { toolCalls: [{ id: 'toolu_edit_port', name: 'edit_file', arguments: { path: 'src/server.ts', oldText: "process.env.PORT ?? 8080", newText: "process.env.PORT ?? 9090" } }] },
      { tokens: ['Understood, the port stays 8080.'] },
    );
    await send(chat, '@backend Change the default port to 9090.');
    const edit = await toolCallWithStatus(chat, 'toolu_edit_port', 'awaitingApproval');
    await edit.getByRole('button', { name: 'Reject with feedback…' }).click();
    await edit.getByRole('textbox', { name: 'Reason for rejecting' }).fill(reason);
    await edit.getByRole('button', { name: 'Reject' }).click();

    const final = await settledAnswer(chat, first + 1);
    assert.equal(final.text, 'Understood, the port stays 8080.');
    const rejected = await toolCallWithStatus(chat, 'toolu_edit_port', 'rejected');
    assert.equal((await rejected.locator('.tool-result').innerText()).trim(), `Rejected: ${reason}`, 'the chat shows the user\'s words');
    assert.equal(ws.read('src/server.ts'), serverBefore, 'the rejected edit was not applied');
    assert.equal(await final.answer.getByRole('button', { name: /^Undo/ }).count(), 0, 'nothing to undo');

    const requests = server().chatRequests().slice(requestsBefore);
    assert.equal(requests.length, 2);
    const result = toolResult(bodyOf(requests[1]), 'toolu_edit_port');
    assert.ok(result, 'the rejection went back to the model as the tool result');
    assert.equal(result.isError, true);
    assert.match(result.text, /rejected/);
    assert.ok(result.text.includes(reason), `the reason is in the result: ${result.text}`);
  });

  it('"Undo 1 change" restores the file an approved edit changed, also after a window reload', async () => {
    const { page } = wb();
    const chat = await chatFrame(page);
    const first = await answerCount(chat);
    const before = ws.read('README.md');
    const firstLine = before.split('\n')[0]!;
    assert.ok(firstLine.length > 0);
    server().enqueue(
      { toolCalls: [{ id: 'toolu_edit_readme', name: 'edit_file', arguments: { path: 'README.md', oldText: firstLine, newText: '# Renamed by @backend' } }] },
      { tokens: ['Renamed the README title.'] },
    );
    await send(chat, '@backend Rename the README title.');
    const edit = await toolCallWithStatus(chat, 'toolu_edit_readme', 'awaitingApproval');
    await edit.getByRole('button', { name: 'Approve' }).click();
    const final = await settledAnswer(chat, first + 1);
    assert.equal(final.text, 'Renamed the README title.');
    assert.equal(ws.read('README.md'), before.replace(firstLine, '# Renamed by @backend'), 'the approved edit is on disk');

    // Undo is kept with the conversation: it still works after the window reloads.
    const answerId = await final.answer.getAttribute('data-message-id');
    await reloadWindow(page);
    const again = await openChatWhenReady(page);
    const answer = again.locator(`[role="log"] > article[data-message-id="${answerId}"]`);
    await answer.getByRole('button', { name: 'Undo 1 change' }).click({ timeout: timeouts.ui });
    await answer.locator('.notice', { hasText: 'Undid 1 change' }).waitFor({ state: 'visible' });
    assert.equal(ws.read('README.md'), before, 'the file is back as it was');
    assert.equal(await answer.getByRole('button', { name: /^Undo/ }).count(), 0, 'the turn has nothing left to undo');
    assert.equal(await toolCall(again, 'toolu_edit_readme').getAttribute('data-tool-status'), 'done');
  });
});
