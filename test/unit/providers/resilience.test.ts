// Retries before the first token only, cancellation that closes the socket, and both timeouts.
import assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/providers/errors';
import type { ChatEvent } from '../../../src/core/providers/types';
import { collect, providerFor, request, textOf, vendors, withServer } from './harness';

for (const vendor of vendors) {
  describe(`${vendor} provider retries, cancellation and timeouts`, () => {
    const ctx = withServer(vendor);

    it('watches a stream for silence with one timer, not one per event', async () => {
      // Distinctive timeouts, so only the stream's own timers are counted (the fake server shares the process).
      const timeouts = { firstTokenMs: 4_321, idleMs: 4_322 };
      ctx.server.enqueue({ tokens: Array.from({ length: 200 }, (_, i) => `t${i} `), tokenDelayMs: 0 });
      const original = globalThis.setTimeout;
      let armed = 0;
      globalThis.setTimeout = ((fn: () => void, ms?: number) => {
        if (ms === timeouts.firstTokenMs || ms === timeouts.idleMs) armed++;
        return original(fn, ms);
      }) as typeof setTimeout;
      try {
        const events = await collect(providerFor(ctx.server, { timeouts }).stream(request(vendor), new AbortController().signal));
        assert.equal(textOf(events).split(' ').length, 201);
      } finally {
        globalThis.setTimeout = original;
      }
      assert.ok(armed <= 3, `${armed} timers armed for 200 tokens`);
    });

    it('retries a 429 after the server-given delay, reports it, then streams the answer', async () => {
      ctx.server.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 0.2 } }, { tokens: ['after ', 'retry'] });
      const events = await collect(providerFor(ctx.server).stream(request(vendor), new AbortController().signal));
      const retrying = events.filter((e) => e.type === 'retrying');
      assert.equal(retrying.length, 1);
      assert.deepEqual(
        retrying.map((e) => e.type === 'retrying' && [e.attempt, e.delayMs]),
        [[1, 200]],
      );
      assert.equal(textOf(events), 'after retry');
      const [first, second] = ctx.server.chatRequests();
      assert.ok(first && second);
      // The second request went out no sooner than the server asked.
      assert.ok(second.receivedAt - first.receivedAt >= 190, `retried after ${second.receivedAt - first.receivedAt} ms`);
    });

    it('retries server errors with backoff, then gives up with the last error', async () => {
      ctx.server.setDefault({ fault: { kind: 'status', status: 503 } });
      const events: ChatEvent[] = [];
      const stream = providerFor(ctx.server).stream(request(vendor), new AbortController().signal);
      await assert.rejects(
        (async () => {
          for await (const e of stream) events.push(e);
        })(),
        (err: unknown) => err instanceof ProviderError && err.kind === 'overloaded',
      );
      assert.equal(events.filter((e) => e.type === 'retrying').length, 2);
      assert.equal(ctx.server.chatRequests().length, 3);
    });

    it('does not wait for a retry-after longer than the limit', async () => {
      ctx.server.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 600 } });
      await assert.rejects(
        collect(providerFor(ctx.server).stream(request(vendor), new AbortController().signal)),
        (err: unknown) => err instanceof ProviderError && err.kind === 'rateLimited' && err.retryAfterMs === 600_000,
      );
      assert.equal(ctx.server.chatRequests().length, 1);
    });

    it('Stop mid-stream ends with done(cancelled), keeps the partial text, and closes the connection', async () => {
      ctx.server.enqueue({ tokens: Array.from({ length: 100 }, (_, i) => `t${i} `), tokenDelayMs: 20 });
      const abort = new AbortController();
      const events: ChatEvent[] = [];
      for await (const e of providerFor(ctx.server).stream(request(vendor), abort.signal)) {
        events.push(e);
        if (textOf(events).includes('t3 ')) abort.abort();
      }
      assert.deepEqual(events.at(-1), { type: 'done', stopReason: 'cancelled' });
      assert.ok(textOf(events).startsWith('t0 t1 t2 t3 '));
      const [req] = ctx.server.chatRequests();
      assert.ok(req);
      await ctx.server.waitForClientClose(req, 2000);
      assert.equal(req.finished, false);
    });

    it('Stop before the answer starts aborts the pending request', async () => {
      ctx.server.enqueue({ tokens: ['late'], firstByteDelayMs: 3000 });
      const abort = new AbortController();
      // Abort once the request is at the server (loading the SDK may take a while on a busy machine).
      const poll = setInterval(() => {
        if (ctx.server.chatRequests().length) abort.abort();
      }, 5);
      const events = await collect(providerFor(ctx.server).stream(request(vendor), abort.signal)).finally(() => clearInterval(poll));
      assert.deepEqual(events, [{ type: 'done', stopReason: 'cancelled' }]);
      const [req] = ctx.server.chatRequests();
      assert.ok(req);
      await ctx.server.waitForClientClose(req, 2000);
    });

    it('Stop during a retry wait cancels without another request', async () => {
      ctx.server.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
      const abort = new AbortController();
      const events: ChatEvent[] = [];
      for await (const e of providerFor(ctx.server).stream(request(vendor), abort.signal)) {
        events.push(e);
        if (e.type === 'retrying') abort.abort();
      }
      assert.deepEqual(events.map((e) => e.type), ['retrying', 'done']);
      assert.deepEqual(events.at(-1), { type: 'done', stopReason: 'cancelled' });
      assert.equal(ctx.server.chatRequests().length, 1);
    });

    it('times out when the first token does not come, and says so', async () => {
      ctx.server.enqueue({ tokens: [], fault: { kind: 'stall', afterTokens: 0 } });
      const provider = providerFor(ctx.server, { timeouts: { firstTokenMs: 300, idleMs: 5000 }, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
      await assert.rejects(
        collect(provider.stream(request(vendor), new AbortController().signal)),
        (err: unknown) => err instanceof ProviderError && err.kind === 'timeout' && /did not start answering/.test(err.message),
      );
      const [req] = ctx.server.chatRequests();
      assert.ok(req);
      await ctx.server.waitForClientClose(req, 2000);
    });

    it('times out when the stream goes silent mid-answer, after delivering the text so far', async () => {
      ctx.server.enqueue({ tokens: ['a', 'b', 'c'], fault: { kind: 'stall', afterTokens: 2 } });
      const provider = providerFor(ctx.server, { timeouts: { firstTokenMs: 5000, idleMs: 300 } });
      const events: ChatEvent[] = [];
      await assert.rejects(
        (async () => {
          for await (const e of provider.stream(request(vendor), new AbortController().signal)) events.push(e);
        })(),
        (err: unknown) => err instanceof ProviderError && err.kind === 'timeout' && /stopped sending/.test(err.message),
      );
      assert.equal(textOf(events), 'ab');
      assert.equal(ctx.server.chatRequests().length, 1, 'no retry once text was shown');
    });

    it('breaking out of the loop closes the connection too', async () => {
      ctx.server.enqueue({ tokens: Array.from({ length: 50 }, () => 'x'), tokenDelayMs: 20 });
      for await (const e of providerFor(ctx.server).stream(request(vendor), new AbortController().signal)) {
        if (e.type === 'text') break;
      }
      const [req] = ctx.server.chatRequests();
      assert.ok(req);
      await ctx.server.waitForClientClose(req, 2000);
    });
  });
}
