// Activation: registers what VS Code must know about from the start (the chat view, the commands, our models,
// tools and participants in VS Code's Chat) with small stand-ins. The chat itself is a bundle of its own
// (lazy/chat.ts → dist/chat.js), loaded on the first view, command or turn: VS Code's activation figure counts
// loading this file, so it carries only the registrations, the log, the settings and the keys.
import * as vscode from 'vscode';
import { commandIds } from './command-ids';
import { ProposedContent } from './diff-preview';
import { LazyChat } from './lazy/chat';
import { createLogger } from './log';
import { registerNative } from './native';
import { ApiKeys, knownKeys } from './secrets';
import { CurrentSettings } from './settings/current-settings';
import { hasMcpServers } from './settings/settings';
import { chatViewId } from './view-ids';

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
  // Registered now, not with the chat: a "(proposed)" diff tab VS Code restores after a reload has its documents.
  const proposed = new ProposedContent();
  const chat = new LazyChat({ context, log, settings, keys, proposed });
  // VS Code's chat, models and tools: each piece only where this editor has it.
  const native = registerNative({ settings: () => settings.current, keys, log, handlers: () => chat.nativeHandlers(), toolsReady: () => chat.toolsReady() });

  context.subscriptions.push(
    log,
    settings,
    proposed,
    chat,
    vscode.window.registerWebviewViewProvider(chatViewId, chat.viewProvider(), { webviewOptions: { retainContextWhenHidden: true } }),
    ...commandIds.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => chat.run(id, args))),
    ...native.disposables,
    keys.onDidChange(() => {
      hideKeysInLog();
      native.refreshModels();
    }),
    settings.onDidChange((current) => {
      native.refreshModels();
      if (hasMcpServers(current.mcp)) void chat.load().catch(() => undefined);
    }),
  );
  // Servers of agentChat.mcp.servers start as soon as the window is up (or are added): the chat, which starts
  // them, loads one turn of the event loop after activation when there are any.
  if (hasMcpServers(settings.current.mcp)) setTimeout(() => void chat.load().catch(() => undefined), 0);
  const activationMs = performance.now() - started;
  log.info(`Agent Chat activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {
  // Pending index writes are flushed by the store's dispose (the chat's, registered through `chat` above).
}
