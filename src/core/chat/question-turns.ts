// Puts a question into the conversation and runs the agents' turns that answer it, in order: the question is
// held back until its answer's placeholder (and first text) can go with it, so the page paints them as one.
import type { AttachmentRecord } from '../protocol/attachments';
import type { ChatMessageRecord } from '../protocol/chat-message';
import type { SetupInfo } from '../protocol/messages';
import type { ResolvedModel } from '../providers/types';
import { newId } from '../util/ids';
import { runAgentTurn } from './agent-turn';
import type { CompactionSettings } from './compaction';
import type { Compactor } from './compactor';
import type { ConversationState } from './conversation-state';
import { DeferredPlaceholder } from './deferred-placeholder';
import type { ToolScope } from './tool-scope';
import { settleTurn, type SettleIo } from './turn-settle';
import { turnIo, turnOptions, type TurnWiring } from './turn-wiring';

/** How far one message may go: tool rounds, hand-offs, how much conversation the model sees, what runs unasked. */
export interface ChatLimits {
  maxToolRounds: number;
  maxHandOffs: number;
  contextChars: number;
  autoApprove: { read: boolean; write: boolean };
  compaction?: CompactionSettings;
}

/** What running a question's turns needs from the controller. */
export interface TurnRunner {
  resolveModel(agent: string): Promise<ResolvedModel | { setup: SetupInfo }>;
  /** Read at the start of each message, so changed settings apply from the next one. */
  limits(): ChatLimits;
  toolScope?: ToolScope;
  compactor: Compactor;
  wiring: TurnWiring;
  settleIo: SettleIo;
}

/** Where a run of turns comes from: a hand-off continues a chain; a new question may bring a summary's note. */
export interface TurnChain {
  handedOffBy?: string;
  chain?: string[];
  note?: string;
  /** Runs just before the first answer's placeholder is shown (the held-back question goes first). */
  beforeFirstAnswer?: () => void;
}

/** The user's message as the conversation keeps it. */
export function userQuestion(prompt: string, attachments?: AttachmentRecord[], activeFile?: { path: string; language: string }): ChatMessageRecord {
  return {
    id: newId('m'), role: 'user', author: 'user', text: prompt, status: 'complete', createdAt: Date.now(),
    ...(attachments?.length ? { attachments } : {}), ...(activeFile ? { activeFile } : {}),
  };
}

/**
 * Adds `user` to the conversation and has the agents in `queue` answer it; `first` is the first agent's model.
 * Resolves with the last answer.
 */
export async function answerQuestion(r: TurnRunner & { state: ConversationState; placeholderWaitMs?: number }, queue: string[], first: ResolvedModel, user: ChatMessageRecord, signal: AbortSignal, answered: () => void): Promise<ChatMessageRecord | undefined> {
  // A summary goes in before the question, so everything above it is what it stands in for.
  const { note } = await r.compactor.run(queue[0]!, first, signal, user.text);
  // The question is shown with its answer's placeholder (and first text): one paint on the page, not two.
  // A turn that is slow to start (tools still loading, a model that thinks) shows it after the short wait.
  const question = new DeferredPlaceholder(await r.state.addQuestion(user), r.placeholderWaitMs);
  try {
    return await runTurns(r, queue, user.id, signal, answered, { note, beforeFirstAnswer: () => question.reveal() });
  } finally {
    question.reveal();
  }
}

/**
 * Runs each queued agent. An answer that ends with a hand-off line gets the offer attached; it runs
 * only when the user says so, continuing this message's chain. Once the last answer is over,
 * `answered` frees the composer before that turn is settled (usage, undo, the offer).
 */
export async function runTurns(r: TurnRunner, queue: string[], replyTo: string, signal: AbortSignal, answered: () => void, from: TurnChain = {}): Promise<ChatMessageRecord | undefined> {
  const limits = r.limits();
  const chain = [...(from.chain ?? [])];
  let last: ChatMessageRecord | undefined;
  let handedOffBy = from.handedOffBy;
  let note = from.note;
  while (queue.length && !signal.aborted) {
    const agent = queue.shift()!;
    const resolved = await r.resolveModel(agent);
    if ('setup' in resolved) break;
    chain.push(agent);
    await r.toolScope?.ready();
    const budget = await r.compactor.budget(agent, resolved);
    const rounds = await runAgentTurn(turnOptions(r.wiring, { agent, resolved, system: budget.system, replyTo, handedOffBy, limits, signal }), turnIo(r.wiring, budget, from.beforeFirstAnswer));
    if (!rounds.length) break;
    if (!queue.length || signal.aborted || rounds.at(-1)!.status !== 'complete') answered();
    last = await settleTurn(r.settleIo, { agent, rounds, budget, note, chain, queued: queue, maxHandOffs: limits.maxHandOffs });
    note = undefined;
    if (last.status !== 'complete') break;
    handedOffBy = undefined;
  }
  return last && { ...last };
}
