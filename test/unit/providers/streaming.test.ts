// Each vendor's real SDK against the fake server's real wire format: text, tool calls, usage and the request we send.
import assert from 'node:assert/strict';
import { createProvider } from '../../../src/core/providers';
import { complete } from '../../../src/core/providers/complete';
import type { ToolDefinition } from '../../../src/core/providers/types';
import { collect, models, providerFor, request, testKey, textOf, vendors, withServer } from './harness';

const tools: ToolDefinition[] = [
  { name: 'read_file', description: 'Read a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
  { name: 'search_text', description: 'Search', inputSchema: { type: 'object', properties: { query: { type: 'string' } } } },
];

for (const vendor of vendors) {
  describe(`${vendor} provider streaming`, () => {
    const ctx = withServer(vendor);

    it('reassembles the exact text, in order, with one done(end)', async () => {
      const tokens = ['Hello', ', ', 'world', '! ', 'Line\nbreak', ' and "quotes" \\ slashes'];
      ctx.server.enqueue({ tokens });
      const events = await collect(providerFor(ctx.server).stream(request(vendor), new AbortController().signal));
      assert.equal(textOf(events), tokens.join(''));
      assert.deepEqual(events.filter((e) => e.type === 'done'), [{ type: 'done', stopReason: 'end' }]);
      assert.equal(events.at(-1)?.type, 'done');
    });

    it('keeps multi-byte characters intact when the network splits them', async () => {
      const tokens = ['Grüße ', '🚀🚀', ' 日本語のテキスト', ' émoji 👩‍💻 ', 'ok'];
      ctx.server.enqueue({ tokens, splitWrites: true });
      const events = await collect(providerFor(ctx.server).stream(request(vendor), new AbortController().signal));
      assert.equal(textOf(events), tokens.join(''));
    });

    it('streams several tool calls in one answer with parsed arguments', async () => {
      ctx.server.enqueue({
        tokens: ['Let me look.'],
        toolCalls: [
          { id: 'call_a', name: 'read_file', arguments: { path: 'src/a.ts' }, argumentChunks: 4 },
          { id: 'call_b', name: 'search_text', arguments: { query: 'TODO "x"', regex: false } },
        ],
      });
      const events = await collect(providerFor(ctx.server).stream(request(vendor, { tools }), new AbortController().signal));
      const starts = events.filter((e) => e.type === 'toolCallStart');
      assert.deepEqual(starts.map((e) => e.type === 'toolCallStart' && e.name), ['read_file', 'search_text']);
      const completed = events.flatMap((e) => (e.type === 'toolCallComplete' ? [e] : []));
      assert.deepEqual(completed.map((e) => e.call.arguments), [{ path: 'src/a.ts' }, { query: 'TODO "x"', regex: false }]);
      assert.ok(completed.every((e) => e.parseError === undefined));
      if (vendor !== 'ollama') assert.deepEqual(completed.map((e) => e.call.id), ['call_a', 'call_b']);
      // The arguments streamed as deltas add up to the final JSON.
      for (const c of completed) {
        const streamed = events.map((e) => (e.type === 'toolCallDelta' && e.index === c.index ? e.argumentsDelta : '')).join('');
        assert.deepEqual(JSON.parse(streamed), c.call.arguments);
      }
      assert.deepEqual(events.at(-1), { type: 'done', stopReason: 'tool_use' });
    });

    it('reports usage and max_tokens', async () => {
      ctx.server.enqueue({ tokens: ['cut'], stopReason: 'max_tokens', usage: { inputTokens: 42, outputTokens: 7 } });
      const events = await collect(providerFor(ctx.server).stream(request(vendor), new AbortController().signal));
      assert.deepEqual(events.find((e) => e.type === 'usage'), { type: 'usage', usage: { inputTokens: 42, outputTokens: 7 } });
      assert.deepEqual(events.at(-1), { type: 'done', stopReason: 'max_tokens' });
    });

    it('complete() folds the same stream into one answer', async () => {
      ctx.server.enqueue({ tokens: ['a', 'b', 'c'], toolCalls: [{ name: 'read_file', arguments: { path: 'x' } }] });
      const answer = await complete(providerFor(ctx.server), request(vendor, { tools }), new AbortController().signal);
      assert.equal(answer.text, 'abc');
      assert.equal(answer.stopReason, 'tool_use');
      assert.deepEqual(answer.toolCalls.map((c) => [c.name, c.arguments]), [['read_file', { path: 'x' }]]);
    });

    it('sends the system prompt, turns, tool calls, tool results and tools in the vendor format', async () => {
      ctx.server.enqueue({ tokens: ['ok'] });
      await collect(
        providerFor(ctx.server).stream(
          request(vendor, {
            system: 'You are @backend.',
            tools,
            temperature: 0.3,
            messages: [
              { role: 'user', content: 'Read a.ts' },
              { role: 'assistant', content: 'Reading.', toolCalls: [{ id: 'call_1', name: 'read_file', arguments: { path: 'a.ts' } }] },
              { role: 'tool', toolCallId: 'call_1', toolName: 'read_file', content: 'export const a = 1;' },
              { role: 'user', content: 'Thanks' },
            ],
          }),
          new AbortController().signal,
        ),
      );
      const [sent] = ctx.server.chatRequests();
      assert.ok(sent);
      assert.deepEqual(expectedShape(vendor), pickShape(vendor, sent.body as Record<string, unknown>));
      // The Anthropic SDK sends the key as x-api-key or, in newer versions, as a bearer token.
      if (vendor === 'anthropic') assert.ok(sent.headers['x-api-key'] === testKey || sent.headers.authorization === `Bearer ${testKey}`);
      if (vendor === 'openai') assert.equal(sent.headers.authorization, `Bearer ${testKey}`);
    });
  });
}

/** The parts of each vendor's request body that carry the conversation, as that vendor documents them. */
function expectedShape(vendor: string): unknown {
  if (vendor === 'anthropic') {
    // Prompt caching: breakpoints on the last tool, the system prompt and the last two user turns.
    const cached = { cache_control: { type: 'ephemeral' } };
    return {
      model: models.anthropic,
      system: [{ type: 'text', text: 'You are @backend.', ...cached }],
      stream: true,
      max_tokens: 256,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Read a.ts', ...cached }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Reading.' }, { type: 'tool_use', id: 'call_1', name: 'read_file', input: { path: 'a.ts' } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: 'export const a = 1;', is_error: false },
            { type: 'text', text: 'Thanks', ...cached },
          ],
        },
      ],
      tools: tools.map((t, i) => ({ name: t.name, description: t.description, input_schema: t.inputSchema, ...(i === tools.length - 1 ? cached : {}) })),
    };
  }
  if (vendor === 'openai') {
    return {
      model: models.openai,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 256,
      temperature: 0.3,
      messages: [
        { role: 'system', content: 'You are @backend.' },
        { role: 'user', content: 'Read a.ts' },
        { role: 'assistant', content: 'Reading.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'export const a = 1;' },
        { role: 'user', content: 'Thanks' },
      ],
      tools: tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } })),
    };
  }
  return {
    model: models.ollama,
    stream: true,
    options: { num_predict: 256, temperature: 0.3 },
    messages: [
      { role: 'system', content: 'You are @backend.' },
      { role: 'user', content: 'Read a.ts' },
      { role: 'assistant', content: 'Reading.', tool_calls: [{ function: { name: 'read_file', arguments: { path: 'a.ts' } } }] },
      { role: 'tool', content: 'export const a = 1;', tool_name: 'read_file' },
      { role: 'user', content: 'Thanks' },
    ],
    tools: tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema } })),
  };
}

