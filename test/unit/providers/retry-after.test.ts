// A server's wish to be retried later, in each form the vendors send it, read through each real SDK.
import assert from 'node:assert/strict';
import type { ChatEvent } from '../../../src/core/providers/types';
import { providerFor, request, vendors, withServer } from './harness';

/** Streams until the provider announces its retry, then stops (so the test never sleeps), and returns the wait. */
async function announcedDelay(stream: (signal: AbortSignal) => AsyncIterable<ChatEvent>): Promise<number | undefined> {
  const abort = new AbortController();
  let delay: number | undefined;
  for await (const e of stream(abort.signal)) {
    if (e.type === 'retrying') {
      delay = e.delayMs;
      abort.abort();
    }
  }
  return delay;
}

for (const vendor of vendors) {
  describe(`${vendor} provider: retry-after forms`, () => {
    const ctx = withServer(vendor);
    const wait = (headers: Record<string, string>) => {
      ctx.server.enqueue({ fault: { kind: 'status', status: 429, headers } });
      return announcedDelay((signal) => providerFor(ctx.server, { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 60_000 } }).stream(request(vendor), signal));
    };

    it('retry-after in whole seconds', async () => {
      assert.equal(await wait({ 'retry-after': '7' }), 7000);
    });

    it('retry-after as an HTTP date', async () => {
      // HTTP dates have whole seconds, so the wait lands within a second below the 20 s asked for.
      const delay = await wait({ 'retry-after': new Date(Date.now() + 20_000).toUTCString() });
      assert.ok(delay !== undefined && delay > 18_000 && delay <= 20_000, `waited ${delay} ms`);
    });

    it('retry-after-ms, which wins over retry-after', async () => {
      assert.equal(await wait({ 'retry-after-ms': '1250', 'retry-after': '30' }), 1250);
    });
  });
}
