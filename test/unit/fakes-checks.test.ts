// The fake servers refuse what the real APIs refuse, with the vendor's own error body, so a provider
// that forgets a header or sends the wrong field fails here as it would in production.
import * as assert from 'node:assert/strict';
import { type FakeServer, startFakeServer } from '../fakes/server';
import type { FakeServerOptions, Vendor } from '../fakes/script';

// Error bodies are inspected ad hoc.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Wire = any;

let servers: FakeServer[] = [];
async function start(vendor: Vendor, options?: FakeServerOptions): Promise<FakeServer> {
  const s = await startFakeServer(vendor, options);
  s.setDefault({ tokens: ['ok'] });
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function post(url: string, headers: Record<string, string>, body: Record<string, unknown>): Promise<{ status: number; body: Wire }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

describe('fake servers check requests like the real APIs', () => {
  const messages = [{ role: 'user', content: 'hi' }];

  it('anthropic: the version header, an API key and max_tokens are required', async () => {
    const s = await start('anthropic');
    const url = `${s.url}/v1/messages`;
    const good = { 'anthropic-version': '2023-06-01', 'x-api-key': 'k' };
    const body = { model: 'claude-sonnet-4-6', max_tokens: 16, messages, stream: true };
    const noVersion = await post(url, { 'x-api-key': 'k' }, body);
    assert.equal(noVersion.status, 400);
    assert.deepEqual(noVersion.body.error, { type: 'invalid_request_error', message: 'anthropic-version: header is required' });
    const noKey = await post(url, { 'anthropic-version': '2023-06-01' }, body);
    assert.equal(noKey.status, 401);
    assert.equal(noKey.body.error.type, 'authentication_error');
    const noLimit = await post(url, good, { ...body, max_tokens: undefined });
    assert.equal(noLimit.status, 400);
    assert.deepEqual(noLimit.body.error, { type: 'invalid_request_error', message: 'max_tokens: Field required' });
    assert.equal(noLimit.body.type, 'error');
    assert.equal((await post(url, good, body)).status, 200);
  });

  it('openai: an API key is required, and reasoning models take only max_completion_tokens', async () => {
    const s = await start('openai', { models: ['gpt-4o-mini', 'o4-mini'] });
    const url = `${s.url}/v1/chat/completions`;
    const auth = { authorization: 'Bearer k' };
    const noKey = await post(url, {}, { model: 'gpt-4o-mini', messages });
    assert.equal(noKey.status, 401);
    assert.match(noKey.body.error.message, /didn't provide an API key/);
    const wrongField = await post(url, auth, { model: 'o4-mini', messages, max_tokens: 16 });
    assert.equal(wrongField.status, 400);
    assert.deepEqual(
      { type: wrongField.body.error.type, code: wrongField.body.error.code, param: wrongField.body.error.param },
      { type: 'invalid_request_error', code: 'unsupported_parameter', param: 'max_tokens' },
    );
    assert.equal((await post(url, auth, { model: 'o4-mini', messages, max_completion_tokens: 16 })).status, 200);
    assert.equal((await post(url, auth, { model: 'gpt-4o-mini', messages, max_tokens: 16 })).status, 200);
    const noMessages = await post(url, auth, { model: 'gpt-4o-mini' });
    assert.equal(noMessages.status, 400);
    assert.equal(noMessages.body.error.code, 'missing_required_parameter');
  });

  it('ollama: a model without tool support refuses a request that offers tools', async () => {
    const s = await start('ollama', { modelsWithoutTools: ['qwen2.5-coder'] });
    const url = `${s.url}/api/chat`;
    const tools = [{ type: 'function', function: { name: 'read_file', parameters: { type: 'object' } } }];
    const refused = await post(url, {}, { model: 'qwen2.5-coder', messages, tools, stream: false });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body, { error: 'registry.ollama.ai/library/qwen2.5-coder:latest does not support tools' });
    assert.equal((await post(url, {}, { model: 'qwen2.5-coder', messages, stream: false })).status, 200);
    assert.equal((await post(url, {}, { model: 'llama3.2', messages, tools, stream: false })).status, 200);
  });

  it('refusals do not consume a scripted reply', async () => {
    const s = await startFakeServer('anthropic');
    servers.push(s);
    s.enqueue({ tokens: ['the one reply'] });
    await post(`${s.url}/v1/messages`, { 'x-api-key': 'k' }, { model: 'claude-sonnet-4-6', max_tokens: 16, messages, stream: false });
    const ok = await post(`${s.url}/v1/messages`, { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, { model: 'claude-sonnet-4-6', max_tokens: 16, messages, stream: false });
    assert.equal(ok.body.content[0].text, 'the one reply');
  });
});
