// VS Code's native pieces, each only where the editor has its API (an older VS Code or a fork without chat
// still runs everything else): our models in VS Code, our tools, the team as chat participants, undo.
import * as vscode from 'vscode';
import type { AppliedChange } from '../../core/tools/types';
import { ourVendor } from './constants';
import { registerExecTools } from './lm-exec-tools';
import { LmTools } from './lm-tools';
import { AgentChatModelProvider, type ModelProviderDeps } from './model-provider';
import type { ParticipantDeps } from './participant-turn';
import { registerParticipants } from './participants';
import { VscodeChatUndo } from './vscode-chat-undo';

export type NativeDeps = ModelProviderDeps &
  Omit<ParticipantDeps, 'tools' | 'keepForUndo'> & {
    /** Where VS Code chat's changes are kept for undo (see vscode-chat-undo.ts), and this workspace's state. */
    undoFolder: string;
    workspaceState: vscode.Memento;
  };

export interface Native {
  disposables: vscode.Disposable[];
  /** Keys or settings changed: VS Code re-reads our model list. */
  refreshModels(): void;
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

export function registerNative(deps: NativeDeps): Native {
  const log = deps.log;
  const support = nativeSupport();
  const missing = Object.entries(support).filter(([, ok]) => !ok).map(([name]) => name);
  if (missing.length) log.info(`This editor has no ${missing.join(', ')} API for extensions; Agent Chat's own chat works as usual.`);
  const disposables: vscode.Disposable[] = [];
  let provider: AgentChatModelProvider | undefined;
  try {
    if (support.models) {
      provider = new AgentChatModelProvider(deps);
      disposables.push(provider, vscode.lm.registerLanguageModelChatProvider(ourVendor, provider));
    }
    if (support.tools && support.chat) disposables.push(...registerTeam(deps));
  } catch (err) {
    // A fork may have the functions but not the contribution points behind them.
    log.warn(`VS Code's chat integration is unavailable: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { disposables, refreshModels: () => provider?.refresh() };
}

function registerTeam(deps: NativeDeps): vscode.Disposable[] {
  const tools = new LmTools({ runner: deps.runner, autoApprove: () => deps.settings().limits.autoApprove, log: deps.log });
  const undo = new VscodeChatUndo({ folder: deps.undoFolder, state: deps.workspaceState, runner: deps.runner, log: deps.log });
  const undoCommand = vscode.commands.registerCommand('agentChat.undoVscodeChatChanges', (id: string) => undo.undo(id));
  const keepForUndo = (changes: AppliedChange[]) => undo.keep(changes);
  return [...tools.register(), ...registerExecTools(deps.runner, deps.log), ...registerParticipants({ ...deps, tools, keepForUndo }), undoCommand];
}
