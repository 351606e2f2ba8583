// Builds what one agent turn is given by the chat: its options (model, tools, approvals, limits) and its IO
// (posting, persisting, checkpoints, undo), so the controller itself only decides which turns run and when.
import type { Logger } from '../log';
import type { ChatMessageRecord } from '../protocol/chat-message';
import type { HostToWebview } from '../protocol/messages';
import type { ResolvedModel } from '../providers/types';
import type { ApprovalDecision, ApprovalRequest } from '../tools/runner';
import type { ToolHost, TurnIo, TurnOptions } from './agent-turn';
import type { ConversationState } from './conversation-state';
import type { RequestBudget } from './request-budget';
import type { ToolScope } from './tool-scope';
import type { UndoKeeper } from './undo-keeper';
import type { Translate } from '../protocol/translate';

/** What the controller lends each turn. */
export interface TurnWiring {
  post(message: HostToWebview): void;
  log: Logger;
  tools?(): ToolHost | undefined;
  toolScope?: ToolScope;
  placeholderWaitMs?: number;
  keepOutput?(toolCallId: string, chunk: string): void;
  state: ConversationState;
  undoKeeper: UndoKeeper;
  /** Answers whose request waits to be sent again, with what ends the wait (*Retry now*). */
  waits: Map<string, () => boolean>;
  save(message: ChatMessageRecord): Promise<void>;
  approve(request: ApprovalRequest, where: { messageId: string; toolCallId: string }, signal: AbortSignal): Promise<ApprovalDecision>;
  /** The user's language for the notes the chat shows. */
  t?: Translate;
}

/** How far the turn may go and what it may do unasked (the part of ChatLimits a turn reads). */
export interface TurnLimits {
  maxToolRounds: number;
  autoApprove: { read: boolean; write: boolean };
}

export interface TurnPlan {
  agent: string;
  resolved: ResolvedModel;
  system: string;
  replyTo: string;
  handedOffBy: string | undefined;
  limits: TurnLimits;
  signal: AbortSignal;
}

export function turnOptions(w: TurnWiring, plan: TurnPlan): TurnOptions {
  const { agent, resolved, system, replyTo, handedOffBy, limits, signal } = plan;
  const [tools, toolFilter] = [w.tools?.(), w.toolScope?.filter(agent)];
  return {
    agent,
    resolved,
    system,
    replyTo,
    ...(handedOffBy ? { handedOffBy } : {}),
    ...(tools ? { tools } : {}),
    ...(toolFilter ? { toolFilter } : {}),
    autoApprove: limits.autoApprove,
    approve: (request, where) => w.approve(request, where, signal),
    maxToolRounds: limits.maxToolRounds,
    signal,
  };
}

/**
 * The turn's IO. `beforeFirstAnswer` runs just before the turn's first placeholder is shown (the question
 * held back until then, so the page paints the question and the start of its answer together).
 */
export function turnIo(w: TurnWiring, budget: RequestBudget, beforeFirstAnswer?: () => void): TurnIo {
  const { state } = w;
  return {
    post: w.post,
    log: w.log,
    add: (m) => state.add(m),
    addUnshown: async (m) => {
      const show = await state.addUnshown(m);
      return () => {
        beforeFirstAnswer?.();
        show();
      };
    },
    ...(w.placeholderWaitMs === undefined ? {} : { placeholderWaitMs: w.placeholderWaitMs }),
    save: (m) => w.save(m),
    checkpoint: (id, text) => state.checkpoint(id, text),
    waiting: (id, skip) => (skip ? w.waits.set(id, skip) : w.waits.delete(id)),
    context: () => budget.context(state.messages),
    applied: async (turnId, messageId, change) => w.undoKeeper.keep(await state.activeId(), turnId, messageId, change),
    ...(w.keepOutput ? { keepOutput: w.keepOutput } : {}),
    ...(w.t ? { t: w.t } : {}),
  };
}
