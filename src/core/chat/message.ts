// The transcript's message model: what the host keeps, stores, and shows in the webview.
import type { ProviderErrorKind } from '../providers/errors';
import type { StopReason, Usage } from '../providers/types';

export type MessageStatus = 'streaming' | 'complete' | 'interrupted' | 'error';

export interface MessageError {
  kind: ProviderErrorKind | 'internal';
  message: string;
  hint?: string;
  /** For rate limits: when the next attempt goes out (epoch ms). */
  retryAt?: number;
}

export type ToolCallStatus = 'streaming' | 'pending' | 'awaitingApproval' | 'running' | 'done' | 'error' | 'rejected' | 'cancelled';

export interface ToolCallView {
  id: string;
  name: string;
  /** Argument JSON as streamed so far, or the final arguments serialised. */
  argumentsText: string;
  status: ToolCallStatus;
  /** What the model is told: the tool's output, or the error / rejection. */
  result?: string;
  /** One line for the chat ("Edit src/app.ts (replace 3 lines with 5 lines)"). */
  summary?: string;
  /** When the user rejected the call: their reason, as they typed it ('' when they gave none). */
  rejectedReason?: string;
}

/** A hand-off an answer offers (its explicit last line); runs only when the user says so. */
export interface HandOffOffer {
  agent: string;
  task: string;
  state: 'offered' | 'accepted' | 'dismissed';
}

export interface ChatMessageRecord {
  id: string;
  role: 'user' | 'assistant';
  /** 'user' for the person; the agent's name (without @) for answers. */
  author: string;
  text: string;
  status: MessageStatus;
  createdAt: number;
  /** The message this answers (assistant messages). */
  replyTo?: string;
  toolCalls?: ToolCallView[];
  /** While streaming: how many text deltas `text` already contains, so a view can join mid-stream. */
  deltaSeq?: number;
  error?: MessageError;
  stopReason?: StopReason;
  /**
   * Messages of one agent turn (its tool rounds) share the id of the turn's first message.
   * Undo works per turn.
   */
  turnId?: string;
  /** Set on the first message of a turn another agent handed over. */
  handedOffBy?: string;
  /** On a turn's last message: the hand-off its answer proposes. */
  handOff?: HandOffOffer;
  /** On a turn's last message: how many file changes the turn applied and can still undo. */
  undoableChanges?: number;
  /** A note the chat shows under the message (e.g. "stopped after 10 tool rounds"). */
  notice?: string;
  meta?: {
    provider?: string;
    model?: string;
    usage?: Usage;
    /** ms from sending the request to the first token. */
    firstTokenMs?: number;
    durationMs?: number;
  };
}
