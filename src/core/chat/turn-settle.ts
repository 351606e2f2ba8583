// Settles one agent's finished turn: records what it used, shows the conversation's new totals, keeps
// its changes for undo and attaches a hand-off offer when its answer ends with one.
// It runs after the views were told the answer is over (the composer takes the next question at once);
// the next question waits for it, so nothing it records is lost or interleaved with the next turn.
import { findHandOff } from '../agents/handoff';
import type { Logger } from '../log';
import type { ChatMessageRecord } from '../protocol/chat-message';
import type { HostToWebview } from '../protocol/messages';
import type { Compactor } from './compactor';
import type { ConversationState } from './conversation-state';
import type { RequestBudget } from './request-budget';
import { logTurn } from './turn-log';
import type { UndoKeeper } from './undo-keeper';

export interface SettleIo {
  state: ConversationState;
  compactor: Compactor;
  undoKeeper: UndoKeeper;
  save(message: ChatMessageRecord): Promise<void>;
  post(message: HostToWebview): void;
  log: Logger;
  agentNames(): string[];
}

export interface FinishedTurn {
  agent: string;
  rounds: ChatMessageRecord[];
  budget: RequestBudget;
  /** A note for the user from before the turn (a summary was made), shown on its answer. */
  note?: string | undefined;
  /** Agents that answered this message so far (a hand-off never goes back to one of them). */
  chain: string[];
  /** Agents still to answer this message (a hand-off to one of them is not offered). */
  queued: string[];
  maxHandOffs: number;
}

/** Returns the turn's last message as saved (with its note, undo and hand-off offer). */
export async function settleTurn(io: SettleIo, turn: FinishedTurn): Promise<ChatMessageRecord> {
  let last = turn.rounds.at(-1)!;
  await io.state.recordUsage(last);
  if (turn.note) await io.save((last = { ...last, notice: [last.notice, turn.note].filter(Boolean).join(' ') }));
  io.post({ type: 'usage', usage: io.compactor.measure(await io.state.activeId(), turn.budget) });
  const withUndo = io.undoKeeper.settle(last);
  if (withUndo) await io.save((last = withUndo));
  logTurn(io.log, turn.agent, turn.rounds);
  if (last.status !== 'complete') return last;
  const handOff = findHandOff(last.text, turn.agent, io.agentNames(), turn.chain, turn.maxHandOffs);
  if (handOff && !turn.queued.includes(handOff.agent)) await io.save((last = { ...last, handOff: { ...handOff, state: 'offered' } }));
  return last;
}
