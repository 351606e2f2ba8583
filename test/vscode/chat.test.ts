// The extension inside a real VS Code: activation, contributions, and answers streamed from a fake
// Anthropic server through the real SDK, started from the command palette commands.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { useFakeAnthropic } from './fake-anthropic';

const EXTENSION_ID = 'agent-chat.agent-chat';

interface Answer {
  author: string;
  text: string;
  status: string;
}

describe('Agent Chat in VS Code', () => {
  const server = useFakeAnthropic();

  it('activates without loading any vendor SDK', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    // How long activation takes is the benchmark's to measure; here, what it loads.
    await extension.activate();
    assert.equal(extension.isActive, true);
    const vendorLoaded = Object.keys(require.cache).filter((f) => f.includes(`${path.sep}dist${path.sep}vendor${path.sep}`));
    assert.deepEqual(vendorLoaded, [], 'SDKs load on first use, not on activation');
  });

  it('registers every command and the chat view it contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
    const views = extension.packageJSON.contributes.views.agentChat as { id: string; type: string }[];
    assert.deepEqual(views.map((v) => [v.id, v.type]), [['agentChat.chatView', 'webview']]);
    // That the view opens and its page runs without errors is checked where the page can be seen: the
    // end-to-end suite (test/e2e/chat.test.ts) reads its console and CSP violations.
  });

  it('agentChat.ask streams the answer from the provider and returns it complete', async () => {
    const tokens = ['Here ', 'is ', 'the ', 'answer: ', '**42** ', '✓'];
    server().enqueue({ tokens, tokenDelayMs: 5 });
    const answer = await vscode.commands.executeCommand<Answer>('agentChat.ask', { agent: 'backend', prompt: 'What is the answer?' });
    assert.equal(answer.status, 'complete');
    assert.equal(answer.author, 'backend');
    assert.equal(answer.text, tokens.join(''));
    const body = server().chatRequests().at(-1)?.body as { system: string | { text: string }[]; messages: { content: { text: string }[] }[] };
    const system = typeof body.system === 'string' ? body.system : body.system.map((b) => b.text).join('');
    assert.match(system, /You are @backend/);
    assert.equal(body.messages.at(-1)?.content.at(-1)?.text, 'What is the answer?');
  });

  it('"Ask @backend" takes its question as an argument too', async () => {
    server().enqueue({ tokens: ['Backend here.'] });
    const answer = await vscode.commands.executeCommand<Answer>('agentChat.askBackend', { prompt: 'Who are you?' });
    assert.equal(answer.author, 'backend');
    assert.equal(answer.text, 'Backend here.');
  });

  it('"Explain Selection" sends the selection with its path, language and lines', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'src', 'app.ts'));
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(6, 0, 9, 1); // the greet() function
    server().enqueue({ tokens: ['It greets.'] });
    const answer = await vscode.commands.executeCommand<Answer>('agentChat.explainSelection');
    assert.equal(answer.text, 'It greets.');
    const body = JSON.stringify(server().chatRequests().at(-1)?.body);
    assert.ok(body.includes('src/app.ts'), 'path');
    assert.ok(body.includes('lines 7-10'), 'line range');
    assert.ok(body.includes('typescript'), 'language');
    assert.ok(body.includes('export function greet(name: string): Greeting'), 'code');
  });

  it('"Explain Selection" refuses a protected file: its text never reaches the model', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const envFile = vscode.Uri.joinPath(folder, '.env.local');
    await vscode.workspace.fs.writeFile(envFile, Buffer.from('API_TOKEN=never-sent-to-a-model\n'));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(envFile));
      editor.selection = new vscode.Selection(0, 0, 0, 31);
      const before = server().chatRequests().length;
      const answer = await vscode.commands.executeCommand<Answer | undefined>('agentChat.explainSelection');
      assert.equal(answer, undefined, 'no answer is asked for');
      assert.equal(server().chatRequests().length, before, 'no request reached the provider');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(envFile);
    }
  });

  it('shows a provider error as an answer with its explanation, not a crash', async () => {
    // The error body repeats the key (as some gateways do), so the check below can fail.
    server().enqueue({ fault: { kind: 'status', status: 401, message: 'invalid x-api-key: sk-ant-integration-test' } });
    const answer = await vscode.commands.executeCommand<Answer & { error?: { kind: string; hint?: string } }>('agentChat.ask', { agent: 'qa', prompt: 'Hello?' });
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.kind, 'auth');
    assert.ok(!JSON.stringify(answer).includes('sk-ant-integration-test'), 'the key never reaches an answer');
  });
});
