// One agent's turn in VS Code's Chat: the same role prompt, AGENTS.md, tools and round limit as in our chat;
// the model VS Code's chat picked unless the agent has its own; tools through `vscode.lm.invokeTool` so VS Code
// shows each call and asks where our rules say so; Stop (the token) ends it.
import * as vscode from 'vscode';
import { findHandOff, type HandOff } from '../../core/agents/handoff';
import type { Logger } from '../../core/log';
import { AnswerBuilder } from '../../core/providers/complete';
import { ProviderError } from '../../core/providers/errors';
import type { ChatMessage, ResolvedModel, ToolCall } from '../../core/providers/types';
import type { ToolScope } from '../../core/chat/tool-scope';
import { notOfferedNote } from '../../core/tools/not-offered';
import type { ToolRunner } from '../../core/tools/runner';
import type { ModelResolver } from '../model-resolver';
import type { Settings } from '../settings/settings';
import type { Team } from '../team';
import { signalFor } from './cancellation';
import { undoVscodeChatCommand } from './constants';
import { historyMessages } from './chat-history';
import { LmTools } from './lm-tools';
import { resultText } from './lm-messages';
import { lmCallFor } from './tool-routing';
import { createVscodeProvider, toolRoundNotice } from './vscode-provider';

export interface ParticipantDeps {
  team: Team;
  resolver: ModelResolver;
  settings(): Settings;
  runner(): ToolRunner | undefined;
  tools: LmTools;
  /** Which tools each agent may use (its agentChat.agents[].tools), and MCP servers still starting. */
  toolScope: Pick<ToolScope, 'filter' | 'ready'>;
  log: Logger;
  /** Keeps a turn's applied changes for the Undo button; returns the id the button passes back. */
  keepForUndo(changes: ReturnType<LmTools['changesSince']>): Promise<string | undefined>;
}

export interface AgentChatResult extends vscode.ChatResult {
  metadata: { agent: string; handOff?: HandOff };
}

export interface TurnInput {
  agent: string;
  prompt: string;
  request: vscode.ChatRequest;
  context: vscode.ChatContext;
  stream: vscode.ChatResponseStream;
  token: vscode.CancellationToken;
}

export async function answerAsAgent(input: TurnInput, deps: ParticipantDeps): Promise<AgentChatResult> {
  const { agent, stream } = input;
  const metadata: AgentChatResult['metadata'] = { agent };
  const resolved = await modelFor(agent, input.request, deps);
  if ('setup' in resolved) {
    stream.markdown(`**${resolved.setup.reason}**\n\n${resolved.setup.steps.map((s) => `- ${s}`).join('\n')}`);
    return { metadata };
  }
  // The same tools as in our chat: file tools, run_command and MCP tools, narrowed to the agent's own list.
  await deps.toolScope.ready();
  const definitions = deps.runner()?.definitions(deps.toolScope.filter(agent)) ?? [];
  const system = await deps.team.prompt(agent, definitions.map((d) => d.name));
  const messages: ChatMessage[] = [...historyMessages(input.context.history), { role: 'user', content: input.prompt }];
  const cancel = signalFor(input.token);
  const mark = deps.tools.mark;
  let text = '';
  try {
    const limit = deps.settings().limits.maxToolRounds;
    for (let round = 0; ; round++) {
      const answer = new AnswerBuilder();
      const request = { model: resolved.model, system, messages, maxTokens: resolved.maxTokens, ...(definitions.length ? { tools: definitions } : {}) };
      for await (const event of resolved.provider.stream(request, cancel.signal)) {
        answer.add(event);
        if (event.type === 'text') stream.markdown(event.text);
      }
      text = answer.text;
      if (answer.stopReason === 'cancelled' || answer.toolCalls.length === 0) break;
      messages.push({ role: 'assistant', content: answer.text, toolCalls: answer.toolCalls });
      if (round >= limit) {
        stream.markdown(`\n\n_${vscode.l10n.t('Stopped after {0} tool rounds (agentChat.maxToolRounds).', limit)}_`);
        break;
      }
      const offered = new Set(definitions.map((d) => d.name));
      for (const call of answer.toolCalls) messages.push(await runTool(call, input, answer.toolCallErrors[call.id], offered, deps));
      if (resolved.provider.id === 'vscode' && round === 0) stream.markdown(`\n\n_${toolRoundNotice()}_\n\n`);
      if (input.token.isCancellationRequested) break;
    }
  } catch (err) {
    if (!input.token.isCancellationRequested) return { metadata, errorDetails: { message: explain(err) } };
  } finally {
    cancel.dispose();
  }
  await offerUndo(deps, mark, stream);
  const names = deps.team.agents.map((a) => a.name);
  const handOff = findHandOff(text, agent, names, [agent], deps.settings().limits.maxHandOffs);
  if (handOff) {
    metadata.handOff = handOff;
    stream.markdown(`\n\n${vscode.l10n.t('Handing over to @{0}: {1} (use the suggestion below).', handOff.agent, handOff.task)}`);
  }
  return { metadata };
}

