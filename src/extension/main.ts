// Activation: wire settings, keys, storage, the team, tools, the controller, views and commands.
// Nothing here loads a vendor SDK; those load on the first request (see esbuild.mjs).
import * as vscode from 'vscode';
import { ChatController, type ChatControllerDeps } from '../core/chat/controller';
import { toDisposable } from '../core/util/dispose';
import { ChatAttachments } from './chat-attachments';
import { ChatViews, chatViewId } from './chat-views';
import { chatCommands, registerCommands } from './commands';
import { ProposedContent } from './diff-preview';
import { FileConversationStore } from '../core/history/file-store';
import { openHistory, vscodeChatUndoFolder } from './history';
import { createLogger } from './log';
import { ModelResolver } from './model-resolver';
import { registerNative } from './native';
import { ApiKeys } from './secrets';
import { CurrentSettings } from './settings/current-settings';
import { Team } from './team';
import { LazyMcpHub } from './lazy/mcp-hub';
import { LazyCommandTool, withCommands } from './lazy/command-tool';
import type { ToolScope } from '../core/chat/tool-scope';
import type { DiagnosticsSource } from '../core/tools/diagnostics';
import { WorkspaceTools } from './workspace-tools';
import { AlwaysAllowedCommands } from './commands-run/always-allowed';
import { FullOutputs } from './commands-run/full-output';
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
  const hideKeysInLog = (): void => void knownKeys(keys).then((found) => log.hideSecrets(found));
  hideKeysInLog();
  const resolver = new ModelResolver(() => settings.current, keys);
  const team = new Team(settings.current.agents, log);
  // The views come later (they need the controller); the attachments reach them through these arrows.
  const attachments: ChatAttachments = new ChatAttachments({ reveal: (): Promise<void> => views.reveal(), post: (m): void => views.post(m) }, () => settings.current.secrets);
  const { tools, mcp, commandTool, alwaysAllowed, fullOutputs } = createTools(context, settings, keys, log, attachments.diagnostics);
  // One scope for both chats: an agent's tool list, and MCP and run_command loaded before a turn lists its tools.
  const toolScope = withCommands(mcp.scope((agent) => team.find(agent)?.tools), commandTool);
  const proposed = new ProposedContent();
  const agents = () => team.agents.map((a) => ({ name: a.name, description: a.description, ...(a.icon ? { icon: a.icon } : {}) }));
  const store = openHistory(context, log, () => settings.current.maxConversations);

  const controller = createController({ store, team, resolver, settings, log, tools, toolScope, proposed, alwaysAllowed, fullOutputs, agents, post: (m) => views.post(m) });
  // The views check what the page says and hand it to the dispatcher; the controller posts through the views.
  const views = new ChatViews(context.extensionUri, (m) => dispatch(m), () => controller.snapshot(), log);
  const actions = new WebviewActions(controller, proposed, () => settings.current.secrets, (m) => views.post(m), () => settings.current.baseUrls.ollama);
  const commands = chatCommands({
    controller, views, keys, resolver, agents, store, settings: () => settings.current, alwaysAllowedCommands: alwaysAllowed, mcp, showLog: () => log.show(), attachments,
    undoVscodeChatAnswer: () => native.pickAndUndo(),
  });
  const dispatch = dispatcher(webviewHandlers({ controller, actions, commands, fullOutputs, attachments, team }), log);
  // VS Code's chat, models and tools: each piece only where this editor has it.
  const native = registerNative({ settings: () => settings.current, keys, resolver, team, runner: () => tools.get(), toolScope, log, undoFolder: vscodeChatUndoFolder(context), workspaceState: context.workspaceState,
    openStore: (folder) => new FileConversationStore(folder, { log }),
  });

  context.subscriptions.push(
    log,
    settings,
    views,
    actions,
    team,
    attachments,
    proposed,
    vscode.window.registerWebviewViewProvider(chatViewId, views, { webviewOptions: { retainContextWhenHidden: true } }),
    ...registerCommands(commands),
    toDisposable(() => void store.dispose()),
    ...native.disposables,
    keys.onDidChange(() => {
      hideKeysInLog();
      resolver.reset();
      native.refreshModels();
      void controller.refreshSetup();
    }),
    // The one place a settings change is handed on.
    settings.onDidChange((current) => {
      resolver.reset();
      native.refreshModels();
      void controller.refreshSetup();
      tools.useSecretRules(current.secrets);
      team.useAgents(current.agents);
      mcp.useSettings(current.mcp);
    }),
  );
  const activationMs = performance.now() - started;
  log.info(`Agent Chat activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

interface ControllerParts {
  store: ReturnType<typeof openHistory>;
  team: Team;
  resolver: ModelResolver;
  settings: CurrentSettings;
  log: ReturnType<typeof createLogger>;
  tools: ReturnType<typeof createTools>['tools'];
  toolScope: ToolScope;
  proposed: ProposedContent;
  alwaysAllowed: AlwaysAllowedCommands;
  fullOutputs: FullOutputs;
  agents: () => { name: string; description: string }[];
  post: ChatControllerDeps['post'];
}

/** The chat's controller, wired to this window's settings, tools, history and views. */
function createController(p: ControllerParts): ChatController {
  const { store, team, resolver, settings, log, tools, toolScope, proposed, alwaysAllowed, fullOutputs, agents, post } = p;
  return new ChatController({
    store,
    resolveModel: (agent) => resolveFor(agent, team, resolver),
    systemPrompt: (agent, toolNames) => team.prompt(agent, toolNames),
    activeFile: () => team.activeFile(),
    agents,
    defaultAgent: () => settings.current.defaultAgent,
    modelLabel: () => resolver.label(),
    post: (m) => {
      post(m);
      // A decided change's "(proposed)" diff tab would mislead from now on.
      if (m.type === 'toolCallUpdated' && decidedStates.has(m.toolCall.status)) void proposed.decided(m.toolCall.id);
    },
    log,
    tools: () => tools.get(),
    toolScope,
    preview: (request, where) => proposed.show(request, where.toolCallId),
    limits: () => settings.current.limits,
    alwaysAllow: async (key) => void (await alwaysAllowed.remember(key)),
    keepOutput: (toolCallId, chunk) => fullOutputs.add(toolCallId, chunk),
    handOffCountdownSeconds: () => settings.current.handOffCountdownSeconds,
  });
}

/** The agents' tools: the file tools, run_command and MCP servers' tools, and what each remembers per workspace. */
function createTools(context: vscode.ExtensionContext, settings: CurrentSettings, keys: ApiKeys, log: ReturnType<typeof createLogger>, diagnostics: DiagnosticsSource) {
  const tools = new WorkspaceTools(settings.current.secrets, log, diagnostics);
  // MCP and run_command load on first use (their own bundles, see esbuild.mjs); here they are only tool sources.
  const mcp = new LazyMcpHub({ state: context.workspaceState, settings: settings.current.mcp, log, globalStorageUri: context.globalStorageUri });
  tools.addSource(mcp);
  const alwaysAllowed = new AlwaysAllowedCommands(context.workspaceState);
  const fullOutputs = new FullOutputs();
  const commandTool = new LazyCommandTool({
    secretValues: () => knownKeys(keys),
    useTerminal: process.env.AGENT_CHAT_COMMANDS_IN_PROCESS !== '1',
    log,
    settings: () => settings.current.commands,
    allowed: alwaysAllowed,
  });
  tools.addSource(commandTool);
  context.subscriptions.push(tools, mcp, commandTool);
  return { tools, mcp, commandTool, alwaysAllowed, fullOutputs };
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

/** Every API key the extension can use now, so none of them reaches a command's environment. */
async function knownKeys(keys: ApiKeys): Promise<string[]> {
  const found = await Promise.all((['anthropic', 'openai', 'ollama'] as const).map((p) => keys.get(p).catch(() => undefined)));
  return found.filter((k): k is string => typeof k === 'string');
}

export function deactivate(): void {
  // Pending index writes are flushed by the store's dispose (registered above).
}
