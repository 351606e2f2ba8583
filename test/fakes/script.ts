// What a test tells a fake provider server to answer. One `Reply` is consumed per chat request;
// the same script drives all three vendors so a test can run unchanged against each wire format.

export type Vendor = 'anthropic' | 'openai' | 'ollama';

export interface ScriptedToolCall {
  /** Tool-call id as the vendor would send it; generated when omitted (Ollama has none on the wire). */
  id?: string;
  name: string;
  /** The arguments object; serialised to JSON and streamed in `argumentChunks` pieces. */
  arguments: Record<string, unknown>;
  /** How many pieces the JSON arguments are streamed in (Anthropic/OpenAI); default 3. */
  argumentChunks?: number;
}

export type Fault =
  /**
   * Answer with this HTTP status and the vendor's own error body (message optional). `headers` adds
   * response headers verbatim (e.g. `retry-after` as an HTTP date, `retry-after-ms`).
   */
  | { kind: 'status'; status: number; message?: string; retryAfterSeconds?: number; errorType?: string; headers?: Record<string, string> }
  /** Destroy the socket after this many text tokens have been written. */
  | { kind: 'drop'; afterTokens: number }
  /** Write one line that is not valid for the vendor's framing (bad JSON) after this many tokens. */
  | { kind: 'malformed'; afterTokens: number }
  /** Stop writing after this many tokens but keep the connection open (until the client goes away). */
  | { kind: 'stall'; afterTokens: number };

/** An error the server reports inside a 200 stream (Anthropic `event: error`, OpenAI `data: {"error"}`, Ollama `{"error"}`). */
export interface StreamError {
  /** Written after this many text tokens; the stream then ends without its closing events. */
  afterTokens: number;
  /** The vendor's error type (Anthropic `overloaded_error`, OpenAI `server_error`); a sensible default otherwise. */
  type?: string;
  message?: string;
}

/** Shapes OpenAI-compatible servers send that the official API rarely does. */
export interface OpenAIShape {
  /** `fragments` (default): name first, then argument pieces; `whole`: name and all arguments in one delta;
   * `interleaved`: the calls' fragments alternate between indexes. */
  toolCalls?: 'fragments' | 'whole' | 'interleaved';
  /** Usage rides on the finish chunk instead of a separate chunk with empty choices. */
  usageOnFinish?: boolean;
  /** A keep-alive / stats chunk with `choices: null` before the answer (vLLM does this). */
  nullChoices?: boolean;
  /** The text tokens arrive as `delta.refusal` (the model declining), not `delta.content`. */
  refusal?: boolean;
}

export interface Reply {
  /** Text pieces, streamed one event per piece. */
  tokens?: string[];
  toolCalls?: ScriptedToolCall[];
  /** Default: 'tool_use' when toolCalls are given, else 'end'. */
  stopReason?: 'end' | 'tool_use' | 'max_tokens';
  /** The vendor's own stop / finish / done reason, sent verbatim instead of the one `stopReason` maps to. */
  vendorStopReason?: string;
  /** Reported as is; without it the server counts ~4 characters a token (and bills Anthropic's prompt cache). */
  usage?: { inputTokens: number; outputTokens: number; cacheReadTokens?: number; cacheWriteTokens?: number };
  /** Anthropic: `message_start` reports this many input tokens, `message_delta` the final (cumulative) usage. */
  startInputTokens?: number;
  /** Reasoning streamed before the answer: Anthropic `thinking` block, OpenAI-compatible `reasoning_content`, Ollama `thinking`. */
  thinking?: string[];
  /** Anthropic: the opaque data of a `redacted_thinking` block sent after the thinking block. */
  redactedThinking?: string;
  streamError?: StreamError;
  openai?: OpenAIShape;
  /** Ollama: every tool call in one line's `tool_calls` array instead of one line per call. */
  toolCallsInOneLine?: boolean;
  /** Written verbatim as the response body (a transcript); only the delays and `splitWrites` still apply. */
  raw?: string;
  /** Delay before the response headers and first byte are written. */
  firstByteDelayMs?: number;
  /** Delay between consecutive events. */
  tokenDelayMs?: number;
  fault?: Fault;
  /** Write every event in tiny socket writes that split lines and multi-byte UTF-8 characters. */
  splitWrites?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (undefined for GET). */
  body: unknown;
  receivedAt: number;
  /** `performance.timeOrigin + performance.now()` when the first byte of the response body was written. */
  firstByteAt?: number;
  /** When the server wrote the first text token. */
  firstTokenAt?: number;
  /** When the server saw the client close the connection before the response was finished. */
  clientClosedAt?: number;
  /** True once the server wrote the whole response. */
  finished: boolean;
}

export interface FakeServerOptions {
  port?: number;
  /** Models listed by the model-list endpoint and accepted by chat; other models get the vendor's 404. */
  models?: string[];
  /** When set, requests without this key (x-api-key / Authorization: Bearer) get the vendor's 401. */
  apiKey?: string;
  /** Ollama: models that answer a request with tools by "does not support tools" (HTTP 400). */
  modelsWithoutTools?: string[];
}
