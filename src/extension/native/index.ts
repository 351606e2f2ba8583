// VS Code's native pieces, each only where the editor has its API (an older VS Code or a fork without chat
// still runs everything else): our models in VS Code, our tools, the team as chat participants, undo.
// Everything is registered here, at activation, as VS Code requires; what runs when one is used is a bundle of
// its own (handlers.ts → dist/native-chat.js), made by the chat (dist/chat.js) on the first call.
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { fileToolLmNames, mcpToolLmName, ourVendor, runCommandLmName, undoVscodeChatCommand } from './constants';
import type { NativeHandlers } from './handlers';
import { AgentChatModelProvider } from './model-provider';
import type { ModelProviderDeps } from './native-deps';
import { registerParticipants } from './participants';

export type { NativeDeps } from './native-deps';

export interface Native {
  disposables: vscode.Disposable[];
  /** Keys or settings changed: VS Code re-reads our model list. */
  refreshModels(): void;
}

/** What the registrations need at activation: the model list's inputs, and the rest of the chat on first use. */
export interface NativeRegistration extends Pick<ModelProviderDeps, 'settings' | 'keys'> {
  log: Logger;
  /** The lazily loaded part (native-chat.js, made by the chat once it is loaded: see handlers-loader.ts). */
  handlers(): Promise<NativeHandlers>;
  /** MCP and run_command loaded, before one of their tools runs. */
  toolsReady(): Promise<void>;
}

/** What the editor offers: every check is on the API object itself, so a missing one never throws. */
export function nativeSupport(): { models: boolean; tools: boolean; chat: boolean } {
  const lm = (vscode as Partial<typeof vscode>).lm;
  const chat = (vscode as Partial<typeof vscode>).chat;
  return {
    models: typeof lm?.registerLanguageModelChatProvider === 'function',
    tools: typeof lm?.registerTool === 'function' && typeof lm.invokeTool === 'function',
    chat: typeof chat?.createChatParticipant === 'function',
  };
}

export function registerNative(r: NativeRegistration): Native {
  const support = nativeSupport();
  const missing = Object.entries(support).filter(([, ok]) => !ok).map(([name]) => name);
  if (missing.length) r.log.info(`This editor has no ${missing.join(', ')} API for extensions; Agent Chat's own chat works as usual.`);
  const disposables: vscode.Disposable[] = [];
  let provider: AgentChatModelProvider | undefined;
  try {
    if (support.models) {
      provider = new AgentChatModelProvider(r, r.handlers);
      disposables.push(provider, vscode.lm.registerLanguageModelChatProvider(ourVendor, provider));
    }
    if (support.tools && support.chat) disposables.push(...registerTools(r.handlers, r.toolsReady), ...registerParticipants(r.handlers), ...registerUndo(r.handlers));
  } catch (err) {
    // A fork may have the functions but not the contribution points behind them.
    r.log.warn(`VS Code's chat integration is unavailable: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { disposables, refreshModels: () => provider?.refresh() };
}

/**
 * Our file tools, run_command and the generic MCP tool (names as contributed in package.json). run_command and
 * MCP are loaded on first use (`ready`): VS Code's own agent may call them before any turn of ours did.
 */
function registerTools(handlers: () => Promise<NativeHandlers>, ready: () => Promise<void>): vscode.Disposable[] {
  const exec = new Set([runCommandLmName, mcpToolLmName]);
  const loaded = async (name: string) => {
    if (exec.has(name)) await ready();
    return (await handlers()).tool(name);
  };
  const names = [...fileToolLmNames, ...exec];
  return names.map((name) =>
    vscode.lm.registerTool<Record<string, unknown>>(name, {
      prepareInvocation: async (options, token) => (await loaded(name)).prepareInvocation?.(options, token),
      invoke: async (options, token) => (await loaded(name)).invoke(options, token),
    }),
  );
}

/** The Undo button under an answer (the Command Palette's Undo is one of the contributed commands, see `pickAndUndo`). */
function registerUndo(handlers: () => Promise<NativeHandlers>): vscode.Disposable[] {
  return [vscode.commands.registerCommand(undoVscodeChatCommand, async (turnId: string) => (await handlers()).undo(turnId))];
}
