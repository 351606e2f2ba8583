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

/** What the extension exports: how long its own activation took, and each step's share (read by tests and benchmarks). */
export interface AgentChatApi {
  activationMs: number;
  activationSteps: Record<string, number>;
}

/** Times consecutive steps: each call records the milliseconds since the previous one under `name`. */
function stepTimer(started: number): { steps: Record<string, number>; step: (name: string) => void } {
  const steps: Record<string, number> = {};
  let last = started;
  return {
    steps,
    step: (name) => {
      const now = performance.now();
      steps[name] = now - last;
      last = now;
    },
  };
}

export function activate(context: vscode.ExtensionContext): AgentChatApi {
  const started = performance.now();
  // Which step takes activation's time, for the bench (VS Code's figure adds loading this file).
  const { steps, step } = stepTimer(started);
  const log = createLogger();
  step('log');
  const settings = new CurrentSettings(log);
  step('settings');
  const keys = new ApiKeys(context.secrets);
  const hideKeysInLog = (): void => void knownKeys(keys).then((found) => log.hideSecrets(found));
  hideKeysInLog();
  // Registered now, not with the chat: a "(proposed)" diff tab VS Code restores after a reload has its documents.
  const proposed = new ProposedContent();
  const chat = new LazyChat({ context, log, settings, keys, proposed });
  step('keys and chat');
  // VS Code's chat, models and tools: each piece only where this editor has it.
  const native = registerNative({ settings: () => settings.current, keys, log, handlers: () => chat.nativeHandlers(), toolsReady: () => chat.toolsReady() });
  step('native');

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
  step('registrations');
  const activationMs = performance.now() - started;
  const shares = Object.entries(steps).map(([name, ms]) => `${name} ${ms.toFixed(1)}`);
  log.info(`Agent Chat activated in ${activationMs.toFixed(1)} ms (${shares.join(', ')})`);
  return { activationMs, activationSteps: steps };
}

export function deactivate(): void {
  // Pending index writes are flushed by the store's dispose (the chat's, registered through `chat` above).
}
