// The transcript's messages as the chat page sees them (the host keeps and stores the same shape).
// Self-contained on purpose: the page's bundle and the wire format depend on nothing else in core;
// the provider types map onto these where an answer is settled (chat/answer-stream.ts), checked by the compiler.
import type { AttachmentRecord } from './attachments';

export type MessageStatus = 'streaming' | 'complete' | 'interrupted' | 'error';

/** Why an answer failed: a provider failure kind (see providers/errors.ts), or `internal`. */
export type MessageErrorKind =
  | 'auth'
  | 'rateLimited'
  | 'overloaded'
  | 'contextTooLong'
  | 'modelNotFound'
  | 'unreachable'
  | 'connectionLost'
  | 'timeout'
  | 'malformedStream'
  | 'badRequest'
  | 'cancelled'
  | 'internal';

export interface MessageError {
  kind: MessageErrorKind;
  message: string;
  hint?: string;
  /** For rate limits: when the next attempt goes out (epoch ms). */
  retryAt?: number;
}

/** Why an answer's stream ended. */
export type AnswerStopReason =
  | 'end' | 'tool_use' | 'max_tokens' | 'cancelled'
  | 'refusal' | 'content_filter' | 'context_window' | 'pause_turn' | 'other';

/** A model's reasoning block, kept opaque with its answer so the next request can send it back unchanged. */
export type ReasoningRecord =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

/**
 * Tokens one request (or a sum of them) used. `inputTokens` are the ones billed at the full input price;
 * prompt tokens read from the vendor's cache, and those written to it, are counted apart.
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  /** Counted by the client with the model's tokenizer, not reported by the vendor (provider `vscode`). */
  estimated?: boolean;
}

/** A summary that stands in for the earlier conversation when the model is asked (the user still sees it all). */
export interface CompactionRecord {
  summary: string;
  /** The last message the summary covers; the model gets the summary instead of it and everything before. */
  upTo: string;
  /** How many messages it covers. */
  messages: number;
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
  /** How the chat shows the call (absent: from its name). */
  kind?: 'read' | 'write' | 'command' | 'mcp';
  /** What the approval card says for a command or MCP call. */
  approval?: { title: string; detail?: string; canAlwaysAllow: boolean };
  /** What the chat shows of a streamed output (bounded for display). */
  output?: string;
  exitCode?: number;
  durationMs?: number;
  /** read_file: the lines read, so the chat words them itself ("lines 1–22") rather than reading the summary. */
  lineRange?: { start: number; end: number; total: number };
  /** For a file change: the file and how many lines it adds and removes ("src/app.ts +5 −0"). */
  diffStat?: { path: string; added: number; removed: number };
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
  stopReason?: AnswerStopReason;
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
  /** The model's reasoning blocks, opaque, sent back with this answer on the next request (never shown). */
  reasoning?: ReasoningRecord[];
  /**
   * User messages: the file open in the editor when it was sent (workspace-relative, with its language).
   * It goes to the model with this question, not in the system prompt, so the prompt cache survives switching files.
   */
  activeFile?: { path: string; language: string };
  /** User messages: the context attached to it, as it was sent (files, a selection, problems, terminal output). */
  attachments?: AttachmentRecord[];
  /** Set on the record that marks where a summary of the conversation above starts standing in for it. */
  compaction?: CompactionRecord;
  meta?: {
    provider?: string;
    model?: string;
    /** This round's usage. */
    usage?: TokenUsage;
    /** On a turn's last message: the usage summed over all its rounds. */
    turnUsage?: TokenUsage;
    /** On a turn's last message: what its rounds cost in US dollars, when the model's prices are known. */
    cost?: number;
    /** ms from sending the request to the first token. */
    firstTokenMs?: number;
    durationMs?: number;
  };
}
