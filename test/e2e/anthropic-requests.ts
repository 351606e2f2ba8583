// Reading what the fake Anthropic server received: the Messages API request bodies the extension sent.
import type { RecordedRequest } from '../fakes/script';

export interface ContentBlock {
  type: string;
  text?: string;
  id?: string;
  name?: string;
  input?: Record<string, unknown>;
  tool_use_id?: string;
  content?: string | { type: string; text?: string }[];
  is_error?: boolean;
}

export interface MessagesBody {
  model: string;
  /** A string, or text blocks (with cache breakpoints). */
  system?: string | { type: 'text'; text: string }[];
  tools?: { name: string }[];
  messages: { role: 'user' | 'assistant'; content: string | ContentBlock[] }[];
}

export function bodyOf(request: RecordedRequest | undefined): MessagesBody {
  if (!request) throw new Error('no such request');
  return request.body as MessagesBody;
}

/** The system prompt's text, whichever form it was sent in. */
export function systemText(body: MessagesBody): string {
  const system = body.system ?? '';
  return typeof system === 'string' ? system : system.map((b) => b.text).join('');
}

function blocks(body: MessagesBody): ContentBlock[] {
  return body.messages.flatMap((m) => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content));
}

/** The tool_result block answering tool call `toolUseId`, if the request carries one. */
export function toolResult(body: MessagesBody, toolUseId: string): { text: string; isError: boolean } | undefined {
  const block = blocks(body).find((b) => b.type === 'tool_result' && b.tool_use_id === toolUseId);
  if (!block) return undefined;
  const text = typeof block.content === 'string' ? block.content : (block.content ?? []).map((c) => c.text ?? '').join('');
  return { text, isError: block.is_error === true };
}

/** Every text the request carries (user and assistant text blocks), joined. */
export function allText(body: MessagesBody): string {
  return blocks(body)
    .filter((b) => b.type === 'text')
    .map((b) => b.text ?? '')
    .join('\n');
}

/**
 * Consumes the replies still queued on the fake server (after a failed test, so the next test does not get
 * them): asks for non-streamed answers until the server says it has no scripted reply left.
 */
export async function drainReplies(server: { url: string }, model = 'claude-sonnet-4-6'): Promise<number> {
  for (let drained = 0; drained < 100; drained++) {
    const res = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'drain', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model, max_tokens: 1, stream: false, messages: [{ role: 'user', content: 'drain' }] }),
    });
    await res.text();
    if (res.status === 500) return drained;
  }
  throw new Error('the fake server kept answering');
}
