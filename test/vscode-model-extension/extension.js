// A model extension for the tests: `agentChatTest.offerModel({ url })` registers the language model
// `agent-chat-test/fake-model`, which answers from the fake Anthropic server at `url` (through the compiled
// core provider, so the real SDK speaks the wire protocol). Plain JavaScript: VS Code loads it as it is.
const vscode = require('vscode');
const path = require('node:path');

/** @param {vscode.ExtensionContext} context */
exports.activate = (context) => {
  let registration;
  context.subscriptions.push(
    vscode.commands.registerCommand('agentChatTest.offerModel', ({ url }) => {
      registration?.dispose();
      registration = vscode.lm.registerLanguageModelChatProvider('agent-chat-test', modelProvider(url));
      context.subscriptions.push(registration);
    }),
    // For the end-to-end tests, which can run commands only by title: sends the query written in the file
    // $AGENT_CHAT_TEST_QUERY_FILE to VS Code's Chat, once Agent Chat's model is known there.
    vscode.commands.registerCommand('agentChatTest.askChat', async () => {
      const query = require('node:fs').readFileSync(process.env.AGENT_CHAT_TEST_QUERY_FILE, 'utf8');
      for (let i = 0; i < 100 && !(await vscode.lm.selectChatModels({ vendor: 'agent-chat' })).length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await vscode.commands.executeCommand('workbench.action.chat.open', { query });
    }),
  );
};

function modelProvider(url) {
  const { createProvider } = require(path.join(__dirname, '..', '..', 'out', 'src', 'core', 'providers', 'index.js'));
  const provider = createProvider({
    id: 'anthropic',
    apiKey: 'sk-ant-test-model-extension',
    baseUrl: url,
    timeouts: { firstTokenMs: 30_000, idleMs: 30_000 },
    retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
  });
  const info = {
    id: 'fake-model', name: 'Fake Model', family: 'fake', version: '1', maxInputTokens: 100_000, maxOutputTokens: 4096,
    capabilities: { toolCalling: true },
  };
  return {
    provideLanguageModelChatInformation: () => [info],
    provideTokenCount: (_model, text) => Math.ceil((typeof text === 'string' ? text : JSON.stringify(text.content)).length / 4),
    async provideLanguageModelChatResponse(_model, messages, options, progress, token) {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const tools = (options.tools ?? []).map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema ?? { type: 'object' } }));
      const request = { model: 'claude-sonnet-4-6', messages: toCore(messages), maxTokens: 1024, ...(tools.length ? { tools } : {}) };
      for await (const event of provider.stream(request, controller.signal)) {
        if (event.type === 'text') progress.report(new vscode.LanguageModelTextPart(event.text));
        if (event.type === 'toolCallComplete') progress.report(new vscode.LanguageModelToolCallPart(event.call.id, event.call.name, event.call.arguments));
      }
    },
  };
}

function toCore(messages) {
  const out = [];
  for (const m of messages) {
    const text = m.content.filter((p) => p instanceof vscode.LanguageModelTextPart).map((p) => p.value).join('');
    if (m.role === vscode.LanguageModelChatMessageRole.Assistant) {
      const toolCalls = m.content.filter((p) => p instanceof vscode.LanguageModelToolCallPart).map((p) => ({ id: p.callId, name: p.name, arguments: p.input }));
      out.push({ role: 'assistant', content: text, ...(toolCalls.length ? { toolCalls } : {}) });
      continue;
    }
    for (const p of m.content) {
      if (p instanceof vscode.LanguageModelToolResultPart) {
        const content = p.content.map((c) => (c instanceof vscode.LanguageModelTextPart ? c.value : JSON.stringify(c))).join('');
        out.push({ role: 'tool', toolCallId: p.callId, toolName: 'tool', content });
      }
    }
    if (text) out.push({ role: 'user', content: text });
  }
  return out;
}
