// Usage as each vendor reports it, read through the real SDKs from the fake servers' wire formats.
import assert from 'node:assert/strict';
import type { ChatEvent, Usage } from '../../../src/core/providers/types';
import type { ProviderSettings } from '../../../src/core/providers/types';
import type { FakeServer } from '../../fakes/server';
import { collect, providerFor as harnessProvider, request, withServer } from '../providers/harness';

/** Generous timeouts: the first request also loads the SDK, slow on a busy machine. */
const providerFor = (server: FakeServer, extra: Partial<ProviderSettings> = {}) =>
  harnessProvider(server, { timeouts: { firstTokenMs: 60_000, idleMs: 60_000 }, ...extra });

const usageOf = (events: ChatEvent[]): Usage | undefined => events.flatMap((e) => (e.type === 'usage' ? [e.usage] : [])).at(-1);

describe('usage parsing', () => {
  describe('anthropic', () => {
    const ctx = withServer('anthropic');

    it('reads input, output, cache-read and cache-write tokens from message_start and message_delta', async () => {
      ctx.server.enqueue({ tokens: ['ok'], usage: { inputTokens: 12, outputTokens: 7, cacheReadTokens: 3000, cacheWriteTokens: 450 } });
      const usage = usageOf(await collect(providerFor(ctx.server).stream(request('anthropic'), new AbortController().signal)));
      assert.deepEqual(usage, { inputTokens: 12, outputTokens: 7, cacheReadTokens: 3000, cacheWriteTokens: 450 });
    });

    it('bills a repeated long prefix as cache reads on the next request, and the new part as a cache write', async () => {
      const system = `You are @backend. ${'Project rules: keep functions small. '.repeat(400)}`;
      const first = request('anthropic', { system, messages: [{ role: 'user', content: 'First question' }] });
      ctx.server.enqueue({ tokens: ['One.'] }, { tokens: ['Two.'] });
      const provider = providerFor(ctx.server);
      const a = usageOf(await collect(provider.stream(first, new AbortController().signal)))!;
      assert.equal(a.cacheReadTokens, undefined);
      assert.ok((a.cacheWriteTokens ?? 0) >= 1024, `first request writes the prefix: ${JSON.stringify(a)}`);
      const second = { ...first, messages: [...first.messages, { role: 'assistant' as const, content: 'One.' }, { role: 'user' as const, content: 'Second question' }] };
      const b = usageOf(await collect(provider.stream(second, new AbortController().signal)))!;
      assert.equal(b.cacheReadTokens, a.cacheWriteTokens, `second request reads what the first wrote: ${JSON.stringify(b)}`);
      assert.ok((b.cacheWriteTokens ?? 0) > 0 && b.cacheWriteTokens! < 100, 'only the new turns are written');
    });

    it('caches nothing below the model\'s minimum length, and nothing without breakpoints', async () => {
      ctx.server.enqueue({ tokens: ['a'] }, { tokens: ['b'] });
      const short = usageOf(await collect(providerFor(ctx.server).stream(request('anthropic', { system: 'Short.' }), new AbortController().signal)))!;
      assert.equal(short.cacheWriteTokens, undefined);
      const long = request('anthropic', { system: 'x'.repeat(20_000) });
      const off = usageOf(await collect(providerFor(ctx.server, { promptCaching: false }).stream(long, new AbortController().signal)))!;
      assert.equal(off.cacheWriteTokens, undefined);
      assert.ok(off.inputTokens >= 5000);
    });
  });

  describe('openai', () => {
    const ctx = withServer('openai');

    it('takes the cached share of prompt_tokens (prompt_tokens_details.cached_tokens) as cache reads', async () => {
      ctx.server.enqueue({ tokens: ['ok'], usage: { inputTokens: 200, outputTokens: 9, cacheReadTokens: 1024 } });
      const events = await collect(providerFor(ctx.server).stream(request('openai'), new AbortController().signal));
      assert.deepEqual(usageOf(events), { inputTokens: 200, outputTokens: 9, cacheReadTokens: 1024 });
      const body = ctx.server.chatRequests()[0]?.body as { stream_options?: unknown };
      assert.deepEqual(body.stream_options, { include_usage: true });
    });
  });

  describe('ollama', () => {
    const ctx = withServer('ollama');

    it('reads prompt_eval_count and eval_count, and sends keep_alive only when the user set it', async () => {
      ctx.server.enqueue({ tokens: ['ok'], usage: { inputTokens: 31, outputTokens: 4 } }, { tokens: ['ok'] });
      const events = await collect(providerFor(ctx.server, { keepAlive: '30m' }).stream(request('ollama'), new AbortController().signal));
      assert.deepEqual(usageOf(events), { inputTokens: 31, outputTokens: 4 });
      await collect(providerFor(ctx.server).stream(request('ollama'), new AbortController().signal));
      const [withKeep, without] = ctx.server.chatRequests().map((r) => r.body as { keep_alive?: unknown });
      assert.equal(withKeep?.keep_alive, '30m');
      assert.equal(without && 'keep_alive' in without, false);
    });
  });
});
