// The one shape every vendor is translated to and from. Nothing in here knows about a vendor.
import type { ModelFacts } from '../models/facts';
import type { Translate } from '../protocol/translate';

/** The vendors we speak to over HTTP ourselves. */
export type VendorId = 'anthropic' | 'openai' | 'ollama';
/** `vscode`: a model another extension offers through VS Code's language-model API (built in src/extension). */
export type ProviderId = VendorId | 'vscode';

export interface ToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

/** A conversation turn as the model sees it. Tool results follow the assistant turn that asked for them. */
/**
 * The model's reasoning as the vendor returned it, kept opaque: Anthropic requires its `thinking` and
 * `redacted_thinking` blocks back unchanged (signature included) on the next round of a tool loop.
 */
export type ReasoningBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

export type ChatMessage =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[]; reasoning?: ReasoningBlock[] }
  | { role: 'tool'; toolCallId: string; toolName: string; content: string; isError?: boolean };

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  inputSchema: Record<string, unknown>;
}

export interface ChatRequest {
  model: string;
  system?: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  maxTokens: number;
  temperature?: number;
}

/**
 * Why an answer ended. Beyond a normal end, tool use and the token limit: the model declined (`refusal`),
 * the vendor's filter cut it (`content_filter`), the context window filled up mid-answer
 * (`context_window`), Anthropic paused a long turn to be resumed (`pause_turn`), or a reason this
 * version does not know (`other`, with the vendor's word in `vendorReason`).
 */
export type StopReason =
  | 'end' | 'tool_use' | 'max_tokens' | 'cancelled'
  | 'refusal' | 'content_filter' | 'context_window' | 'pause_turn' | 'other';

/** Input tokens billed at the full price; prompt tokens read from / written to the vendor's prompt cache apart. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  /** Counted by the client with the model's tokenizer, not reported by the vendor (provider `vscode`). */
  estimated?: boolean;
}

/** Normalised stream events. Every stream ends with exactly one `done`, or throws a ProviderError. */
export type ChatEvent =
  | { type: 'text'; text: string }
  /** A tool call began; `index` orders calls within one answer. */
  | { type: 'toolCallStart'; index: number; id: string; name: string }
  /** More of the call's JSON arguments arrived (raw text, not yet parseable). */
  | { type: 'toolCallDelta'; index: number; argumentsDelta: string }
  /** The call is complete. `parseError` is set when the model produced arguments that are not a JSON object. */
  | { type: 'toolCallComplete'; index: number; call: ToolCall; parseError?: string }
  | { type: 'usage'; usage: Usage }
  /** The request failed before any content and will be sent again after `delayMs`. */
  /** `maxAttempts`: how many retries the settings allow in all (the chat shows "attempt 1 of 3"). */
  /** `skipWait` ends the wait now (the user's *Retry now*); it returns false once the wait is over. */
  | { type: 'retrying'; attempt: number; delayMs: number; reason: string; maxAttempts?: number; skipWait?: () => boolean; reasonInEnglish?: string }
  /** Reasoning text as it streams: proof of life for the timeouts, never part of the answer. */
  | { type: 'thinking'; text: string }
  /** A finished reasoning block to send back with this answer on the next request (Anthropic). */
  | { type: 'reasoningBlock'; block: ReasoningBlock }
  /** Something the user should know about how this answer was made (e.g. tools were left out). */
  | { type: 'notice'; text: string }
  /** `vendorReason` is the vendor's own word when it differs from ours (e.g. `stop_sequence`, `refusal`). */
  | { type: 'done'; stopReason: StopReason; vendorReason?: string };

export interface ChatProvider {
  readonly id: ProviderId;
  /** Streams one answer. The signal is required so no caller can forget cancellation. */
  stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatEvent>;
  /** Models the server offers, where the API allows listing them. */
  listModels(signal: AbortSignal): Promise<string[]>;
}

/** The provider and model settings one agent's answer uses. */
export interface ResolvedModel {
  provider: ChatProvider;
  model: string;
  maxTokens: number;
  temperature?: number;
  /** What is known of the model (window, prices); absent for a model nobody described. */
  facts?: ModelFacts;
}

export interface TimeoutSettings {
  /** Longest wait from sending the request to the first event of the answer. */
  firstTokenMs: number;
  /** Longest silence between two events once the answer has started. */
  idleMs: number;
}

export interface RetrySettings {
  maxRetries: number;
  baseDelayMs: number;
  /** A server asking us to wait longer than this is reported instead of waited for. */
  maxDelayMs: number;
}

export interface ProviderSettings {
  id: VendorId;
  apiKey?: string;
  /** Anthropic/OpenAI base URL or Ollama host. */
  baseUrl?: string;
  timeouts: TimeoutSettings;
  retry: RetrySettings;
  /** Anthropic: mark cache breakpoints (default on; off only to measure what caching saves). */
  promptCaching?: boolean;
  /** Ollama: how long the server keeps the model loaded after a request (its `keep_alive`); absent = the server's default. */
  keepAlive?: string;
  /** The user's language for the errors this provider explains (the host passes vscode.l10n.t; English when absent). */
  translate?: Translate;
}
