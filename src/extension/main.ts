// Activation: wire settings, keys, storage, the controller, views and commands. Nothing here
// loads a vendor SDK; those load on the first request (see esbuild.mjs).
import * as vscode from 'vscode';
import { builtinAgents } from '../core/agents/builtin';
import { ChatController } from '../core/chat/controller';
import { MemoryConversationStore } from '../core/chat/store';
import { ChatViews, chatViewId } from './chat-views';
import { registerCommands } from './commands';
import { readConfig, type AgentChatConfig } from './config';
import { createLogger } from './log';
import { ModelResolver } from './model-resolver';
import { ApiKeys } from './secrets';
import { WebviewActions } from './webview-actions';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const log = createLogger();
  let config: AgentChatConfig = readConfig();
  const keys = new ApiKeys(context.secrets);
  const resolver = new ModelResolver(() => config, keys);
  const agents = () => builtinAgents.map((a) => ({ name: a.name, description: a.description }));

  // The views forward what the webview says to the controller; the controller posts through the views.
  const controller = new ChatController({
    store: new MemoryConversationStore(),
    resolveModel: () => resolver.resolve(),
    systemPrompt: (agent) => builtinAgents.find((a) => a.name === agent)?.systemPrompt ?? `You are @${agent}.`,
    agents,
    defaultAgent: () => config.defaultAgent,
    modelLabel: () => `${config.provider === 'auto' ? 'auto' : config.provider}`,
    post: (m) => views.post(m),
    log,
  });
  const actions = new WebviewActions(controller);
  const views = new ChatViews(context.extensionUri, (m) => {
    actions
      .handle(m)
      .then((handled) => (handled ? undefined : controller.handle(m)))
      .catch((err: unknown) => log.error(`webview message "${m.type}" failed`, err));
  });

  context.subscriptions.push(
    log,
    views,
    actions,
    vscode.window.registerWebviewViewProvider(chatViewId, views),
    ...registerCommands({ controller, views, keys, resolver, agents }),
    keys.onDidChange(() => resolver.reset()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('agentChat')) return;
      config = readConfig();
      resolver.reset();
    }),
  );
  log.info(`Agent Chat activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {}
