// The team in VS Code's own Chat view, in the real workbench: @backend answers with the fake server's text
// (through Agent Chat's model, which VS Code's chat picked), a write asks for confirmation in that chat and
// is applied once allowed, and Stop interrupts an answer. The query is sent by the test model extension
// (test/vscode-model-extension), since the workbench runs commands with arguments only from an extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { reloadWindow, repoRoot, runCommand, timeouts, useWorkbench } from './harness';
import { copySampleWorkspace } from './temp-workspace';

/** One folder holding both extensions (the workbench takes one development path). */
function extensionsFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-e2e-extensions-'));
  fs.symlinkSync(repoRoot, path.join(dir, '0-agent-chat'), 'dir');
  fs.symlinkSync(path.join(repoRoot, 'test', 'vscode-model-extension'), path.join(dir, '1-test-models'), 'dir');
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("the team in VS Code's Chat view", () => {
  const fake: { server?: FakeServer } = {};
  const queryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-e2e-query-')), 'query.txt');
  const everything = path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
  const settings: Record<string, unknown> = {
    'agentChat.provider': 'anthropic',
    'agentChat.maxRetries': 0,
    // One of our own MCP servers (run by our client), reached from VS Code's Chat through agentChat_mcp_tool.
    'agentChat.mcp.servers': { everything: { type: 'stdio', command: process.execPath, args: [everything, 'stdio'] } },
    // @qa may only read here: a write it calls anyway is refused (the other tests use @backend, with every tool).
    'agentChat.agents': [{ name: 'qa', tools: ['read_file'] }],
  };
  const ws = copySampleWorkspace('native-chat');
  before(async () => {
    fake.server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = fake.server.url;
  });
  const wb = useWorkbench({
    name: 'native-chat',
    settings,
    // Commands run as child processes here: this file is about VS Code's Chat, not the terminal's shell integration.
    env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret', AGENT_CHAT_TEST_QUERY_FILE: queryFile, AGENT_CHAT_COMMANDS_IN_PROCESS: '1' },
    workspace: ws.dir,
    extensionDevelopmentPath: extensionsFolder(),
  });
  after(async () => {
    await fake.server?.close();
    ws.remove();
  });
  const server = () => fake.server!;
  const session = (page: Page) => page.locator('.interactive-session').first();

  /** Writes the query and runs the test extension's command (whose title appears once the extensions are read). */
  async function sendQuery(page: Page, query: string): Promise<void> {
    fs.writeFileSync(queryFile, query);
    for (let attempt = 0; ; attempt++) {
      try {
        return await runCommand(page, 'Agent Chat Test: Ask in VS Code Chat');
      } catch (err) {
        if (attempt >= 4) throw err;
        await page.waitForTimeout(3000);
      }
    }
  }

  /** Sends `query` to VS Code's Chat; once more if the chat did not know the model yet (seen right after start). */
  async function ask(page: Page, query: string, expect: string | RegExp): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await sendQuery(page, query);
      try {
        await session(page).getByText(expect).first().waitFor({ state: 'visible', timeout: timeouts.ui });
        return;
      } catch (err) {
        const unavailable = /Language model unavailable/i.test(await session(page).innerText().catch(() => ''));
        if (attempt > 0 || !unavailable) throw err;
      }
    }
  }

  it('@backend answers with the text from the fake server', async () => {
    const { page } = wb();
    server().setDefault({ tokens: ['Backend ', 'here: ', 'NATIVE-ANSWER-42.'] });
    await ask(page, '@backend Who are you?', 'Backend here: NATIVE-ANSWER-42.');
    server().setDefault(undefined);
    const body = JSON.stringify(server().chatRequests().at(-1)?.body);
    assert.ok(body.includes('You are @backend'), "the agent's role prompt was sent");
    assert.ok(body.includes('Who are you?'));
  });

  it('a write asks for confirmation in the chat, and Allow applies it', async () => {
    const { page } = wb();
    const before = ws.read('src/app.ts');
    const oldText = 'message: `Hello, ${who}!`';
    const newText = 'message: `Howdy, ${who}!`';
    assert.ok(before.includes(oldText));
    server().enqueue(
      { tokens: ['Editing.'], toolCalls: [{ id: 'toolu_native_edit', name: 'edit_file', arguments: { path: 'src/app.ts', oldText, newText } }] },
      { tokens: ['NATIVE-EDIT-DONE.'] },
    );
    await sendQuery(page, '@backend Make the greeting say Howdy.');
    const allow = session(page).getByRole('button', { name: /^(Allow|Continue)/ }).first();
    await allow.waitFor({ state: 'visible', timeout: timeouts.ui });
    assert.ok((await session(page).innerText()).includes('src/app.ts'), 'the confirmation names the file');
    assert.equal(ws.read('src/app.ts'), before, 'nothing is written before the user allows it');
    await allow.click();
    await session(page).getByText('NATIVE-EDIT-DONE.').first().waitFor({ state: 'visible', timeout: timeouts.ui });
    assert.ok(ws.read('src/app.ts').includes(newText), 'the change was applied');
  });

  it('run_command is offered, asks with the exact command in the chat, and Allow runs it', async () => {
    const { page } = wb();
    const command = 'echo NATIVE-CMD-$((6*7)) > native-cmd.txt';
    server().enqueue(
      { tokens: ['Running.'], toolCalls: [{ id: 'toolu_native_cmd', name: 'run_command', arguments: { command } }] },
      { tokens: ['NATIVE-CMD-DONE.'] },
    );
    await sendQuery(page, '@backend Run the marker command.');
    const allow = session(page).getByRole('button', { name: /^(Allow|Continue)/ }).first();
    await allow.waitFor({ state: 'visible', timeout: timeouts.ui });
    const offered = JSON.stringify(server().chatRequests().at(-1)?.body);
    assert.ok(offered.includes('"name":"run_command"'), 'run_command is offered to the participant');
    // The code block is drawn by VS Code's editor, which writes spaces as no-break spaces.
    const shown = (await session(page).innerText()).replace(/\u00a0/g, ' ');
    assert.ok(shown.includes(command), `the confirmation shows the exact command: ${shown.slice(-600)}`);
    assert.equal(fs.existsSync(path.join(ws.dir, 'native-cmd.txt')), false, 'nothing runs before the user allows it');
    await allow.click();
    await session(page).getByText('NATIVE-CMD-DONE.').first().waitFor({ state: 'visible', timeout: timeouts.ui });
    assert.equal(fs.readFileSync(path.join(ws.dir, 'native-cmd.txt'), 'utf8').trim(), 'NATIVE-CMD-42');
    const result = JSON.stringify(server().chatRequests().at(-1)?.body);
    assert.match(result, /Exit code: 0/, 'the command\'s result went back to the model');
  });

  it('a command on the deny list never runs and is not offered for confirmation', async () => {
    const { page } = wb();
    server().enqueue(
      { tokens: ['Trying.'], toolCalls: [{ id: 'toolu_native_deny', name: 'run_command', arguments: { command: 'sudo touch native-denied.txt' } }] },
      { tokens: ['NATIVE-DENY-DONE.'] },
    );
    await sendQuery(page, '@backend Run the denied command.');
    await session(page).getByText('NATIVE-DENY-DONE.').first().waitFor({ state: 'visible', timeout: timeouts.ui });
    assert.equal(fs.existsSync(path.join(ws.dir, 'native-denied.txt')), false, 'the denied command did not run');
    const result = JSON.stringify(server().chatRequests().at(-1)?.body);
    assert.ok(result.includes('Not run'), 'the model is told it was blocked');
  });

  it('Stop interrupts the answer and closes the connection', async () => {
    const { page } = wb();
    server().enqueue({ tokens: ['NATIVE-STARTED ', 'never'], fault: { kind: 'stall', afterTokens: 1 } });
    await sendQuery(page, '@backend Tell me a long story.');
    await session(page).getByText('NATIVE-STARTED').first().waitFor({ state: 'visible', timeout: timeouts.ui });
    const request = server().chatRequests().at(-1)!;
    // VS Code's Stop (Cancel) button on the chat's input.
    await page.locator('.interactive-input-part').getByRole('button', { name: /^Cancel/ }).first().click();
    await server().waitForClientClose(request, timeouts.ui);
    assert.ok(request.clientClosedAt);
  });

  it("a tool of our own MCP server (agentChat.mcp.servers) is offered, asks in the chat, and its result reaches the model", async () => {
    const { page } = wb();
    server().enqueue(
      { tokens: ['Echoing.'], toolCalls: [{ id: 'toolu_native_mcp', name: 'mcp_everything_echo', arguments: { message: 'NATIVE-MCP-ECHO' } }] },
      { tokens: ['NATIVE-MCP-DONE.'] },
    );
    await sendQuery(page, '@backend Echo the marker.');
    const allow = session(page).getByRole('button', { name: /^(Allow|Continue)/ }).first();
    await allow.waitFor({ state: 'visible', timeout: timeouts.ui });
    const offered = JSON.stringify(server().chatRequests().at(-1)?.body);
    assert.ok(offered.includes('"name":"mcp_everything_echo"'), "the MCP server's echo is offered to the participant");
    assert.ok((await session(page).innerText()).includes('echo'), 'the confirmation names the tool');
    await allow.click();
    await session(page).getByText('NATIVE-MCP-DONE.').first().waitFor({ state: 'visible', timeout: timeouts.ui });
    const result = JSON.stringify(server().chatRequests().at(-1)?.body);
    assert.match(result, /Echo: NATIVE-MCP-ECHO/, "the server's answer went back to the model");
  });

  it("a tool outside the agent's own list is refused when the model calls it anyway: nothing asks, nothing runs", async () => {
    const { page } = wb();
    server().enqueue(
      { tokens: ['Writing.'], toolCalls: [{ id: 'toolu_native_unoffered', name: 'write_file', arguments: { path: 'native-unoffered.txt', content: 'x' } }] },
      { tokens: ['NATIVE-UNOFFERED-DONE.'] },
    );
    await ask(page, '@qa Write the marker file.', 'NATIVE-UNOFFERED-DONE.');
    const requests = server().chatRequests();
    const offered = JSON.stringify(requests.at(-2)?.body);
    assert.ok(offered.includes('"name":"read_file"') && !offered.includes('"name":"write_file"'), 'only the list is offered to @qa');
    assert.match(JSON.stringify(requests.at(-1)?.body), /write_file is not one of this agent's tools/, 'the model is told why');
    assert.equal(fs.existsSync(path.join(ws.dir, 'native-unoffered.txt')), false, 'nothing was written');
  });

  // Last: it reloads the window.
  it("Undo restores an answer's change after the window is reloaded", async () => {
    const { page } = wb();
    const before = ws.read('src/server.ts');
    const oldText = before.split('\n').find((l) => l.trim())!;
    const newText = '// NATIVE-UNDO-MARKER';
    server().enqueue(
      { tokens: ['Changing.'], toolCalls: [{ id: 'toolu_native_undo', name: 'edit_file', arguments: { path: 'src/server.ts', oldText, newText } }] },
      { tokens: ['NATIVE-UNDO-EDITED.'] },
    );
    await sendQuery(page, '@backend Mark the server file.');
    // Asked unless an earlier test's Allow covered edits for this chat session (VS Code's choice).
    const allow = session(page).getByRole('button', { name: /^(Allow|Continue)/ }).first();
    const edited = session(page).getByText('NATIVE-UNDO-EDITED.').first();
    await allow.or(edited).first().waitFor({ state: 'visible', timeout: timeouts.ui });
    if (await allow.isVisible()) await allow.click();
    await edited.waitFor({ state: 'visible', timeout: timeouts.ui });
    assert.ok(ws.read('src/server.ts').includes(newText), 'the change was applied');
    await session(page).getByRole('button', { name: 'Undo these changes' }).last().waitFor({ state: 'visible', timeout: timeouts.ui });
    await reloadWindow(page);
    // VS Code brings its chat back, but disables the buttons of a restored answer: the Command Palette lists the
    // kept answers by the files they changed.
    // Right after a reload VS Code may answer "command not found" until the extension host has activated us.
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'src/server.ts' }).first();
    for (let attempt = 0; ; attempt++) {
      await runCommand(page, "Agent Chat: Undo Changes of an Answer in VS Code's Chat");
      const listed = await row.waitFor({ state: 'visible', timeout: 8000 }).then(() => true, () => false);
      if (listed) break;
      if (attempt >= 4) throw new Error('the kept answers were never listed after the reload');
      await page.keyboard.press('Escape');
      await page.waitForTimeout(2000);
    }
    assert.ok(ws.read('src/server.ts').includes(newText), 'nothing was undone before the pick');
    await row.click({ timeout: timeouts.ui });
    await page.getByText('Restored src/server.ts.').first().waitFor({ state: 'visible', timeout: timeouts.ui });
    assert.equal(ws.read('src/server.ts'), before, 'the file is as it was before the answer');
  });
});
