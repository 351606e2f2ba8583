// The controller end to end in Node: a real provider against a fake server, the in-memory store,
// and the protocol messages a view would receive.
import assert from 'node:assert/strict';
import { ChatController } from '../../../src/core/chat/controller';
import type { ChatMessageRecord } from '../../../src/core/protocol/chat-message';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { silentLogger } from '../../../src/core/log';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { providerFor, withServer } from '../providers/harness';

function setup(ctx: { server: Parameters<typeof providerFor>[0] }) {
  const posts: HostToWebview[] = [];
  const store = new MemoryConversationStore();
  const controller = new ChatController({
    store,
    resolveModel: async () => ({ provider: providerFor(ctx.server), model: 'claude-sonnet-4-6', maxTokens: 100 }),
    systemPrompt: (agent) => `You are @${agent}.`,
    agents: () => ['orchestrator', 'backend', 'qa'].map((name) => ({ name, description: name })),
    defaultAgent: () => 'orchestrator',
    modelLabel: () => 'anthropic · claude-sonnet-4-6',
    post: (m) => posts.push(structuredClone(m)),
    log: silentLogger,
    limits: () => ({ maxToolRounds: 10, maxHandOffs: 3, contextChars: 400_000, autoApprove: { read: true, write: false } }),
  });
  return { posts, store, controller };
}

const of = <T extends HostToWebview['type']>(posts: HostToWebview[], type: T) =>
  posts.filter((p): p is Extract<HostToWebview, { type: T }> => p.type === type);

describe('ChatController', () => {
  const ctx = withServer('anthropic');

  it('persists the question and placeholder first, streams deltas, then completes with the exact text', async () => {
    const tokens = ['Hello', ' from', ' the', ' backend.'];
    ctx.server.enqueue({ tokens });
    const { posts, store, controller } = setup(ctx);
    const answer = await controller.ask('backend', 'Hi there');
    assert.equal(answer?.status, 'complete');
    assert.equal(answer?.text, tokens.join(''));
    assert.equal(answer?.author, 'backend');

    const added = of(posts, 'messageAdded').map((p) => p.message);
    assert.deepEqual(added.map((m) => [m.role, m.status]), [['user', 'complete'], ['assistant', 'streaming']]);
    const deltas = of(posts, 'textDelta');
    assert.equal(deltas.map((d) => d.text).join(''), tokens.join(''));
    assert.deepEqual(deltas.map((d) => d.seq), deltas.map((_, i) => i + 1));
    const [completed] = of(posts, 'messageCompleted');
    assert.equal(completed?.message.text, tokens.join(''));
    assert.deepEqual(of(posts, 'busy').map((b) => b.busy), [true, false]);

    const [conversation] = await store.list();
    assert.ok(conversation);
    assert.equal(conversation.title, 'Hi there');
    const page = await store.lastPage(conversation.id, 10);
    assert.deepEqual(page.messages.map((m) => [m.role, m.text, m.status]), [
      ['user', 'Hi there', 'complete'],
      ['assistant', tokens.join(''), 'complete'],
    ]);
    // The request carried the agent's system prompt and the question.
    const body = ctx.server.chatRequests()[0]?.body as { system: { text: string }[]; messages: unknown[] };
    assert.equal(body.system[0]?.text, 'You are @backend.');
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'Hi there', cache_control: { type: 'ephemeral' } }] }]);
  });

  it('Stop keeps the partial text and marks the answer interrupted', async () => {
    ctx.server.enqueue({ tokens: Array.from({ length: 200 }, (_, i) => `w${i} `), tokenDelayMs: 10 });
    const { posts, controller } = setup(ctx);
    const pending = controller.ask('qa', 'Write many words');
    while (!of(posts, 'textDelta').length) await new Promise((r) => setTimeout(r, 5));
    await controller.stop();
    const answer = await pending;
    assert.equal(answer?.status, 'interrupted');
    assert.ok(answer?.text.startsWith('w0 '));
    assert.ok(!answer?.text.includes('w199'));
    const [req] = ctx.server.chatRequests();
    assert.ok(req);
    await ctx.server.waitForClientClose(req, 2000);
  });

  it('an error settles the answer with its explanation', async () => {
    ctx.server.enqueue({ fault: { kind: 'status', status: 401 } });
    const { controller } = setup(ctx);
    const answer = await controller.ask('backend', 'Hi');
    assert.equal(answer?.status, 'error');
    assert.equal(answer?.error?.kind, 'auth');
    assert.match(answer?.error?.hint ?? '', /Set API Key/);
  });

  it('a view that joins mid-stream gets the text so far and the delta count', async () => {
    ctx.server.enqueue({ tokens: Array.from({ length: 60 }, (_, i) => `p${i} `), tokenDelayMs: 10 });
    const { posts, controller } = setup(ctx);
    const pending = controller.ask('backend', 'Stream');
    while (of(posts, 'textDelta').length < 3) await new Promise((r) => setTimeout(r, 5));
    const snapshot = await controller.snapshot();
    assert.equal(snapshot.type, 'snapshot');
    const streaming = snapshot.type === 'snapshot' ? (snapshot.messages.at(-1) as ChatMessageRecord) : undefined;
    const sent = of(posts, 'textDelta');
    assert.equal(streaming?.status, 'streaming');
    assert.equal(streaming?.text, sent.map((d) => d.text).join(''));
    assert.equal(streaming?.deltaSeq, sent.at(-1)?.seq);
    await pending;
  });

  it('routes a typed message by its mentions, each agent answering in turn', async () => {
    ctx.server.enqueue({ tokens: ['backend here'] }, { tokens: ['qa here'] });
    const { posts, controller } = setup(ctx);
    await controller.send('@backend and @qa: what do you think?');
    const done = of(posts, 'messageCompleted').map((p) => [p.message.author, p.message.text]);
    assert.deepEqual(done, [['backend', 'backend here'], ['qa', 'qa here']]);
    const second = ctx.server.chatRequests()[1]?.body as { system: { text: string }[]; messages: { role: string; content: { text: string }[] }[] };
    assert.equal(second.system[0]?.text, 'You are @qa.');
    // @qa sees the question and @backend's answer, attributed, as one user turn (not as its own words).
    assert.deepEqual(second.messages.map((m) => m.role), ['user']);
    assert.deepEqual(second.messages[0]?.content.map((c) => c.text), ['@backend and @qa: what do you think?', '@backend answered:\n\nbackend here']);
  });

  it('reports unknown mentions instead of guessing', async () => {
    const { posts, controller } = setup(ctx);
    await controller.send('@nobody help');
    assert.match(of(posts, 'error')[0]?.error.message ?? '', /No agent named @nobody/);
    assert.equal(ctx.server.chatRequests().length, 0);
  });
});
