// Streamed responses written out byte for byte in each vendor's documented format, event for event as
// the vendors' own streaming examples lay them out (a text answer, then one with a tool call). The fake
// server replays them verbatim (Reply.raw), so the SDKs parse exactly these bytes, formatting included.

/** Server-sent events: `event:` line, `data:` line, blank line. Anthropic puts spaces after the colons in its examples. */
function sse(events: [string, string][]): string {
  return events.map(([event, data]) => `event: ${event}\ndata: ${data}\n\n`).join('');
}

/** Anthropic Messages streaming: a plain text answer (message_start … ping … deltas … message_delta, message_stop). */
export const anthropicText = sse([
  ['message_start', '{"type": "message_start", "message": {"id": "msg_01TranscriptText0000000001", "type": "message", "role": "assistant", "content": [], "model": "claude-sonnet-4-6", "stop_reason": null, "stop_sequence": null, "usage": {"input_tokens": 31, "output_tokens": 1}}}'],
  ['content_block_start', '{"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}'],
  ['ping', '{"type": "ping"}'],
  ['content_block_delta', '{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Good"}}'],
  ['content_block_delta', '{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": " morning!"}}'],
  ['content_block_stop', '{"type": "content_block_stop", "index": 0}'],
  ['message_delta', '{"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence":null}, "usage": {"output_tokens": 9}}'],
  ['message_stop', '{"type": "message_stop"}'],
]);

/** Anthropic: text, then a tool_use block whose input arrives as partial JSON (opening with an empty piece). */
export const anthropicTool = sse([
  ['message_start', '{"type":"message_start","message":{"id":"msg_01TranscriptTool00000000001","type":"message","role":"assistant","model":"claude-sonnet-4-6","stop_sequence":null,"usage":{"input_tokens":402,"output_tokens":2},"content":[],"stop_reason":null}}'],
  ['content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'],
  ['ping', '{"type": "ping"}'],
  ['content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"I will open"}}'],
  ['content_block_delta', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" the file."}}'],
  ['content_block_stop', '{"type":"content_block_stop","index":0}'],
  ['content_block_start', '{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01TranscriptCall000001","name":"read_file","input":{}}}'],
  ['content_block_delta', '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}'],
  ['content_block_delta', '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"path\\": \\"src/"}}'],
  ['content_block_delta', '{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"main.ts\\"}"}}'],
  ['content_block_stop', '{"type":"content_block_stop","index":1}'],
  ['message_delta', '{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":61}}'],
  ['message_stop', '{"type":"message_stop"}'],
]);

/** OpenAI Chat Completions: `data:` chunks, the role first, content pieces, the finish chunk, the usage chunk, [DONE]. */
function chunks(lines: string[]): string {
  return [...lines, '[DONE]'].map((data) => `data: ${data}\n\n`).join('');
}

const openaiHead = '"id":"chatcmpl-Transcript001","object":"chat.completion.chunk","created":1760000000,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_0transcript"';

export const openaiText = chunks([
  `{${openaiHead},"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}`,
  `{${openaiHead},"choices":[{"index":0,"delta":{"content":"Good"},"logprobs":null,"finish_reason":null}],"usage":null}`,
  `{${openaiHead},"choices":[{"index":0,"delta":{"content":" morning!"},"logprobs":null,"finish_reason":null}],"usage":null}`,
  `{${openaiHead},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}`,
  `{${openaiHead},"choices":[],"usage":{"prompt_tokens":19,"completion_tokens":4,"total_tokens":23,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}`,
]);

/** OpenAI: a tool call named in its first delta (with empty arguments), then argument fragments under its index. */
export const openaiTool = chunks([
  `{${openaiHead},"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_Transcript0001","type":"function","function":{"name":"read_file","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}`,
  `{${openaiHead},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\""}}]},"logprobs":null,"finish_reason":null}],"usage":null}`,
  `{${openaiHead},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"path"}}]},"logprobs":null,"finish_reason":null}],"usage":null}`,
  `{${openaiHead},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\":\\"src/main.ts\\"}"}}]},"logprobs":null,"finish_reason":null}],"usage":null}`,
  `{${openaiHead},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}],"usage":null}`,
  `{${openaiHead},"choices":[],"usage":{"prompt_tokens":88,"completion_tokens":17,"total_tokens":105}}`,
]);

/** Ollama /api/chat: one JSON object per line, `done: false` pieces, then the closing line with the counts. */
export const ollamaText = [
  '{"model":"llama3.2","created_at":"2025-10-01T09:30:00.101Z","message":{"role":"assistant","content":"Good"},"done":false}',
  '{"model":"llama3.2","created_at":"2025-10-01T09:30:00.142Z","message":{"role":"assistant","content":" morning!"},"done":false}',
  '{"model":"llama3.2","created_at":"2025-10-01T09:30:00.180Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":812345678,"load_duration":12345678,"prompt_eval_count":26,"prompt_eval_duration":130000000,"eval_count":3,"eval_duration":610000000}',
].map((line) => `${line}\n`).join('');

/** Ollama: a tool call arrives whole (arguments as an object) on a line of its own, before the closing line. */
export const ollamaTool = [
  '{"model":"llama3.2","created_at":"2025-10-01T09:31:00.050Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"read_file","arguments":{"path":"src/main.ts"}}}]},"done":false}',
  '{"model":"llama3.2","created_at":"2025-10-01T09:31:00.090Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":402000000,"load_duration":9000000,"prompt_eval_count":140,"prompt_eval_duration":90000000,"eval_count":21,"eval_duration":290000000}',
].map((line) => `${line}\n`).join('');
