// *Retry now* while a rate-limited request waits sends that same request at once: the question is not
// asked a second time, and the answer that was waiting is the one that completes.
import assert from 'node:assert/strict';
import type { ChatController } from '../../../src/core/chat/controller';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { withServer } from '../providers/harness';
import { backendController } from './backend-controller';

describe('Retry now during a rate-limit wait', () => {
  const ctx = withServer('anthropic');

  it('ends the wait of the same request instead of asking again', async () => {
    const store = new MemoryConversationStore();
    const posts: HostToWebview[] = [];
    const controller: ChatController = backendController(ctx.server, {
      store,
      // The server asks for ten minutes: only Retry now lets the answer finish while the test runs.
      provider: { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 900_000 } },
      post: (m) => {
        posts.push(m);
        if (m.type === 'retrying') void controller.retry(m.messageId);
      },
    });
    ctx.server.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 600 } }, { tokens: ['Answered ', 'once.'] });
    const answer = await controller.ask('backend', 'What is the plan?');

    const waited = posts.find((m) => m.type === 'retrying');
    assert.ok(waited && waited.type === 'retrying', 'the wait was announced');
    assert.equal(answer?.id, waited.messageId, 'the answer that waited is the one that completed');
    assert.equal(answer?.status, 'complete');
    assert.equal(answer?.text, 'Answered once.');
    const page = await store.lastPage((await store.list())[0]!.id, 50);
    assert.deepEqual(page.messages.map((m) => `${m.role}:${m.text}`), ['user:What is the plan?', 'assistant:Answered once.'], 'the question is in the conversation once');
    const bodies = ctx.server.chatRequests().map((r) => JSON.stringify(r.body));
    assert.equal(bodies.length, 2);
    assert.equal(bodies[1], bodies[0], 'the same request went out again');
  });

  it('asks again from scratch when nothing is waiting (an answer that failed)', async () => {
    const store = new MemoryConversationStore();
    const controller = backendController(ctx.server, { store, provider: { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } } });
    ctx.server.enqueue({ fault: { kind: 'status', status: 500 } }, { tokens: ['Fine now.'] });
    const failed = await controller.ask('backend', 'Try this');
    assert.equal(failed?.status, 'error');
    await controller.retry(failed.id);
    const page = await store.lastPage((await store.list())[0]!.id, 50);
    assert.deepEqual(page.messages.map((m) => `${m.role}:${m.status}`), ['user:complete', 'assistant:error', 'user:complete', 'assistant:complete']);
  });
});
