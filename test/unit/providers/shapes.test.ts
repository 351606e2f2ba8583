// What real servers send beyond the happy path, through each real SDK: errors inside a 200 stream,
// every stop reason, reasoning that must stay out of the answer, and the OpenAI-compatible and Ollama
// variants of tool calls and usage.
import assert from 'node:assert/strict';
import { complete } from '../../../src/core/providers/complete';
import { ProviderError } from '../../../src/core/providers/errors';
import type { ChatEvent, ReasoningBlock, StopReason, ToolDefinition } from '../../../src/core/providers/types';
import type { Reply, Vendor } from '../../fakes/script';
import { thinkingSignature } from '../../fakes/wire';
import { collect, providerFor, request, textOf, vendors, withServer } from './harness';
import { englishLeft, pseudo } from '../protocol/pseudo-translation';

const tools: ToolDefinition[] = [
  { name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } },
  { name: 'search_text', description: 'Search', inputSchema: { type: 'object', properties: { query: { type: 'string' } } } },
];
const twoCalls = [
  { id: 'call_a', name: 'read_file', arguments: { path: 'src/a.ts', note: 'first "one"' }, argumentChunks: 4 },
  { id: 'call_b', name: 'search_text', arguments: { query: 'TODO', flags: ['i', 'm'] }, argumentChunks: 3 },
];

/** Runs the stream to its end or failure; returns what it yielded and the failure, if any. */
async function run(stream: AsyncIterable<ChatEvent>): Promise<{ events: ChatEvent[]; error?: ProviderError }> {
  const events: ChatEvent[] = [];
  try {
    for await (const e of stream) events.push(e);
    return { events };
  } catch (err) {
    assert.ok(err instanceof ProviderError, `expected a ProviderError, got ${String(err)}`);
    return { events, error: err };
  }
}

function completedCalls(events: ChatEvent[]) {
  return events.flatMap((e) => (e.type === 'toolCallComplete' ? [[e.call.id, e.call.name, e.call.arguments, e.parseError]] : []));
}

const stopCases: Record<Vendor, [string, StopReason, string?][]> = {
  anthropic: [
    ['refusal', 'refusal'],
    ['pause_turn', 'pause_turn'],
    ['stop_sequence', 'end'],
    ['model_context_window_exceeded', 'context_window'],
    ['a_reason_from_the_future', 'other', 'a_reason_from_the_future'],
  ],
  openai: [
    ['content_filter', 'content_filter'],
    ['length', 'max_tokens'],
    ['a_reason_from_the_future', 'other', 'a_reason_from_the_future'],
  ],
  ollama: [
    ['length', 'max_tokens'],
    ['unload', 'other', 'unload'],
  ],
};

for (const vendor of vendors) {
  describe(`${vendor} provider: shapes real servers send`, () => {
    const ctx = withServer(vendor);
    const stream = (reply: Reply, extra = {}) => {
      ctx.server.enqueue(reply);
      return providerFor(ctx.server).stream(request(vendor, extra), new AbortController().signal);
    };

    it('an error inside the 200 stream ends in a clear error, after the partial text, without a retry', async () => {
      const { events, error } = await run(stream({ tokens: ['one ', 'two ', 'three'], streamError: { afterTokens: 2 } }));
      assert.equal(textOf(events), 'one two ');
      assert.ok(error, 'the stream failed');
      assert.equal(error.kind, 'overloaded');
      assert.match(error.message, /in the middle of the answer/);
      assert.ok(error.hint);
      assert.equal(ctx.server.chatRequests().length, 1);
    });

    it('an error inside the stream before any text is retried like an HTTP error', async () => {
      ctx.server.enqueue({ tokens: ['never'], streamError: { afterTokens: 0 } });
      const { events, error } = await run(stream({ tokens: ['second ', 'try'] }));
      assert.equal(error, undefined);
      assert.equal(events.filter((e) => e.type === 'retrying').length, 1);
      assert.equal(textOf(events), 'second try');
    });

    for (const [wire, reason, vendorReason] of stopCases[vendor]) {
      it(`stop reason ${wire} → done(${reason}), text kept`, async () => {
        const { events, error } = await run(stream({ tokens: ['partial ', 'answer'], vendorStopReason: wire }));
        assert.equal(error, undefined);
        assert.equal(textOf(events), 'partial answer');
        assert.deepEqual(events.at(-1), { type: 'done', stopReason: reason, ...(vendorReason ? { vendorReason } : {}) });
      });
    }

    it('reasoning streams as thinking events, never as answer text', async () => {
      const { events } = await run(stream({ thinking: ['Let me ', 'think about it.'], tokens: ['The answer.'] }));
      assert.equal(textOf(events), 'The answer.');
      assert.equal(events.map((e) => (e.type === 'thinking' ? e.text : '')).join(''), 'Let me think about it.');
      assert.deepEqual(events.at(-1), { type: 'done', stopReason: 'end' });
    });
  });
}

