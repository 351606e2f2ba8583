// Our configured models as VS Code language models (vendor `agent-chat`), asked through `vscode.lm` exactly as
// another extension or VS Code's Chat would, streaming from the fake Anthropic server through the real SDK.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useFakeAnthropic } from './fake-anthropic';

const modelId = 'anthropic/claude-sonnet-4-6';

/** Waits for VS Code to list the model (it re-reads our list after the settings change). */
async function ourModel(): Promise<vscode.LanguageModelChat> {
  for (let i = 0; i < 100; i++) {
    const found = (await vscode.lm.selectChatModels({ vendor: 'agent-chat' })).find((m) => m.id === modelId);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`VS Code never listed ${modelId}`);
}

async function textOf(response: vscode.LanguageModelChatResponse): Promise<string> {
  let text = '';
  for await (const piece of response.text) text += piece;
  return text;
}

describe('our models in VS Code (language-model vendor agent-chat)', () => {
  const server = useFakeAnthropic();

  it('lists the configured model with its context window and answer length', async () => {
    const model = await ourModel();
    assert.equal(model.vendor, 'agent-chat');
    assert.equal(model.family, 'claude-sonnet-4-6');
    assert.equal(model.maxInputTokens, 200_000 - 4096);
  });

  it("takes the context window and answer length per model from the model table and agentChat.models", async () => {
    const config = vscode.workspace.getConfiguration('agentChat');
    await config.update('models', { 'claude-sonnet-4-6': { contextWindow: 50_000, maxOutput: 1_000 } }, vscode.ConfigurationTarget.Global);
    try {
      let model = await ourModel();
      for (let i = 0; i < 100 && model.maxInputTokens !== 49_000; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        model = await ourModel();
      }
      assert.equal(model.maxInputTokens, 50_000 - 1_000, "this model's window less its longest answer (agentChat.maxTokens 4096 capped at 1,000)");
    } finally {
      await config.update('models', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('activation figure (printed for the record, not asserted)', async () => {
    const extension = vscode.extensions.getExtension<{ activationMs: number }>('agent-chat.agent-chat')!;
    const api = await extension.activate();
    console.log(`figure: activation of Agent Chat ${api.activationMs.toFixed(1)} ms`);
  });

  it('streams the fake server\'s exact text', async () => {
    const tokens = ['Exactly ', 'these ', 'words, ', 'ünïcödé ✓'];
    server().enqueue({ tokens, tokenDelayMs: 5 });
    const model = await ourModel();
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Say it')], {}, new vscode.CancellationTokenSource().token);
    assert.equal(await textOf(response), tokens.join(''));
    const body = server().chatRequests().at(-1)?.body as { model: string; messages: { content: { text: string }[] }[] };
    assert.equal(body.model, 'claude-sonnet-4-6');
    assert.equal(body.messages.at(-1)?.content.at(-1)?.text, 'Say it');
  });

  it('returns a tool call as a tool-call part and sends its result on', async () => {
    server().enqueue(
      { tokens: ['Checking.'], toolCalls: [{ id: 'toolu_weather', name: 'get_weather', arguments: { city: 'Paris' } }] },
      { tokens: ['Sunny in Paris.'] },
    );
    const model = await ourModel();
    const tools = [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }];
    const ask = vscode.LanguageModelChatMessage.User('Weather in Paris?');
    const first = await model.sendRequest([ask], { tools }, new vscode.CancellationTokenSource().token);
    const parts: unknown[] = [];
    for await (const part of first.stream) parts.push(part);
    const call = parts.find((p) => p instanceof vscode.LanguageModelToolCallPart);
    assert.ok(call, 'a tool-call part');
    assert.deepEqual([call.callId, call.name, call.input], ['toolu_weather', 'get_weather', { city: 'Paris' }]);

    const result = new vscode.LanguageModelToolResultPart('toolu_weather', [new vscode.LanguageModelTextPart('18 °C, clear')]);
    const second = await model.sendRequest(
      [ask, vscode.LanguageModelChatMessage.Assistant([new vscode.LanguageModelTextPart('Checking.'), call]), vscode.LanguageModelChatMessage.User([result])],
      { tools },
      new vscode.CancellationTokenSource().token,
    );
    assert.equal(await textOf(second), 'Sunny in Paris.');
    const body = JSON.stringify(server().chatRequests().at(-1)?.body);
    assert.ok(body.includes('"type":"tool_result","tool_use_id":"toolu_weather","content":"18 °C, clear"'), body);
    assert.ok(body.includes('"name":"get_weather"'), 'the tool is offered to the model');
  });

  it('cancelling closes the server\'s connection', async () => {
    server().enqueue({ tokens: ['First ', 'never'], fault: { kind: 'stall', afterTokens: 1 } });
    const model = await ourModel();
    const cancel = new vscode.CancellationTokenSource();
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Go on')], {}, cancel.token);
    const reader = response.text[Symbol.asyncIterator]();
    assert.equal((await reader.next()).value, 'First ');
    cancel.cancel();
    const request = server().chatRequests().at(-1)!;
    await server().waitForClientClose(request, 15_000);
    assert.ok(request.clientClosedAt, 'the client hung up');
  });

  it('explains a rejected key (401) without repeating it', async () => {
    server().enqueue({ fault: { kind: 'status', status: 401, message: 'invalid x-api-key: sk-ant-integration-test' } });
    const model = await ourModel();
    await assert.rejects(
      async () => textOf(await model.sendRequest([vscode.LanguageModelChatMessage.User('Hi')], {}, new vscode.CancellationTokenSource().token)),
      (err: Error) => {
        assert.match(err.message, /Anthropic did not accept the API key/);
        assert.match(err.message, /Set API Key/);
        assert.ok(!err.message.includes('sk-ant-integration-test'), 'the key is redacted');
        return true;
      },
    );
  });
});
