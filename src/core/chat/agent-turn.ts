// One agent's turn: stream an answer; if it asks for tools, run them (after approval where the
// policy says so), give the results back and stream again, up to the round limit. Each round is
// its own message in the transcript, all sharing the turn's id.
import { diffStat } from '../tools/diff-stat';
import type { Logger } from '../log';
import type { ChatMessage, ResolvedModel, ToolCall, ToolDefinition } from '../providers/types';
import type { HostToWebview } from '../protocol/messages';
import type { AppliedChange } from '../tools/types';
import type { ApprovalDecision, ApprovalPolicy, ApprovalRequest, ToolRunResult } from '../tools/runner';
import { newId } from '../util/ids';
import { firstLine } from '../util/log-line';
import { inEnglish, type Translate } from '../protocol/translate';
import { streamAnswer } from './answer-stream';
import { ToolOutputRelay } from './tool-output';
import type { ChatMessageRecord, TokenUsage, ToolCallView } from '../protocol/chat-message';
import { addUsage, costOf } from '../models/cost';
import { notOfferedNote } from '../tools/not-offered';

export interface ToolHost {
  definitions(filter?: (name: string) => boolean): ToolDefinition[];
  run(call: ToolCall, policy: ApprovalPolicy, signal?: AbortSignal, onOutput?: (text: string) => void): Promise<ToolRunResult>;
  /** How the chat shows a call of this tool (commands stream output). */
  displayKind?(name: string): ToolCallView['kind'];
}

export interface TurnIo {
  post(message: HostToWebview): void;
  log: Logger;
  /** Persists and shows a new message. */
  add(message: ChatMessageRecord): Promise<void>;
  /** Persists a new message now and shows it when the returned function is called (an answer's placeholder). */
  addUnshown?(message: ChatMessageRecord): Promise<() => void>;
  /** How long an unshown placeholder may wait for its first text. */
  placeholderWaitMs?: number;
  /** Persists a message's new state (after streaming, after each tool result). */
  save(message: ChatMessageRecord): Promise<void>;
  checkpoint(messageId: string, text: string): void;
  /** The conversation as this agent sees it now (including this turn's rounds so far). */
  context(): ChatMessage[];
  /** A file change was applied; keep it for undo. */
  applied(turnId: string, messageId: string, change: AppliedChange): Promise<void>;
  /** A command's raw output as it arrives, for *Open full output* (the chat keeps only its end). */
  keepOutput?(toolCallId: string, chunk: string): void;
  /** The answer `messageId` waits to send its request again; `skip` ends the wait (undefined: no wait). */
  waiting?(messageId: string, skip: (() => boolean) | undefined): void;
  /** The user's language for the notes the chat shows (vscode.l10n.t on the host); what the model reads stays English. */
  t?: Translate;
}

export interface TurnOptions {
  agent: string;
  resolved: ResolvedModel;
  system: string;
  replyTo: string;
  handedOffBy?: string;
  tools?: ToolHost;
  /** The agent's own tool list (agentChat.agents[].tools): tools it rejects are never offered. */
  toolFilter?: (name: string) => boolean;
  /** What runs without asking. */
  autoApprove: { read: boolean; write: boolean };
  /** Asks the user about one tool call (shown on that call in the chat). */
  approve(request: ApprovalRequest, where: { messageId: string; toolCallId: string }): Promise<ApprovalDecision>;
  maxToolRounds: number;
  signal: AbortSignal;
}

