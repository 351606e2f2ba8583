// Command palette and context-menu entry points. Each is a thin call into a named method of the
// controller or the views; the chat page's buttons call the same ones (see webview-dispatch.ts).
import * as vscode from 'vscode';
import type { ChatController } from '../core/chat/controller';
import type { ConversationStore, StoreMaintenance } from '../core/chat/store';
import type { ProviderId } from '../core/providers/types';
import type { ChatAttachments } from './chat-attachments';
import type { ChatViews } from './chat-views';
import type { CommandId } from './command-ids';
import type { ModelResolver } from './model-resolver';
import type { ApiKeys } from './secrets';
import { openWalkthrough, useVscodeModel } from './native/commands';
import { protectedSelectionNote } from './protected-selection';
import { explainSelectionRequest } from './selection-prompt';
import type { Settings } from './settings/settings';

export interface CommandDeps {
  controller: ChatController;
  views: ChatViews;
  keys: ApiKeys;
  resolver: ModelResolver;
  agents(): { name: string; description: string }[];
  store: ConversationStore & StoreMaintenance;
  settings(): Settings;
  /** The workspace's *Always allow* choices for commands (listed and revoked from the palette). */
  alwaysAllowedCommands: { manage(): Promise<void> };
  /** MCP, loaded when first needed (lazy/mcp-hub.ts). */
  mcp: { showServers(showLog: () => void): Promise<void> };
  showLog(): void;
  attachments: ChatAttachments;
  /** Undo of an answer's changes in VS Code's Chat, picked from a list (its button is disabled after a reload). */
  undoVscodeChatAnswer(): Promise<void>;
}

interface AskArgs {
  agent?: string;
  prompt?: string;
}

/** What each command does, by id (exhaustive: a command missing here does not compile). */
export function chatCommands(deps: CommandDeps) {
  const { controller, views } = deps;
  const ask = async (agent: string, prompt: string) => {
    await views.reveal();
    return controller.ask(agent.replace(/^@/, ''), prompt);
  };
  const question = (title: string) => vscode.window.showInputBox({ title, prompt: vscode.l10n.t('Your question'), ignoreFocusOut: true });
  return {
    'agentChat.ask': async (args?: AskArgs) => {
      const agent = args?.agent ?? (await pickAgent(deps));
      if (!agent) return undefined;
      const prompt = args?.prompt ?? (await question(vscode.l10n.t('Ask @{0}', agent)));
      return prompt?.trim() ? ask(agent, prompt) : undefined;
    },
    'agentChat.askBackend': async (args?: AskArgs) => {
      const prompt = args?.prompt ?? (await question(vscode.l10n.t('Ask @backend')));
      return prompt?.trim() ? ask('backend', prompt) : undefined;
    },
    'agentChat.explainSelection': async () => {
      const editor = vscode.window.activeTextEditor;
      const refused = protectedSelectionNote(editor, deps.settings().secrets);
      if (refused) return void vscode.window.showWarningMessage(refused);
      const request = editor && explainSelectionRequest(editor, deps.settings().defaultAgent);
      if (!request) return void vscode.window.showInformationMessage(vscode.l10n.t('Select some code first, then run "Explain Selection".'));
      return ask(request.agent, request.prompt);
    },
    'agentChat.newChat': async () => {
      await views.reveal();
      await controller.newChat();
    },
    'agentChat.stop': () => controller.stop(),
    'agentChat.openInEditor': () => views.openInEditor(),
    'agentChat.focus': () => views.reveal(),
    'agentChat.setApiKey': (provider?: string) => setApiKey(deps, provider),
    'agentChat.selectModel': () => selectModel(deps),
    'agentChat.exportChat': (id?: string) => exportChat(deps, id),
    'agentChat.showConversations': async () => {
      await views.reveal();
      await controller.listConversations(true);
    },
    'agentChat.mcpServers': () => deps.mcp.showServers(deps.showLog),
    'agentChat.clearHistory': async () => {
      const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Delete every Agent Chat conversation of this workspace? This cannot be undone.'), { modal: true }, vscode.l10n.t('Delete All'));
      if (ok !== vscode.l10n.t('Delete All')) return;
      await controller.stop();
      await deps.store.clearAll();
      await controller.newChat();
    },
    'agentChat.manageAlwaysAllowedCommands': () => deps.alwaysAllowedCommands.manage(),
    'agentChat.addFileToChat': (uri?: vscode.Uri) => deps.attachments.addFile(uri),
    'agentChat.addSelectionToChat': () => deps.attachments.addSelection(),
    'agentChat.useVscodeModel': (args?: { model?: string }) => useVscodeModel(args),
    'agentChat.undoVscodeChatAnswer': () => deps.undoVscodeChatAnswer(),
    'agentChat.openWalkthrough': () => openWalkthrough(),
    'agentChat.compactConversation': async () => {
      await views.reveal();
      if (!(await controller.compactNow())) void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to compact now: the conversation is empty, an answer is running, or no model is set up (or the summary failed; see the log).'));
    },
  } satisfies Record<CommandId, (...args: never[]) => unknown>;
}

