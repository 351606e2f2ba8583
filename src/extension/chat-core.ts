// The chat itself, wired together: history, team, tools, the controller, the views, the commands and what VS
// Code's Chat runs. Built as a bundle of its own (dist/chat.js, see lazy/chat.ts), made on the first view,
// command or turn; activation (main.ts) only registers what VS Code needs to know about.
import * as vscode from 'vscode';
import { ChatController, type ChatControllerDeps } from '../core/chat/controller';
import type { ToolScope } from '../core/chat/tool-scope';
import { FileConversationStore } from '../core/history/file-store';
import type { DiagnosticsSource } from '../core/tools/diagnostics';
import { DisposableStore, toDisposable } from '../core/util/dispose';
import { ChatAttachments } from './chat-attachments';
import { ChatViews } from './chat-views';
import { chatCommands, type ChatCommands } from './commands';
import { AlwaysAllowedCommands } from './commands-run/always-allowed';
import { FullOutputs } from './commands-run/full-output';
import type { ProposedContent } from './diff-preview';
import { openHistory, vscodeChatUndoFolder } from './history';
import { LazyCommandTool, withCommands } from './lazy/command-tool';
import { LazyMcpHub } from './lazy/mcp-hub';
import type { ExtensionLogger } from './log';
import { ModelResolver } from './model-resolver';
import type { NativeHandlers } from './native/handlers';
import { nativeHandlers } from './native/handlers-loader';
import { knownKeys, type ApiKeys } from './secrets';
import type { CurrentSettings } from './settings/current-settings';
import { Team } from './team';
import { WebviewActions } from './webview-actions';
import { dispatcher, webviewHandlers } from './webview-dispatch';
import { WorkspaceTools } from './workspace-tools';

/** What activation made and hands over: the log, the settings, the keys and the proposed changes' documents. */
export interface ChatParts {
  context: vscode.ExtensionContext;
  log: ExtensionLogger;
  settings: CurrentSettings;
  keys: ApiKeys;
  proposed: ProposedContent;
}

export interface ChatCore extends vscode.Disposable {
  views: ChatViews;
  commands: ChatCommands;
  /** One tool scope for both chats: a turn's MCP servers and run_command loaded before it lists its tools. */
  toolScope: ToolScope;
  nativeHandlers(): Promise<NativeHandlers>;
}

export function createChat(parts: ChatParts): ChatCore {
  const { context, log, settings, keys, proposed } = parts;
  const owned = new DisposableStore();
  const resolver = new ModelResolver(() => settings.current, keys);
  const team = owned.add(new Team(settings.current.agents, log));
  // The views come later (they need the controller); the attachments reach them through these arrows.
  const attachments: ChatAttachments = owned.add(new ChatAttachments({ reveal: (): Promise<void> => views.reveal(), post: (m): void => views.post(m) }, () => settings.current.secrets));
  const { tools, mcp, commandTool, alwaysAllowed, fullOutputs } = createTools(parts, owned, attachments.diagnostics);
  const toolScope = withCommands(mcp.scope((agent) => team.find(agent)?.tools), commandTool);
  const agents = () => team.agents.map((a) => ({ name: a.name, description: a.description, ...(a.icon ? { icon: a.icon } : {}) }));
  const store = openHistory(context, log, () => settings.current.maxConversations);
  const native = nativeHandlers({ settings: () => settings.current, keys, resolver, team, runner: () => tools.get(), toolScope, log, undoFolder: vscodeChatUndoFolder(context), workspaceState: context.workspaceState,
    openStore: (folder) => new FileConversationStore(folder, { log }),
  });

  const controller = createController({ store, team, resolver, settings, log, tools, toolScope, proposed, alwaysAllowed, fullOutputs, agents, post: (m) => views.post(m) });
  // The views check what the page says and hand it to the dispatcher; the controller posts through the views.
  const views = owned.add(new ChatViews(context.extensionUri, (m) => dispatch(m), () => controller.snapshot(), log));
  const actions = owned.add(new WebviewActions(controller, proposed, () => settings.current.secrets, (m) => views.post(m), () => settings.current.baseUrls.ollama));
  const commands = chatCommands({
    controller, views, keys, resolver, agents, store, settings: () => settings.current, alwaysAllowedCommands: alwaysAllowed, mcp, showLog: () => log.show(), attachments,
    undoVscodeChatAnswer: async () => (await native()).pickAndUndo(),
  });
  const dispatch = dispatcher(webviewHandlers({ controller, actions, commands, fullOutputs, attachments, team }), log);

  owned.add(toDisposable(() => void store.dispose()));
  owned.add(keys.onDidChange(() => {
    resolver.reset();
    void controller.refreshSetup();
  }));
  // The one place a settings change is handed on to the chat (activation refreshes VS Code's model list itself).
  owned.add(settings.onDidChange((current) => {
    resolver.reset();
    void controller.refreshSetup();
    tools.useSecretRules(current.secrets);
    team.useAgents(current.agents);
    mcp.useSettings(current.mcp);
  }));
  return { views, commands, toolScope, nativeHandlers: native, dispose: () => owned.dispose() };
}

interface ControllerParts {
  store: ReturnType<typeof openHistory>;
  team: Team;
  resolver: ModelResolver;
  settings: CurrentSettings;
  log: ExtensionLogger;
  tools: WorkspaceTools;
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
    t: vscode.l10n.t,
  });
}

/** The agents' tools: the file tools, run_command and MCP servers' tools, and what each remembers per workspace. */
function createTools(parts: ChatParts, owned: DisposableStore, diagnostics: DiagnosticsSource) {
  const { context, settings, keys, log } = parts;
  const tools = owned.add(new WorkspaceTools(settings.current.secrets, log, diagnostics));
  // MCP and run_command load on first use (their own bundles, see esbuild.mjs); here they are only tool sources.
  const mcp = owned.add(new LazyMcpHub({ state: context.workspaceState, settings: settings.current.mcp, log, globalStorageUri: context.globalStorageUri }));
  tools.addSource(mcp);
  const alwaysAllowed = new AlwaysAllowedCommands(context.workspaceState);
  const fullOutputs = new FullOutputs();
  const commandTool = owned.add(
    new LazyCommandTool({
      secretValues: () => knownKeys(keys),
      useTerminal: process.env.AGENT_CHAT_COMMANDS_IN_PROCESS !== '1',
      log,
      settings: () => settings.current.commands,
      allowed: alwaysAllowed,
    }),
  );
  tools.addSource(commandTool);
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