/** Runs the turn; returns its messages, the last one being the final answer (or the failure). */
export async function runAgentTurn(o: TurnOptions, io: TurnIo): Promise<ChatMessageRecord[]> {
  const rounds: ChatMessageRecord[] = [];
  const turnId = newId('m');
  const tools = o.tools?.definitions(o.toolFilter) ?? [];
  for (let round = 0; ; round++) {
    const reply: ChatMessageRecord = {
      id: round === 0 ? turnId : newId('m'),
      role: 'assistant',
      author: o.agent,
      text: '',
      status: 'streaming',
      createdAt: Date.now(),
      replyTo: o.replyTo,
      turnId,
      meta: { provider: o.resolved.provider.id, model: o.resolved.model },
      ...(round === 0 && o.handedOffBy ? { handedOffBy: o.handedOffBy } : {}),
    };
    // The request is built before the placeholder exists, so the placeholder is not part of it.
    const request = {
      model: o.resolved.model,
      system: o.system,
      messages: io.context(),
      maxTokens: o.resolved.maxTokens,
      temperature: o.resolved.temperature,
      ...(tools.length ? { tools } : {}),
    };
    const showPlaceholder = io.addUnshown ? await io.addUnshown(reply) : (await io.add(reply), undefined);
    rounds.push(reply);
    const { message, answer } = await streamAnswer(o.resolved.provider, request, reply, o.signal, {
      post: io.post,
      ...(io.t ? { t: io.t } : {}),
      checkpoint: (text) => io.checkpoint(reply.id, text),
      log: io.log,
      ...(showPlaceholder ? { showPlaceholder, placeholderWaitMs: io.placeholderWaitMs } : {}),
      ...(io.waiting ? { waiting: (skip: (() => boolean) | undefined) => io.waiting?.(reply.id, skip) } : {}),
    });
    const t = io.t ?? inEnglish;
    if (resumesPause(message, round, o.maxToolRounds, t)) {
      await io.save(message);
      continue;
    }
    const wantsTools = message.status === 'complete' && message.stopReason === 'tool_use' && answer.toolCalls.length > 0 && o.tools;
    if (!wantsTools) return close(io, rounds, o.resolved);
    if (round >= o.maxToolRounds) {
      message.notice = t('Stopped after {0} tool rounds (agentChat.maxToolRounds). Ask to continue if more is needed.', o.maxToolRounds);
      for (const view of message.toolCalls ?? []) settle(view, 'cancelled', 'Not run: the tool round limit was reached.', t('Not run: the tool round limit was reached'));
      return close(io, rounds, o.resolved);
    }
    await runTools(o, io, message, answer.toolCalls, answer.toolCallErrors, turnId);
    await io.save(message);
    if (o.signal.aborted) {
      message.status = 'interrupted';
      return close(io, rounds, o.resolved);
    }
  }
}

/** Saves the turn's last message with the usage of all its rounds (and their cost, when the prices are known). */
async function close(io: TurnIo, rounds: ChatMessageRecord[], resolved: ResolvedModel): Promise<ChatMessageRecord[]> {
  const last = rounds.at(-1)!;
  const total = rounds.reduce<TokenUsage | undefined>((sum, r) => addUsage(sum, r.meta?.usage), undefined);
  if (total) {
    const cost = costOf(total, resolved.facts);
    last.meta = { ...last.meta, turnUsage: total, ...(cost === undefined ? {} : { cost }) };
  }
  await io.save(last);
  return rounds;
}

/**
 * Anthropic paused a long turn (pause_turn): sending the conversation back, ending on this answer, resumes
 * it as another round. At the round limit the answer says so instead.
 */
function resumesPause(message: ChatMessageRecord, round: number, maxRounds: number, t: Translate): boolean {
  if (message.status !== 'complete' || message.stopReason !== 'pause_turn') return false;
  if (round < maxRounds) return true;
  message.notice = t('The provider paused this answer (pause_turn) after {0} rounds (agentChat.maxToolRounds). Ask to continue if more is needed.', maxRounds);
  return false;
}