export type ChatCommands = ReturnType<typeof chatCommands>;

export function registerCommands(commands: ChatCommands): vscode.Disposable[] {
  return Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run as (...args: unknown[]) => unknown));
}

async function pickAgent(deps: CommandDeps): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    deps.agents().map((a) => ({ label: `@${a.name}`, description: a.description, name: a.name })),
    { title: vscode.l10n.t('Ask an Agent'), placeHolder: vscode.l10n.t('Which agent?') },
  );
  return picked?.name;
}

async function setApiKey(deps: CommandDeps, provider?: string): Promise<void> {
  const choices = [
    { label: 'Anthropic', id: 'anthropic' as ProviderId },
    { label: vscode.l10n.t('OpenAI (or an OpenAI-compatible server)'), id: 'openai' as ProviderId },
  ];
  // The welcome's buttons name the provider; the command palette asks.
  const picked = choices.find((c) => c.id === provider) ?? (await vscode.window.showQuickPick(choices, { title: vscode.l10n.t('Agent Chat: Set API Key'), placeHolder: vscode.l10n.t('Which provider?') }));
  if (!picked) return;
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} API key', picked.label),
    prompt: vscode.l10n.t('Stored in VS Code\'s secret storage. Leave empty to remove the stored key.'),
    password: true,
    ignoreFocusOut: true,
  });
  if (key === undefined) return;
  if (key.trim()) await deps.keys.set(picked.id, key);
  else await deps.keys.delete(picked.id);
  deps.resolver.reset();
  void vscode.window.showInformationMessage(key.trim() ? vscode.l10n.t('{0} key saved.', picked.label) : vscode.l10n.t('{0} key removed.', picked.label));
}

async function selectModel(deps: CommandDeps): Promise<void> {
  const id = await deps.resolver.currentProvider();
  if (!id) return void vscode.window.showWarningMessage(vscode.l10n.t('Set up a provider first: run "Agent Chat: Set API Key" or start Ollama.'));
  const resolved = await deps.resolver.resolve({ provider: id });
  if ('setup' in resolved) return;
  const models = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Agent Chat: listing models…') },
    () => resolved.provider.listModels(AbortSignal.timeout(10_000)).catch(() => [] as string[]),
  );
  const items = models.length ? models.map((m) => ({ label: m, picked: m === resolved.model })) : [{ label: resolved.model }];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Model for {0}', id), placeHolder: resolved.model });
  if (!picked) return;
  const key = id === 'ollama' ? 'ollama.model' : `${id}.model`;
  // Writing, not reading: the settings snapshot picks the new model up through its change listener.
  await vscode.workspace.getConfiguration('agentChat').update(key, picked.label, vscode.ConfigurationTarget.Global);
}

/** Saves a conversation (the open one by default) as Markdown where the user chooses. */
async function exportChat(deps: CommandDeps, id?: string): Promise<vscode.Uri | undefined> {
  const conversationId = typeof id === 'string' ? id : await deps.controller.currentConversationId();
  const markdown = await deps.store.exportMarkdown(conversationId, vscode.l10n.t, vscode.env.language);
  const title = (await deps.store.list()).find((c) => c.id === conversationId)?.title ?? 'conversation';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${title.replace(/[^\w\- ]+/g, '').trim().slice(0, 60) || 'conversation'}.md`;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Chat to Markdown'),
    filters: { Markdown: ['md'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(markdown));
  void vscode.window.showInformationMessage(vscode.l10n.t('Conversation exported to {0}.', vscode.workspace.asRelativePath(target)));
  return target;
}