describe('anthropic provider: usage and reasoning blocks', () => {
  const ctx = withServer('anthropic');

  it('takes the final, cumulative usage from message_delta, input tokens included', async () => {
    ctx.server.enqueue({ tokens: ['ok'], startInputTokens: 5, usage: { inputTokens: 42, outputTokens: 7 } });
    const events = await collect(providerFor(ctx.server).stream(request('anthropic'), new AbortController().signal));
    assert.deepEqual(events.filter((e) => e.type === 'usage'), [{ type: 'usage', usage: { inputTokens: 42, outputTokens: 7 } }]);
  });

  it('thinking and redacted_thinking blocks come out whole, in order, with their signature', async () => {
    ctx.server.enqueue({ thinking: ['Check ', 'the file.'], redactedThinking: 'EmwKAhgBEgy3va3pzix/LafPsn4a', toolCalls: [twoCalls[0]!] });
    const events = await collect(providerFor(ctx.server).stream(request('anthropic', { tools }), new AbortController().signal));
    assert.deepEqual(events.flatMap((e) => (e.type === 'reasoningBlock' ? [e.block] : [])), [
      { type: 'thinking', thinking: 'Check the file.', signature: thinkingSignature('Check the file.') },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
    ]);
    assert.equal(textOf(events), '');
  });

  it('a retry after reasoning but before any text keeps only the new attempt\'s reasoning', async () => {
    ctx.server.enqueue({ thinking: ['First try.'], tokens: ['lost'], streamError: { afterTokens: 0 } }, { thinking: ['Second try.'], tokens: ['ok'] });
    const answer = await complete(providerFor(ctx.server), request('anthropic'), new AbortController().signal);
    assert.equal(answer.text, 'ok');
    assert.deepEqual(answer.reasoning, [{ type: 'thinking', thinking: 'Second try.', signature: thinkingSignature('Second try.') }]);
  });

  it('sends reasoning blocks back first and unchanged; the server refuses a changed one', async () => {
    const reasoning: ReasoningBlock[] = [
      { type: 'thinking', thinking: 'Check the file.', signature: thinkingSignature('Check the file.') },
      { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
    ];
    const call = { id: 'toolu_1', name: 'read_file', arguments: { path: 'a.ts' } };
    const messages = (blocks: ReasoningBlock[]) => [
      { role: 'user' as const, content: 'Read a.ts' },
      { role: 'assistant' as const, content: '', toolCalls: [call], reasoning: blocks },
      { role: 'tool' as const, toolCallId: 'toolu_1', toolName: 'read_file', content: 'export {}' },
    ];
    ctx.server.enqueue({ tokens: ['Done.'] });
    const ok = await run(providerFor(ctx.server).stream(request('anthropic', { tools, messages: messages(reasoning) }), new AbortController().signal));
    assert.equal(ok.error, undefined);
    const sent = ctx.server.chatRequests()[0]?.body as { messages: { content: unknown[] }[] };
    assert.deepEqual(sent.messages[1]?.content, [...reasoning, { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'a.ts' } }]);

    const changed: ReasoningBlock[] = [{ type: 'thinking', thinking: 'Check the file!', signature: thinkingSignature('Check the file.') }, reasoning[1]!];
    const noRetry = { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } };
    const bad = await run(providerFor(ctx.server, noRetry).stream(request('anthropic', { tools, messages: messages(changed) }), new AbortController().signal));
    assert.equal(bad.error?.kind, 'badRequest');
    assert.match(bad.error?.message ?? '', /signature/);
  });
});

