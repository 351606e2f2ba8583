// Activation: wire settings, keys, storage, the team, tools, the controller, views and commands.
// Nothing here loads a vendor SDK; those load on the first request (see esbuild.mjs).
import * as vscode from 'vscode';
import { ChatController } from '../core/chat/controller';
import { toDisposable } from '../core/util/dispose';
import { ChatViews, chatViewId } from './chat-views';
import { chatCommands, registerCommands } from './commands';
import { ProposedContent } from './diff-preview';
import { openHistory } from './history';
import { createLogger } from './log';
import { ModelResolver } from './model-resolver';
import { ApiKeys } from './secrets';
import { CurrentSettings } from './settings/current-settings';
import { Team } from './team';
import { WorkspaceTools } from './workspace-tools';
import { WebviewActions } from './webview-actions';
import { dispatcher, webviewHandlers } from './webview-dispatch';

/** What the extension exports: how long its own activation took (read by tests and benchmarks). */
export interface AgentChatApi {
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): AgentChatApi {
  const started = performance.now();
  const log = createLogger();
  const settings = new CurrentSettings(log);
  const keys = new ApiKeys(context.secrets);
  const resolver = new ModelResolver(() => settings.current, keys);
  const team = new Team(settings.current.agents, log);
  const tools = new WorkspaceTools(settings.current.secrets, log);
  const proposed = new ProposedContent();
  const agents = () => team.agents.map((a) => ({ name: a.name, description: a.description, ...(a.icon ? { icon: a.icon } : {}) }));
  const store = openHistory(context, log, () => settings.current.maxConversations);

  const controller = new ChatController({
    store,
    resolveModel: (agent) => resolveFor(agent, team, resolver),
    systemPrompt: (agent, toolNames) => team.prompt(agent, toolNames),
    agents,
    defaultAgent: () => settings.current.defaultAgent,
    modelLabel: () => resolver.label(),
    post: (m) => {
      views.post(m);
      // A decided change's "(proposed)" diff tab would mislead from now on.
      if (m.type === 'toolCallUpdated' && decidedStates.has(m.toolCall.status)) void proposed.decided(m.toolCall.id);
    },
    log,
    tools: () => tools.get(),
    preview: (request, where) => proposed.show(request, where.toolCallId),
    limits: () => settings.current.limits,
    handOffCountdownSeconds: () => settings.current.handOffCountdownSeconds,
  });
  // The views check what the page says and hand it to the dispatcher; the controller posts through the views.
  const views = new ChatViews(context.extensionUri, (m) => dispatch(m), () => controller.snapshot(), log);
  const actions = new WebviewActions(controller, proposed, () => settings.current.secrets, (m) => views.post(m), () => settings.current.baseUrls.ollama);
  const commands = chatCommands({ controller, views, keys, resolver, agents, store, settings: () => settings.current });
  const dispatch = dispatcher(webviewHandlers({ controller, actions, commands, team }), log);

  context.subscriptions.push(
    log,
    settings,
    views,
    actions,
    team,
    tools,
    proposed,
    vscode.window.registerWebviewViewProvider(chatViewId, views, { webviewOptions: { retainContextWhenHidden: true } }),
    ...registerCommands(commands),
    toDisposable(() => void store.dispose()),
    keys.onDidChange(() => {
      resolver.reset();
      void controller.refreshSetup();
    }),
    // The one place a settings change is handed on.
    settings.onDidChange((current) => {
      resolver.reset();
      void controller.refreshSetup();
      tools.useSecretRules(current.secrets);
      team.useAgents(current.agents);
    }),
  );
  const activationMs = performance.now() - started;
  log.info(`Agent Chat activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

/** Tool call states after the user's decision (or without one): the proposed diff is settled. */
const decidedStates = new Set(['running', 'done', 'error', 'rejected', 'cancelled']);

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
