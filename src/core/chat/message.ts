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

export interface ToolCallView {
  id: string;
  name: string;
  /** Argument JSON as streamed so far, or the final arguments serialised. */
  argumentsText: string;
  status: 'streaming' | 'pending' | 'running' | 'done' | 'error' | 'rejected';
  result?: string;
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
  meta?: {
    provider?: string;
    model?: string;
    usage?: Usage;
    /** ms from sending the request to the first token. */
    firstTokenMs?: number;
    durationMs?: number;
  };
}