describe('openai provider: compatible-server shapes', () => {
  const ctx = withServer('openai', { models: ['gpt-4o-mini', 'o4-mini'] });
  const stream = (reply: Reply, model = 'gpt-4o-mini') => {
    ctx.server.enqueue(reply);
    return collect(providerFor(ctx.server).stream(request('openai', { tools, model }), new AbortController().signal));
  };
  const expected = twoCalls.map((c) => [c.id, c.name, c.arguments, undefined]);

  it('a tool call with its name and whole arguments in one delta', async () => {
    const events = await stream({ toolCalls: twoCalls, openai: { toolCalls: 'whole' } });
    assert.deepEqual(completedCalls(events), expected);
    assert.deepEqual(events.at(-1), { type: 'done', stopReason: 'tool_use' });
  });

  it('parallel tool calls whose fragments interleave', async () => {
    const events = await stream({ toolCalls: twoCalls, openai: { toolCalls: 'interleaved' } });
    assert.deepEqual(completedCalls(events), expected);
    for (const [i, c] of twoCalls.entries()) {
      const streamed = events.map((e) => (e.type === 'toolCallDelta' && e.index === i ? e.argumentsDelta : '')).join('');
      assert.deepEqual(JSON.parse(streamed), c.arguments);
    }
  });

  it('usage on the finish chunk, and chunks with choices: null', async () => {
    const events = await stream({ tokens: ['a', 'b'], usage: { inputTokens: 11, outputTokens: 2 }, openai: { usageOnFinish: true, nullChoices: true } });
    assert.equal(textOf(events), 'ab');
    assert.deepEqual(events.filter((e) => e.type === 'usage'), [{ type: 'usage', usage: { inputTokens: 11, outputTokens: 2 } }]);
    assert.deepEqual(events.at(-1), { type: 'done', stopReason: 'end' });
  });

  it('a refusal message is shown as the answer and ends as a refusal', async () => {
    const events = await stream({ tokens: ["I can't ", 'help with that.'], openai: { refusal: true } });
    assert.equal(textOf(events), "I can't help with that.");
    assert.deepEqual(events.at(-1), { type: 'done', stopReason: 'refusal' });
  });

  it('a server that refuses max_tokens for the model gets max_completion_tokens, once and from then on', async () => {
    const events = await stream({ tokens: ['fine'] }, 'o4-mini');
    assert.equal(textOf(events), 'fine');
    const [refused, accepted] = ctx.server.chatRequests().map((r) => r.body as Record<string, unknown>);
    assert.equal(refused?.['max_tokens'], 256);
    assert.equal(accepted?.['max_tokens'], undefined);
    assert.equal(accepted?.['max_completion_tokens'], 256);
  });
});

describe('ollama provider: several calls in one line, and models without tools', () => {
  const ctx = withServer('ollama', { modelsWithoutTools: ['qwen2.5-coder'] });

  it('reads every call of one tool_calls array', async () => {
    ctx.server.enqueue({ toolCalls: twoCalls, toolCallsInOneLine: true });
    const events = await collect(providerFor(ctx.server).stream(request('ollama', { tools }), new AbortController().signal));
    assert.deepEqual(completedCalls(events).map((c) => [c[1], c[2]]), twoCalls.map((c) => [c.name, c.arguments]));
    assert.deepEqual(events.at(-1), { type: 'done', stopReason: 'tool_use' });
  });

  it('a model without tool support answers without tools, and says so', async () => {
    ctx.server.setDefault({ tokens: ['No tools here.'] });
    const provider = providerFor(ctx.server);
    const ask = () => collect(provider.stream(request('ollama', { tools, model: 'qwen2.5-coder' }), new AbortController().signal));
    const events = await ask();
    assert.equal(textOf(events), 'No tools here.');
    const notices = events.flatMap((e) => (e.type === 'notice' ? [e.text] : []));
    assert.equal(notices.length, 1);
    assert.match(notices[0]!, /qwen2\.5-coder does not support tools/);
    const bodies = ctx.server.chatRequests().map((r) => r.body as Record<string, unknown>);
    assert.equal(bodies.length, 2);
    assert.ok(Array.isArray(bodies[0]?.['tools']));
    assert.equal(bodies[1]?.['tools'], undefined);
    // The provider remembers: the next answer goes out without tools at once, and still says so.
    const again = await ask();
    assert.equal(ctx.server.chatRequests().length, 3);
    assert.ok(again.some((e) => e.type === 'notice'));
    // The note is for the user, in their language (the model never reads it).
    const translated = await collect(providerFor(ctx.server, { translate: pseudo }).stream(request('ollama', { tools, model: 'qwen2.5-coder' }), new AbortController().signal));
    const note = translated.flatMap((e) => (e.type === 'notice' ? [e.text] : []))[0] ?? 'missing';
    assert.deepEqual(englishLeft(note, ['qwen2.5-coder', 'llama3.2', 'Ollama']), [], note);
  });
});
