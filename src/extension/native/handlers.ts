// The part of VS Code's Chat integration that runs only once it is used: a participant's turn, a request to
// one of our models, our tools' calls and Undo. esbuild builds it as its own bundle (dist/native-chat.js),
// loaded on the first call, so activation does not parse it (see index.ts and esbuild.mjs).
import * as vscode from 'vscode';
import { execTools } from './lm-exec-tools';
import { estimateTokens } from './lm-messages';
import { LmTools } from './lm-tools';
import type { NativeDeps } from './native-deps';
import { respond } from './model-response';
import { answerRequest, followups } from './participant-routing';
import type { AgentChatResult } from './participant-turn';
import { VscodeChatUndo } from './vscode-chat-undo';

type Input = Record<string, unknown>;
type Tail<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;

export interface NativeHandlers {
  answer(name: string, ...args: Parameters<vscode.ChatRequestHandler>): Promise<AgentChatResult> | AgentChatResult;
  followups(result: AgentChatResult): vscode.ChatFollowup[];
  respond(...args: Tail<Parameters<typeof respond>>): Promise<void>;
  countTokens(text: string | vscode.LanguageModelChatRequestMessage): number;
  /** One of our language-model tools by the name VS Code knows it. */
  tool(lmName: string): vscode.LanguageModelTool<Input>;
  undo(turnId: string): Promise<void>;
  /** Lets the user pick one of the kept answers and undoes it. */
  pickAndUndo(): Promise<void>;
}

export function createNativeHandlers(deps: NativeDeps): NativeHandlers {
  const lmTools = new LmTools({ runner: deps.runner, fileTools: deps.fileTools, autoApprove: () => deps.settings().limits.autoApprove, log: deps.log });
  const tools = new Map([...lmTools.tools(), ...execTools(deps.runner, deps.log)]);
  const undo = new VscodeChatUndo({ folder: deps.undoFolder, openStore: deps.openStore, state: deps.workspaceState, runner: deps.runner, log: deps.log });
  const participantDeps = { ...deps, tools: lmTools, keepForUndo: (changes: Parameters<VscodeChatUndo['keep']>[0]) => undo.keep(changes) };
  return {
    answer: (name, ...args) => answerRequest(name, participantDeps, ...args),
    followups,
    respond: (...args) => respond(deps.resolver, ...args),
    countTokens: estimateTokens,
    tool: (lmName) => {
      const tool = tools.get(lmName);
      if (!tool) throw new Error(`Agent Chat has no tool named ${lmName}.`);
      return tool;
    },
    undo: (turnId) => undo.undo(turnId),
    pickAndUndo: () => undo.pickAndUndo(),
  };
}
