// Context for the agents in the real workbench, against the fake Anthropic server: get_problems returns a
// diagnostic VS Code's own JSON support reports for a broken file, and a file picked with `#file` plus a
// selection added with *Add Selection to Chat* reach the model's request with their content.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { bodyOf, toolResult, type MessagesBody } from './anthropic-requests';
import { answerCount, chatFrame, composer, openChatWhenReady, send, settledAnswer, toolCallWithStatus } from './chat-page';
import { activeEditor, openFile, runCommand, selectTextInEditor, timeouts, useAnthropicWorkbench } from './harness';
import { copySampleWorkspace } from './temp-workspace';

/** The text of the request's last user message. */
function lastUserText(body: MessagesBody): string {
  const user = body.messages.filter((m) => m.role === 'user').at(-1);
  if (!user) return '';
  return typeof user.content === 'string' ? user.content : user.content.map((b) => b.text ?? '').join('\n');
}

describe('attached context and get_problems in the workbench', () => {
  const ws = copySampleWorkspace('refs');
  // A JSON file with a missing comma: VS Code's built-in JSON language features report it once it is open.
  fs.writeFileSync(ws.file('broken.json'), '{\n  "name": "sample",\n  "version": "1.0.0"\n  "private": true\n}\n');
  const { wb, server } = useAnthropicWorkbench({ name: 'references', workspace: ws.dir });
  after(() => ws.remove());

  it('get_problems returns the diagnostic VS Code reports for a broken JSON file', async () => {
    const { page } = wb();
    await openChatWhenReady(page); // The extension is up before the editor is used.
    await openFile(page, 'broken.json');
    // The squiggle shows the diagnostic is in VS Code's list.
    await activeEditor(page).locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: timeouts.ui });
    const chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    const before = server().chatRequests().length;
    server().enqueue(
      { toolCalls: [{ id: 'toolu_problems', name: 'get_problems', arguments: { path: 'broken.json' } }] },
      { tokens: ['broken.json misses a comma on line 4.'] },
    );
    await send(chat, '@backend Does broken.json have problems?');
    await toolCallWithStatus(chat, 'toolu_problems', 'done');
    await settledAnswer(chat, first);
    const requests = server().chatRequests().slice(before);
    assert.ok(bodyOf(requests[0]).tools?.some((t) => t.name === 'get_problems'), 'get_problems is offered');
    const result = toolResult(bodyOf(requests[1]), 'toolu_problems');
    assert.equal(result?.isError, false);
    assert.match(result?.text ?? '', /^Problems in broken\.json \(\d+ errors?\b/);
    assert.match(result?.text ?? '', /^broken\.json:4:\d+ error \[json[^\]]*\] Expected comma/m);
  });

  it('a #file pick and Add Selection to Chat send their content with the message', async () => {
    const { page } = wb();
    await openChatWhenReady(page); // The extension is up before the editor is used.
    await selectTextInEditor(page, { file: 'server.ts', text: 'createServer' });
    await runCommand(page, 'Agent Chat: Add Selection to Chat');
    // The command reveals the chat itself.
    const chat = await chatFrame(page);
    const chips = chat.getByRole('list', { name: 'Attached context' }).getByRole('listitem');
    await chips.first().waitFor({ state: 'visible', timeout: timeouts.ui });
    assert.match((await chips.first().innerText()).trim(), /^#selection src\/server\.ts:\d+-\d+$/);

    const input = composer(chat);
    await input.click();
    await input.pressSequentially('Explain these #fi');
    await input.press('Enter');
    await input.pressSequentially('app.ts');
    await chat.getByRole('listbox', { name: 'Context to attach' }).getByRole('option', { name: /src\/app\.ts/ }).first().waitFor({ state: 'visible', timeout: timeouts.ui });
    await input.press('Enter');
    assert.deepEqual((await chips.allInnerTexts()).map((t) => t.trim()).slice(1), ['#file:src/app.ts']);

    const first = await answerCount(chat);
    const before = server().chatRequests().length;
    server().enqueue({ tokens: ['The server hands each request to the app.'] });
    await input.press('Enter');
    await settledAnswer(chat, first);
    const text = lastUserText(bodyOf(server().chatRequests()[before]));
    assert.match(text, /^Explain these/);
    assert.match(text, /Attached selection: src\/server\.ts:\d+-\d+ \(typescript\)\n```typescript\n[^`]*createServer/);
    assert.ok(text.includes(`Attached file: src/app.ts (typescript)\n\`\`\`typescript\n${ws.read('src/app.ts').trimEnd()}\n\`\`\``), text);
    assert.equal(await chips.count(), 0, 'the chips went with the message');
  });
});