/** The agent's own provider and model when the agents setting gives them, else the model this chat uses. */
async function modelFor(agent: string, request: vscode.ChatRequest, deps: ParticipantDeps): Promise<ResolvedModel | Awaited<ReturnType<ModelResolver['resolve']>>> {
  const own = deps.team.find(agent);
  if (own?.provider || own?.model) {
    return deps.resolver.resolve({ ...(own.provider ? { provider: own.provider } : {}), ...(own.model ? { model: own.model } : {}) });
  }
  const config = deps.settings();
  return { provider: createVscodeProvider(() => Promise.resolve(request.model)), model: request.model.id, maxTokens: config.maxTokens };
}

/** Runs one call through VS Code (its UI, its confirmation); a refusal or failure goes back to the model as the result. */
async function runTool(call: ToolCall, input: TurnInput, parseError: string | undefined, offered: ReadonlySet<string>, deps: Pick<ParticipantDeps, 'runner' | 'tools'>): Promise<ChatMessage> {
  const reply = (content: string, isError = false): ChatMessage => ({ role: 'tool', toolCallId: call.id, toolName: call.name, content, ...(isError ? { isError } : {}) });
  // The agent's own list holds when the model names a tool it was not offered, as in our chat.
  if (!offered.has(call.name)) return reply(notOfferedNote(call.name), true);
  if (parseError) return reply(`Invalid arguments for ${call.name}: ${parseError}. Send the call again with a JSON object.`, true);
  const lm = lmCallFor(call.name, call.arguments, deps.runner(), deps.tools);
  if (!lm) return reply(`Unknown tool '${call.name}'.`, true);
  try {
    const result = await vscode.lm.invokeTool(lm.lmName, { input: lm.input, toolInvocationToken: input.request.toolInvocationToken }, input.token);
    showFile(call, input.stream);
    return reply(resultText(result.content));
  } catch (err) {
    if (input.token.isCancellationRequested) return reply('Not run: the user stopped the answer.', true);
    const message = err instanceof Error ? err.message : String(err);
    return reply(`The user did not allow this call or it failed (${message}); nothing was changed. Do not retry it unless the user asks.`, true);
  }
}

/** Files the agent read are listed as references; files it changed get an anchor in the answer. */
function showFile(call: ToolCall, stream: vscode.ChatResponseStream): void {
  const path = call.arguments.path;
  const uri = typeof path === 'string' ? workspaceUri(path) : undefined;
  if (!uri || typeof path !== 'string') return;
  if (call.name === 'read_file') stream.reference(uri);
  else if (call.name === 'write_file' || call.name === 'edit_file') {
    stream.markdown(`\n\n${vscode.l10n.t('Changed')} `);
    stream.anchor(uri, path);
    stream.markdown('\n\n');
  }
}

/**
 * The file a tool's path names, resolved as the tools resolve it (several folders: the path starts with the
 * folder's name), or undefined when it lies outside the workspace: no link is made to what the tools refused.
 */
function workspaceUri(path: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const norm = path.replace(/\\/g, '/');
  let uri: vscode.Uri | undefined;
  // joinPath normalises `..`, so the containment check below sees where the path really leads.
  if (norm.startsWith('/')) uri = folders[0] && vscode.Uri.joinPath(folders[0].uri.with({ path: '/' }), norm);
  else if (folders.length > 1) {
    const [name, ...rest] = norm.split('/');
    const folder = folders.find((f) => f.name === name);
    uri = folder && vscode.Uri.joinPath(folder.uri, ...rest);
  } else uri = folders[0] && vscode.Uri.joinPath(folders[0].uri, norm);
  return uri && vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

async function offerUndo(deps: ParticipantDeps, mark: number, stream: vscode.ChatResponseStream): Promise<void> {
  const id = await deps.keepForUndo(deps.tools.changesSince(mark));
  if (id) stream.button({ command: undoVscodeChatCommand, title: vscode.l10n.t('Undo these changes'), arguments: [id] });
}

function explain(err: unknown): string {
  if (err instanceof ProviderError) return err.hint ? `${err.message} ${err.hint}` : err.message;
  return err instanceof Error ? err.message : String(err);
}
