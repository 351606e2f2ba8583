// Provider `vscode`: Agent Chat's own chat answering with a model another extension offers through VS Code
// (test/vscode-model-extension, backed by the fake Anthropic server), including a tool round.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startFakeServer, type FakeServer } from '../fakes/server';

const modelKey = 'agent-chat-test/fake-model';

interface Answer {
  author: string;
  text: string;
  status: string;
  meta?: { provider: string; model: string; usage?: { inputTokens: number; outputTokens: number; estimated?: boolean } };
}

describe("provider vscode: VS Code's models in Agent Chat", () => {
  let server: FakeServer | undefined;
  const config = () => vscode.workspace.getConfiguration('agentChat');

  before(async () => {
    server = await startFakeServer('anthropic');
    await vscode.commands.executeCommand('agentChatTest.offerModel', { url: server.url });
    for (let i = 0; i < 100 && !(await vscode.lm.selectChatModels({ vendor: 'agent-chat-test' })).length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  after(async () => {
    await config().update('provider', undefined, vscode.ConfigurationTarget.Global);
    await config().update('vscode.model', undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  it('"Use a Model from VS Code" makes the chosen model the team\'s', async () => {
    const chosen = await vscode.commands.executeCommand<string | undefined>('agentChat.useVscodeModel', { model: modelKey });
    assert.equal(chosen, modelKey);
    assert.equal(config().get('provider'), 'vscode');
    assert.equal(config().get('vscode.model'), modelKey);
  });

  it('streams an answer through that model, with a tool round in between', async () => {
    server!.enqueue(
      { tokens: ['Let me read it.'], toolCalls: [{ id: 'toolu_read', name: 'read_file', arguments: { path: 'src/app.ts' } }] },
      { tokens: ['It ', 'greets ', 'people.'] },
    );
    const answer = await vscode.commands.executeCommand<Answer>('agentChat.ask', { agent: 'backend', prompt: 'What does src/app.ts do?' });
    assert.equal(answer.status, 'complete');
    assert.equal(answer.text, 'It greets people.');
    assert.equal(answer.meta?.provider, 'vscode');
    const [first, second] = server!.chatRequests().slice(-2).map((r) => JSON.stringify(r.body));
    assert.ok(first!.includes('You are @backend'), 'the role prompt goes first (VS Code has no system role)');
    assert.ok(first!.includes('"name":"read_file"'), 'our tools are offered through the LM API');
    assert.ok(second!.includes('"tool_use_id":"toolu_read"'), 'the tool result goes back');
    assert.ok(second!.includes('export function greet'), 'with the file read from the workspace');
    // The test model counts a quarter token per character: 'It greets people.' is 17 characters.
    assert.deepEqual({ ...answer.meta?.usage, inputTokens: undefined }, { inputTokens: undefined, outputTokens: 5, estimated: true }, "the answer's tokens counted by the model, marked as estimated");
    assert.ok((answer.meta?.usage?.inputTokens ?? 0) > 0, 'the prompt counted by the model');
  });

  it('explains a model that is gone', async () => {
    await config().update('vscode.model', 'agent-chat-test/no-such-model', vscode.ConfigurationTarget.Global);
    const answer = await vscode.commands.executeCommand<Answer & { error?: { kind: string; message: string } }>('agentChat.ask', { agent: 'qa', prompt: 'Hello?' });
    assert.equal(answer.status, 'error');
    assert.equal(answer.error?.kind, 'modelNotFound');
    assert.match(answer.error?.message ?? '', /no-such-model/);
  });
});
