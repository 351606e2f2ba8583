// Tests of the fake provider servers themselves, over raw HTTP (the SDK round trips are tested elsewhere).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { type FakeServer, startFakeServer } from '../fakes/server';
import type { Reply, Vendor } from '../fakes/script';

// Wire JSON is inspected ad hoc; its shape is what the assertions check, so it stays untyped here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Wire = any;

const chatPath: Record<Vendor, string> = { anthropic: '/v1/messages', openai: '/v1/chat/completions', ollama: '/api/chat' };
const model: Record<Vendor, string> = { anthropic: 'claude-haiku-4-5', openai: 'gpt-4o-mini', ollama: 'llama3.2' };
const weather = { name: 'get_weather', arguments: { city: 'Zürich ☃', days: 3 } };

let servers: FakeServer[] = [];
async function start(vendor: Vendor, options?: Parameters<typeof startFakeServer>[1]): Promise<FakeServer> {
  const s = await startFakeServer(vendor, options);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** What each vendor's client always sends; the fakes refuse requests without it, as the real APIs do. */
const required: Record<Vendor, { headers: Record<string, string>; body: Record<string, unknown> }> = {
  anthropic: { headers: { 'anthropic-version': '2023-06-01', 'x-api-key': 'test-key' }, body: { max_tokens: 64 } },
  openai: { headers: { authorization: 'Bearer test-key' }, body: {} },
  ollama: { headers: {}, body: {} },
};

function chat(s: FakeServer, body: Record<string, unknown> = {}, init: RequestInit = {}): Promise<Response> {
  const headers = { 'content-type': 'application/json', ...required[s.vendor].headers, ...(init.headers as Record<string, string> | undefined) };
  return fetch(s.url + chatPath[s.vendor], {
    method: 'POST', ...init, headers,
    body: JSON.stringify({ model: model[s.vendor], messages: [{ role: 'user', content: 'hi' }], stream: true, ...required[s.vendor].body, ...body }),
  });
}

/** Raw response bytes as received, one Buffer per socket read, to see how the server split them. */
function rawChat(s: FakeServer): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', ...required[s.vendor].headers };
    const req = http.request(s.url + chatPath[s.vendor], { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(chunks));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(JSON.stringify({ model: model[s.vendor], messages: [], stream: true, ...required[s.vendor].body }));
  });
}

function sseEvents(text: string): { event: string | undefined; data: string }[] {
  assert.ok(text.endsWith('\n\n'), 'every SSE event ends with a blank line');
  return text.slice(0, -2).split('\n\n').map((block) => {
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    assert.ok(data !== undefined, `event without data: ${block}`);
    return { event, data };
  });
}