async function runTools(
  o: TurnOptions,
  io: TurnIo,
  message: ChatMessageRecord,
  calls: ToolCall[],
  parseErrors: Record<string, string>,
  turnId: string,
): Promise<void> {
  const views = new Map((message.toolCalls ?? []).map((v) => [v.id, v]));
  const show = (view: ToolCallView) => io.post({ type: 'toolCallUpdated', messageId: message.id, toolCall: { ...view } });
  const t = io.t ?? inEnglish;
  for (const call of calls) {
    const view = views.get(call.id) ?? { id: call.id, name: call.name, argumentsText: JSON.stringify(call.arguments), status: 'pending' as const };
    if (!views.has(call.id)) (message.toolCalls ??= []).push(view);
    if (o.signal.aborted) {
      show(settle(view, 'cancelled', 'Not run: the user stopped the answer.', t('Not run: the answer was stopped')));
      continue;
    }
    // A model can name a tool it was not offered (from an earlier turn or a teammate's): the agent's list holds.
    if (o.toolFilter && !o.toolFilter(call.name)) {
      show(settle(view, 'error', notOfferedNote(call.name), t('{0} is not one of this agent\'s tools', call.name)));
      continue;
    }
    const parseError = parseErrors[call.id];
    if (parseError) {
      show(settle(view, 'error', `Invalid arguments for ${call.name}: ${parseError}. Send the call again with a JSON object.`, t('{0}: invalid arguments', call.name)));
      continue;
    }
    view.status = 'running';
    const kind = o.tools!.displayKind?.(call.name);
    if (kind) view.kind = kind;
    show(view);
    const relay = kind === 'command' || kind === 'mcp' ? outputRelay(io, message.id, view) : undefined;
    const result = await o.tools!.run(call, policyFor(o, message.id, view, show), o.signal, relay && ((text) => relay.push(text)));
    relay?.finish();
    if (result.change) {
      await io.applied(turnId, message.id, result.change);
      view.diffStat = diffStat(result.change);
    }
    settle(view, result.status === 'ok' ? 'done' : result.status === 'rejected' ? 'rejected' : 'error', result.content, result.summary);
    if (result.exitCode !== undefined) view.exitCode = result.exitCode;
    if (result.durationMs !== undefined) view.durationMs = result.durationMs;
    if (result.lineRange) view.lineRange = result.lineRange;
    show(view);
    // What the model was told (its first line) may hold a command line or a path: message text, so debug level
    // only; and English, as the log is (the summary is in the user's language).
    io.log.info(`tool ${call.name}: ${result.status}`);
    io.log.debug(`tool ${call.name}: ${firstLine(result.content)}`);
  }
}

function outputRelay(io: TurnIo, messageId: string, view: ToolCallView): ToolOutputRelay {
  const post = (text: string) => io.post({ type: 'toolOutput', messageId, toolCallId: view.id, text });
  return new ToolOutputRelay(view, post, io.keepOutput && ((chunk) => io.keepOutput?.(view.id, chunk)));
}

/** The approval policy for one call; shows "awaiting approval" on it while the user decides. */
function policyFor(o: TurnOptions, messageId: string, view: ToolCallView, show: (v: ToolCallView) => void): ApprovalPolicy {
  return {
    read: o.autoApprove.read ? 'auto' : 'ask',
    write: o.autoApprove.write ? 'auto' : 'ask',
    approve: async (request) => {
      view.status = 'awaitingApproval';
      view.summary = request.summary;
      if (request.display) view.kind = request.display;
      if (request.kind === 'exec' && request.title) {
        view.approval = { title: request.title, ...(request.detail ? { detail: request.detail } : {}), canAlwaysAllow: request.alwaysAllowKey !== undefined };
      }
      if (request.change) view.diffStat = diffStat(request.change);
      show(view);
      const decision = await o.approve(request, { messageId, toolCallId: view.id });
      // The chat shows the user's own words; the model gets the longer explanation as the result.
      if (!decision.approved && !o.signal.aborted) view.rejectedReason = decision.reason?.trim() ?? '';
      view.status = 'running';
      show(view);
      return decision;
    },
  };
}

/** `result` is what the model reads (English); `summary` the user's line. */
function settle(view: ToolCallView, status: ToolCallView['status'], result: string, summary?: string): ToolCallView {
  view.status = status;
  view.result = result;
  if (summary) view.summary = summary;
  return view;
}
