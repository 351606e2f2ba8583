// Activation: wire settings, keys, storage, the team, tools, the controller, views and commands.
// Nothing here loads a vendor SDK; those load on the first request (see esbuild.mjs).
import * as vscode from 'vscode';
import { ChatController } from '../core/chat/controller';
import { ChatViews, chatViewId } from './chat-views';
import { registerCommands } from './commands';
import { readConfig, type AgentChatConfig } from './config';
import { ProposedContent } from './diff-preview';
import { openHistory } from './history';
import { createLogger } from './log';
import { ModelResolver } from './model-resolver';
import { ApiKeys } from './secrets';
import { Team } from './team';
import { readToolSettings, WorkspaceTools } from './workspace-tools';
import { WebviewActions } from './webview-actions';

/** What the extension exports: how long its own activation took (read by tests and benchmarks). */
export interface AgentChatApi {
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): AgentChatApi {
  const started = performance.now();
  const log = createLogger();
  let config: AgentChatConfig = readConfig();
  let toolSettings = readToolSettings();
  const keys = new ApiKeys(context.secrets);
  const resolver = new ModelResolver(() => config, keys);
  const team = new Team(log);
  const tools = new WorkspaceTools(log);
  const proposed = new ProposedContent();
  const agents = () => team.agents.map((a) => ({ name: a.name, description: a.description }));
  const store = openHistory(context, log);

  const controller = new ChatController({
    store,
    resolveModel: (agent) => resolveFor(agent, team, resolver),
    systemPrompt: (agent, toolNames) => team.prompt(agent, toolNames),
    agents,
    defaultAgent: () => config.defaultAgent,
    modelLabel: () => resolver.label(),
    post: (m) => views.post(m),
    log,
    tools: () => tools.get(),
    preview: (request, where) => proposed.show(request, where.toolCallId),
    limits: () => toolSettings,
  });
  const actions = new WebviewActions(controller, proposed);
  // The views forward what the webview says to the controller; the controller posts through the views.
  const views = new ChatViews(context.extensionUri, (m) => {
    actions
      .handle(m)
      .then((handled) => (handled ? undefined : controller.handle(m)))
      .catch((err: unknown) => log.error(`webview message "${m.type}" failed`, err));
  }, () => controller.snapshot(), log);

  context.subscriptions.push(
    log,
    views,
    actions,
    team,
    tools,
    proposed,
    vscode.window.registerWebviewViewProvider(chatViewId, views, { webviewOptions: { retainContextWhenHidden: true } }),
    ...registerCommands({ controller, views, keys, resolver, agents, store }),
    { dispose: () => void store.dispose() },
    keys.onDidChange(() => resolver.reset()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('agentChat')) return;
      config = readConfig();
      toolSettings = readToolSettings();
      resolver.reset();
    }),
  );
  const activationMs = performance.now() - started;
  log.info(`Agent Chat activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

/** The model one agent answers with: its own provider, model and temperature where the agents setting gives them. */
function resolveFor(agent: string, team: Team, resolver: ModelResolver): ReturnType<ModelResolver['resolve']> {
  const a = team.find(agent);
  return resolver.resolve({
    ...(a?.provider ? { provider: a.provider } : {}),
    ...(a?.model ? { model: a.model } : {}),
    ...(a?.temperature !== undefined ? { temperature: a.temperature } : {}),
  });
}

export function deactivate(): void {
  // Pending index writes are flushed by the store's dispose (registered above).
}
