// Provider `vscode` beyond the happy path, through a model another extension offers (test/vscode-model-extension,
// backed by the fake Anthropic server): an answer that used tools says each round is a request, Stop reaches the
// server's connection, and VS Code's refusals (no consent, quota, model gone) are explained. Also the token
// counts our own models give VS Code (provideTokenCount).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatEvent, ChatRequest } from '../../src/core/providers/types';
import { createVscodeProvider, explainLmError } from '../../src/extension/native/vscode-provider';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { useFakeAnthropic } from './fake-anthropic';

const modelKey = 'agent-chat-test/fake-model';
const roundNotice = /Each tool round is a separate request to VS Code's model/;

interface Answer {
  text: string;
  status: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("provider vscode: the tool-round notice, Stop, and VS Code's refusals explained", () => {
  let server: FakeServer | undefined;
  const config = () => vscode.workspace.getConfiguration('agentChat');

  before(async () => {
    server = await startFakeServer('anthropic');
    await vscode.commands.executeCommand('agentChatTest.offerModel', { url: server.url });
    for (let i = 0; i < 100 && !(await vscode.lm.selectChatModels({ vendor: 'agent-chat-test' })).length; i++) await sleep(200);
    await vscode.commands.executeCommand('agentChat.useVscodeModel', { model: modelKey });
  });

  after(async () => {
    await config().update('provider', undefined, vscode.ConfigurationTarget.Global);
    await config().update('vscode.model', undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  it('an answer that used tools says that each tool round is a request; one without tools does not', async () => {
    // The notice goes on the round that called tools (our chat shows it under that round), so the provider's
    // events are read here rather than the turn's last message.
    const provider = createVscodeProvider(async () => (await vscode.lm.selectChatModels({ vendor: 'agent-chat-test' }))[0]!);
    const request = (tools: boolean): ChatRequest => ({
      model: modelKey,
      system: 'You are a test.',
      messages: [{ role: 'user', content: 'What does src/app.ts do?' }],
      maxTokens: 256,
      ...(tools ? { tools: [{ name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } }] } : {}),
    });
    const eventsOf = async (r: ChatRequest) => {
      const out: ChatEvent[] = [];
      for await (const event of provider.stream(r, new AbortController().signal)) out.push(event);
      return out;
    };
    server!.enqueue({ tokens: ['Reading.'], toolCalls: [{ id: 'toolu_notice', name: 'read_file', arguments: { path: 'src/app.ts' } }] });
    const withTools = await eventsOf(request(true));
    assert.ok(withTools.some((e) => e.type === 'toolCallComplete' && e.call.name === 'read_file'), 'the model called the tool');
    assert.ok(withTools.some((e) => e.type === 'notice' && roundNotice.test(e.text)), 'the round says it was a request');
    assert.deepEqual(withTools.at(-1), { type: 'done', stopReason: 'tool_use' });

    server!.enqueue({ tokens: ['Hello there.'] });
    const plain = await eventsOf(request(false));
    assert.ok(!plain.some((e) => e.type === 'notice'), 'no notice without a tool round');
    assert.deepEqual(plain.at(-1), { type: 'done', stopReason: 'end' });
  });

  it("Stop interrupts the answer and closes the server's connection behind VS Code's model", async () => {
    server!.enqueue({ tokens: ['First ', 'never'], fault: { kind: 'stall', afterTokens: 1 } });
    const before = server!.chatRequests().length;
    const asking = vscode.commands.executeCommand<Answer>('agentChat.ask', { agent: 'qa', prompt: 'Take your time.' });
    for (let i = 0; i < 150 && server!.chatRequests().length === before; i++) await sleep(200);
    const request = server!.chatRequests().at(-1)!;
    assert.notEqual(server!.chatRequests().length, before, 'the request reached the server');
    await sleep(500); // the first token is on its way; the stream then stalls
    await vscode.commands.executeCommand('agentChat.stop');
    // Bounded below the test model's own idle timeout (30 s), which would otherwise close the connection too.
    await server!.waitForClientClose(request, 20_000);
    assert.ok(request.clientClosedAt, 'the connection was closed');
    const answer = await asking;
    assert.equal(answer.status, 'interrupted');
  });

  it("explains VS Code's refusals: no consent, quota or blocked, model gone, anything else", () => {
    const noConsent = explainLmError(vscode.LanguageModelError.NoPermissions('The user did not allow it.'));
    assert.equal(noConsent.kind, 'auth');
    assert.match(noConsent.message, /access was not allowed/);
    assert.match(noConsent.hint ?? '', /choose Allow when VS Code asks/);
    const quota = explainLmError(vscode.LanguageModelError.Blocked('Monthly quota reached.'));
    assert.equal(quota.kind, 'rateLimited');
    assert.match(quota.message, /\(quota used up or rate limited\): Monthly quota reached\./);
    assert.match(quota.hint ?? '', /Use a Model from VS Code/);
    const gone = explainLmError(vscode.LanguageModelError.NotFound('fake-model'));
    assert.equal(gone.kind, 'modelNotFound');
    assert.match(gone.message, /gone: fake-model/);
    const other = explainLmError(new Error('socket hang up'));
    assert.equal(other.kind, 'badRequest');
    assert.match(other.message, /socket hang up/);
  });
});

describe('our models in VS Code: token counts (provideTokenCount)', () => {
  useFakeAnthropic();

  it('counts about a token per four characters, for text and for a message', async () => {
    let model: vscode.LanguageModelChat | undefined;
    for (let i = 0; i < 100 && !model; i++) {
      model = (await vscode.lm.selectChatModels({ vendor: 'agent-chat' })).find((m) => m.id === 'anthropic/claude-sonnet-4-6');
      if (!model) await sleep(200);
    }
    assert.ok(model, 'our model is listed');
    const token = new vscode.CancellationTokenSource().token;
    assert.equal(await model.countTokens('x'.repeat(40), token), 10);
    assert.equal(await model.countTokens('x'.repeat(41), token), 11, 'rounded up');
    assert.equal(await model.countTokens(vscode.LanguageModelChatMessage.User('y'.repeat(20)), token), 5);
    assert.equal(await model.countTokens('', token), 0);
  });
});