describe('fake provider servers', () => {
  it('anthropic: streams the real event sequence with text and tool_use blocks', async () => {
    const s = await start('anthropic');
    s.enqueue({ tokens: ['Hel', 'lo'], toolCalls: [weather], usage: { inputTokens: 12, outputTokens: 34 } });
    const res = await chat(s);
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.match(res.headers.get('request-id') ?? '', /^req_/);
    const events = sseEvents(await res.text());
    for (const e of events) assert.equal(e.event, (JSON.parse(e.data) as { type: string }).type);
    assert.deepEqual(events.map((e) => e.event), [
      'message_start', 'content_block_start', 'ping', 'content_block_delta', 'content_block_delta', 'content_block_stop',
      'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_delta',
      'content_block_stop', 'message_delta', 'message_stop',
    ]);
    const data = events.map((e) => JSON.parse(e.data) as Record<string, Wire>);
    assert.equal(data[0]?.message.model, model.anthropic);
    assert.equal(data[0]?.message.usage.input_tokens, 12);
    assert.equal(data[6]?.content_block.type, 'tool_use');
    assert.equal(data[6]?.content_block.name, 'get_weather');
    const json = data.slice(7, 11).map((d) => d.delta.partial_json as string).join('');
    assert.deepEqual(JSON.parse(json), weather.arguments);
    // The final usage is cumulative: input tokens (and cache counts) as well as output tokens.
    assert.deepEqual(data[12], {
      type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 34 },
    });
  });

  it('anthropic: answers a non-streaming request with a whole Message', async () => {
    const s = await start('anthropic');
    s.enqueue({ tokens: ['Hi', ' there'], stopReason: 'max_tokens' });
    const msg = (await (await chat(s, { stream: false })).json()) as Record<string, Wire>;
    assert.equal(msg.type, 'message');
    assert.deepEqual(msg.content, [{ type: 'text', text: 'Hi there' }]);
    assert.equal(msg.stop_reason, 'max_tokens');
  });

  it('openai: streams chunks ending in [DONE], tool calls named once, usage only on request', async () => {
    const s = await start('openai');
    s.enqueue({ tokens: ['Hi'], toolCalls: [weather] }, { tokens: ['Hi'] });
    const res = await chat(s, { stream_options: { include_usage: true } });
    const text = await res.text();
    assert.match(res.headers.get('x-request-id') ?? '', /^req_/);
    assert.ok(text.endsWith('data: [DONE]\n\n'));
    const chunks = sseEvents(text).slice(0, -1).map((e) => JSON.parse(e.data) as Record<string, Wire>);
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
    assert.equal(chunks[0]?.choices[0].delta.role, 'assistant');
    assert.equal(chunks[1]?.choices[0].delta.content, 'Hi');
    const calls = chunks.flatMap((c) => (c.choices[0]?.delta.tool_calls ?? []) as Record<string, Wire>[]);
    assert.equal(calls.filter((c) => c.id !== undefined).length, 1);
    assert.equal(calls[0]?.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(calls.map((c) => c.function.arguments as string).join('')), weather.arguments);
    assert.equal(chunks.at(-2)?.choices[0].finish_reason, 'tool_calls');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.equal(chunks.at(-1)?.usage.total_tokens, chunks.at(-1)?.usage.prompt_tokens + chunks.at(-1)?.usage.completion_tokens);

    const plain = sseEvents(await (await chat(s)).text()).slice(0, -1).map((e) => JSON.parse(e.data) as Record<string, Wire>);
    assert.equal(plain.at(-1)?.choices[0].finish_reason, 'stop');
    assert.ok(plain.every((c) => !('usage' in c)));
  });

  it('ollama: streams NDJSON with whole tool calls and a done line; stream:false gives one object', async () => {
    const s = await start('ollama');
    s.enqueue({ tokens: ['Hi', '!'], toolCalls: [weather] }, { tokens: ['Hi'], stopReason: 'max_tokens' });
    const res = await chat(s);
    assert.equal(res.headers.get('content-type'), 'application/x-ndjson');
    const text = await res.text();
    assert.ok(text.endsWith('}\n'));
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, Wire>);
    assert.deepEqual(lines.map((l) => l.message.content), ['Hi', '!', '', '']);
    assert.deepEqual(lines[2]?.message.tool_calls, [{ function: weather }]);
    assert.deepEqual(lines.map((l) => l.done), [false, false, false, true]);
    assert.equal(lines[3]?.done_reason, 'stop');
    const one = (await (await chat(s, { stream: false })).json()) as Record<string, Wire>;
    assert.equal(one.done, true);
    assert.equal(one.done_reason, 'length');
    assert.equal(one.message.content, 'Hi');
  });

  it('splitWrites delivers the same bytes in many small pieces, splitting UTF-8 characters', async () => {
    const reply: Reply = { tokens: ['Grüße ', '🌍', ' ☃'], toolCalls: [weather] };
    const [plain, split] = [await start('anthropic'), await start('anthropic')];
    plain.enqueue(reply);
    split.enqueue({ ...reply, splitWrites: true });
    const whole = Buffer.concat(await rawChat(plain));
    const pieces = await rawChat(split);
    assert.deepEqual(Buffer.concat(pieces), whole);
    assert.ok(pieces.length > 20, `expected many reads, got ${pieces.length}`);
    const cutInsideChar = pieces.slice(0, -1).some((p) => {
      const last = p[p.length - 1];
      return last !== undefined && last >= 0x80;
    });
    assert.ok(cutInsideChar, 'some read should end inside a multi-byte character');
  });

  it('status faults carry each vendor\'s error body, retry-after and request id', async () => {
    const a = await start('anthropic');
    a.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } }, { fault: { kind: 'status', status: 529 } });
    let res = await chat(a);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
    assert.match(res.headers.get('request-id') ?? '', /^req_/);
    assert.equal(((await res.json()) as Wire).error.type, 'rate_limit_error');
    res = await chat(a);
    assert.deepEqual(((await res.json()) as Wire).error, { type: 'overloaded_error', message: 'Overloaded' });

    const o = await start('openai');
    o.enqueue({ fault: { kind: 'status', status: 400, errorType: 'context_length_exceeded' } });
    res = await chat(o);
    const err = ((await res.json()) as Wire).error;
    assert.equal(res.status, 400);
    assert.equal(err.code, 'context_length_exceeded');
    assert.equal(err.type, 'invalid_request_error');

    const l = await start('ollama');
    l.enqueue({ fault: { kind: 'status', status: 500, message: 'boom' } });
    res = await chat(l);
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { error: 'boom' });
  });

  it('unknown models, wrong keys and an empty script get vendor errors without consuming replies', async () => {
    const a = await start('anthropic', { apiKey: 'secret' });
    a.enqueue({ tokens: ['ok'] });
    let res = await chat(a, { model: 'claude-nope' }, { headers: { 'x-api-key': 'secret' } });
    assert.equal(res.status, 404);
    assert.deepEqual(((await res.json()) as Wire).error, { type: 'not_found_error', message: 'model: claude-nope' });
    res = await chat(a, {}, { headers: { 'x-api-key': 'wrong' } });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as Wire).error.type, 'authentication_error');
    res = await chat(a, {}, { headers: { 'x-api-key': 'secret' } });
    assert.equal(res.status, 200);
    await res.text();
    res = await chat(a, {}, { headers: { 'x-api-key': 'secret' } });
    assert.equal(res.status, 500);
    assert.match(((await res.json()) as Wire).error.message, /fake server: no scripted reply/);

    const o = await start('openai', { apiKey: 'secret' });
    res = await chat(o, {}, { headers: { authorization: 'Bearer nope' } });
    assert.equal(((await res.json()) as Wire).error.code, 'invalid_api_key');
    res = await chat(o, { model: 'gpt-9' }, { headers: { authorization: 'Bearer secret' } });
    assert.equal(((await res.json()) as Wire).error.code, 'model_not_found');

    const l = await start('ollama');
    res = await chat(l, { model: 'mistral' });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: 'model "mistral" not found, try pulling it first' });
    assert.equal(l.chatRequests().length, 1);
  });

  it('drop cuts the connection after N tokens', async () => {
    const s = await start('openai');
    s.enqueue({ tokens: ['a', 'b', 'c'], fault: { kind: 'drop', afterTokens: 2 } });
    const res = await chat(s);
    await assert.rejects(res.text(), /terminated/);
    const [rec] = s.chatRequests();
    assert.equal(rec?.finished, false);
    assert.equal(rec?.clientClosedAt, undefined, 'a server-side drop is not a client close');
  });

  it('malformed writes one unparsable event after N tokens, then ends', async () => {
    for (const vendor of ['anthropic', 'openai', 'ollama'] as const) {
      const s = await start(vendor);
      s.enqueue({ tokens: ['a', 'b'], fault: { kind: 'malformed', afterTokens: 1 } });
      const text = await (await chat(s)).text();
      const payloads = vendor === 'ollama' ? text.trimEnd().split('\n') : sseEvents(text).map((e) => e.data);
      assert.throws(() => JSON.parse(payloads.at(-1) ?? ''), SyntaxError, vendor);
      assert.equal(payloads.slice(0, -1).every((p) => JSON.parse(p) !== undefined), true);
      assert.equal(s.chatRequests()[0]?.finished, true);
    }
  });

  it('stall keeps the stream open and silent until the client leaves, and records when', async () => {
    const s = await start('ollama');
    s.enqueue({ tokens: ['a', 'b', 'c'], fault: { kind: 'stall', afterTokens: 1 } });
    const abort = new AbortController();
    const res = await chat(s, {}, { signal: abort.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    assert.match(Buffer.from(first.value ?? []).toString(), /"content":"a"/);
    const rec = s.chatRequests()[0]!;
    assert.ok(rec.firstTokenAt !== undefined && rec.firstByteAt !== undefined && rec.firstByteAt >= rec.receivedAt);
    await assert.rejects(s.waitForClientClose(rec, 50), /did not close/);
    abort.abort();
    const closedAt = await s.waitForClientClose(rec, 1000);
    assert.ok(closedAt >= rec.firstTokenAt);
    assert.equal(rec.finished, false);
  });

  it('a client leaving during firstByteDelay is recorded and close() ends a stalled stream', async () => {
    const s = await start('anthropic');
    s.enqueue({ tokens: ['a'], firstByteDelayMs: 10_000 }, { tokens: ['a'], fault: { kind: 'stall', afterTokens: 0 } });
    const abort = new AbortController();
    const pending = chat(s, {}, { signal: abort.signal });
    while (s.chatRequests().length === 0 || s.chatRequests()[0]?.body === undefined) await new Promise((r) => setTimeout(r, 5));
    abort.abort();
    await assert.rejects(pending);
    const rec = s.chatRequests()[0]!;
    await s.waitForClientClose(rec, 1000);
    assert.equal(rec.firstByteAt, undefined);

    const stalled = await chat(s);
    assert.equal(s.chatRequests()[1]?.finished, false, 'the second stream is stalled, not finished');
    // close() must end the stalled stream itself: waiting for it to finish would wait forever.
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), 10_000)));
    assert.equal(await Promise.race([s.close().then(() => 'closed' as const), stuck]), 'closed', 'close() returned with a stream stalled');
    clearTimeout(timer);
    await assert.rejects(stalled.text(), 'the client sees its stream cut, not a complete answer');
  });

  it('records requests and serves the model lists and health endpoints', async () => {
    const a = await start('anthropic', { models: ['claude-x', 'claude-y'] });
    const page = (await (await fetch(`${a.url}/v1/models`)).json()) as Wire;
    assert.deepEqual([page.data[0].type, page.data[0].id, page.has_more, page.first_id, page.last_id], ['model', 'claude-x', false, 'claude-x', 'claude-y']);
    assert.equal(typeof page.data[0].display_name, 'string');
    assert.deepEqual(a.requests.map((r) => [r.method, r.path, r.body]), [['GET', '/v1/models', undefined]]);
    assert.deepEqual(a.chatRequests(), []);

    const o = await start('openai');
    const list = (await (await fetch(`${o.url}/v1/models`)).json()) as Wire;
    assert.equal(list.object, 'list');
    assert.deepEqual(list.data.map((m: { id: string }) => m.id), ['gpt-4o-mini', 'gpt-4o']);

    const l = await start('ollama');
    assert.equal(await (await fetch(`${l.url}/`)).text(), 'Ollama is running');
    assert.match(((await (await fetch(`${l.url}/api/version`)).json()) as Wire).version, /^\d+\.\d+\.\d+$/);
    const tags = (await (await fetch(`${l.url}/api/tags`)).json()) as Wire;
    assert.deepEqual(tags.models.map((m: { name: string }) => m.name), ['llama3.2:latest', 'qwen2.5-coder:latest']);
    await (await chat(l, { stream: false }, { headers: { 'x-test': '1' } })).text();
    const rec = l.requests.at(-1)!;
    assert.equal(rec.headers['x-test'], '1');
    assert.deepEqual((rec.body as { model: string }).model, 'llama3.2');
  });
});
