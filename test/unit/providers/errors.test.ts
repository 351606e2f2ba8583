// Every failure kind, per vendor, through the real SDK: the user gets the right kind, a message and a fix.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ProviderError, type ProviderErrorKind } from '../../../src/core/providers/errors';
import { createProvider } from '../../../src/core/providers';
import { providerFor, request, testKey, vendors, withServer } from './harness';

async function failure(stream: AsyncIterable<unknown>): Promise<ProviderError> {
  try {
    for await (const _ of stream) {
      /* drain */
    }
  } catch (err) {
    assert.ok(err instanceof ProviderError, `expected a ProviderError, got ${String(err)}`);
    return err;
  }
  assert.fail('the stream did not fail');
}

/** A port on which nothing listens. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  return port;
}

for (const vendor of vendors) {
  describe(`${vendor} provider errors`, () => {
    const ctx = withServer(vendor);
    const noRetry = { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } };
    const cases: [string, number, ProviderErrorKind, string?][] = [
      ['bad API key', 401, 'auth'],
      ['forbidden', 403, 'auth'],
      ['rate limited', 429, 'rateLimited'],
      ['server error', 500, 'overloaded'],
      ['overloaded', 529, 'overloaded'],
      ['unknown request error', 422, 'badRequest'],
    ];
    for (const [label, status, kind] of cases) {
      it(`${label} (HTTP ${status}) → ${kind}`, async () => {
        ctx.server.enqueue({ fault: { kind: 'status', status, message: `scripted ${status}` } });
        const err = await failure(providerFor(ctx.server, noRetry).stream(request(vendor), new AbortController().signal));
        assert.equal(err.kind, kind);
        assert.equal(err.status, status);
        assert.ok(err.hint, 'every error says what to do');
      });
    }

    it('an unknown model → modelNotFound with the fix', async () => {
      const err = await failure(providerFor(ctx.server, noRetry).stream(request(vendor, { model: 'no-such-model' }), new AbortController().signal));
      assert.equal(err.kind, 'modelNotFound');
      assert.match(err.message, /no-such-model/);
      if (vendor === 'ollama') assert.match(err.hint ?? '', /ollama pull no-such-model/);
    });

    if (vendor !== 'ollama') {
      it('a context that is too long → contextTooLong', async () => {
        const errorType = vendor === 'openai' ? 'context_length_exceeded' : 'invalid_request_error';
        ctx.server.enqueue({ fault: { kind: 'status', status: 400, errorType, message: 'prompt is too long: 250000 tokens > 200000 maximum' } });
        const err = await failure(providerFor(ctx.server, noRetry).stream(request(vendor), new AbortController().signal));
        assert.equal(err.kind, 'contextTooLong');
      });

      it('a missing key is reported before any request is sent', async () => {
        const provider = providerFor(ctx.server, { apiKey: undefined, baseUrl: vendor === 'openai' ? undefined : `${ctx.server.url}` });
        const err = await failure(provider.stream(request(vendor), new AbortController().signal));
        assert.equal(err.kind, 'auth');
        assert.match(err.message, /No .* API key/);
        assert.equal(ctx.server.chatRequests().length, 0);
      });

      it('never puts the API key in an error, even when the server echoes it', async () => {
        ctx.server.enqueue({ fault: { kind: 'status', status: 401, message: `Invalid key ${testKey}` } });
        const err = await failure(providerFor(ctx.server, noRetry).stream(request(vendor), new AbortController().signal));
        assert.ok(!`${err.message} ${err.hint} ${err.stack}`.includes(testKey));
      });
    }

    it('nothing listening → unreachable, naming where it looked', async () => {
      const port = await closedPort();
      const url = vendor === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`;
      const provider = providerFor(ctx.server, { baseUrl: url, ...noRetry });
      const err = await failure(provider.stream(request(vendor), new AbortController().signal));
      assert.equal(err.kind, 'unreachable');
      assert.ok(err.message.includes(String(port)));
      if (vendor === 'ollama') assert.match(err.message, /Ollama is not running/);
    });

    it('a malformed stream → malformedStream', async () => {
      ctx.server.enqueue({ tokens: ['a', 'b', 'c'], fault: { kind: 'malformed', afterTokens: 1 } });
      const err = await failure(providerFor(ctx.server, noRetry).stream(request(vendor), new AbortController().signal));
      assert.equal(err.kind, 'malformedStream');
    });

    it('a connection dropped mid-answer → connectionLost, and the partial text was delivered', async () => {
      // A pause before the drop lets the client read the tokens first (a stream that errors discards unread chunks).
      ctx.server.enqueue({ tokens: ['one ', 'two ', 'three'], tokenDelayMs: 50, fault: { kind: 'drop', afterTokens: 2 } });
      const seen: string[] = [];
      const stream = providerFor(ctx.server).stream(request(vendor), new AbortController().signal);
      const err = await failure(
        (async function* () {
          for await (const e of stream) if (e.type === 'text') seen.push(e.text);
          yield undefined;
        })(),
      );
      assert.equal(err.kind, 'connectionLost');
      assert.equal(seen.join(''), 'one two ');
      // Content had reached the user, so the request was not repeated.
      assert.equal(ctx.server.chatRequests().length, 1);
    });
  });
}

describe('provider construction', () => {
  it('does not need a key for a self-hosted OpenAI-compatible server', async () => {
    const provider = createProvider({
      id: 'openai',
      baseUrl: `http://127.0.0.1:${await closedPort()}/v1`,
      timeouts: { firstTokenMs: 1000, idleMs: 1000 },
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const err = await failure(provider.stream(request('openai'), new AbortController().signal));
    assert.equal(err.kind, 'unreachable');
  });
});