function pickShape(vendor: string, body: Record<string, unknown>): unknown {
  const keys = Object.keys(expectedShape(vendor) as object);
  return Object.fromEntries(keys.map((k) => [k, body[k]]));
}

describe('openai provider: the token limit field', () => {
  const ctx = withServer('openai');
  const officialHost = 'https://api.openai.com';

  /** The body of the one chat request `provider` sends. */
  async function sentBody(provider: ReturnType<typeof providerFor>): Promise<Record<string, unknown>> {
    ctx.server.enqueue({ tokens: ['ok'] });
    const events = await collect(provider.stream(request('openai'), new AbortController().signal));
    assert.equal(textOf(events), 'ok');
    const [sent] = ctx.server.chatRequests();
    return sent?.body as Record<string, unknown>;
  }

  it('sends max_tokens to a compatible server', async () => {
    const body = await sentBody(providerFor(ctx.server));
    assert.equal(body.max_tokens, 256);
    assert.equal('max_completion_tokens' in body, false);
  });

  it('sends max_completion_tokens to the official API', async () => {
    // The provider is given no base URL, so it addresses the official host; the process's fetch, which
    // the SDK takes as its transport, carries those requests to the fake server instead.
    const realFetch = globalThis.fetch;
    const addressed: string[] = [];
    globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      addressed.push(url);
      return realFetch(url.startsWith(`${officialHost}/`) ? ctx.server.url + url.slice(officialHost.length) : url, init);
    };
    try {
      const official = createProvider({ id: 'openai', apiKey: testKey, timeouts: { firstTokenMs: 5_000, idleMs: 5_000 }, retry: { maxRetries: 0, baseDelayMs: 10, maxDelayMs: 10 } });
      const body = await sentBody(official);
      assert.deepEqual(addressed, [`${officialHost}/v1/chat/completions`], 'the SDK addressed the official API');
      assert.equal(body.max_completion_tokens, 256);
      assert.equal('max_tokens' in body, false);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
