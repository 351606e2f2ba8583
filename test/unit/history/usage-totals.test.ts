// The conversation's usage total is kept in the history (counted from the log's `usage` records with the
// messages), so after a reload it covers the whole conversation, not the page of 50 loaded; a missing
// index or one from before totals existed is counted again from the log, each answer once.
import assert from 'node:assert/strict';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChatController } from '../../../src/core/chat/controller';
import { FileConversationStore } from '../../../src/core/history/file-store';
import { silentLogger } from '../../../src/core/log';
import type { ChatMessageRecord } from '../../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { providerFor, withServer } from '../providers/harness';
import { logPath, msg, removeRoot, tempRoot } from './helpers';

const usageOf = (i: number) => ({ inputTokens: 100 + i, outputTokens: 10, cacheReadTokens: 1000 });

describe('usage totals in the history', () => {
  let root: string;
  beforeEach(async () => (root = await tempRoot()));
  afterEach(() => removeRoot(root));

  /** 40 turns (80 messages), each answer with its usage recorded as the chat records it. */
  async function conversation(): Promise<string> {
    const store = new FileConversationStore(root);
    const { id } = await store.create('Long');
    for (let i = 0; i < 40; i++) {
      await store.appendMessage(id, msg(`q${i}`));
      const answer = msg(`a${i}`, { role: 'assistant', meta: { turnUsage: usageOf(i), cost: 0.01 } });
      await store.appendMessage(id, answer);
      await store.completeMessage(id, answer);
      await store.recordUsage(id, answer.id, usageOf(i), 0.01);
      // Completed again later (an undo, a hand-off decided): still counted once.
      await store.completeMessage(id, { ...answer, undoableChanges: 0 });
    }
    await store.dispose();
    return id;
  }
  const expected = { inputTokens: 40 * 100 + (39 * 40) / 2, outputTokens: 400, cacheReadTokens: 40_000 };

  it('sums every answer once, survives a reload, and is rebuilt from the log when index.json is lost', async () => {
    const id = await conversation();
    const reopened = new FileConversationStore(root);
    const totals = await reopened.usageTotals(id);
    assert.deepEqual(totals.total, expected);
    assert.ok(Math.abs(totals.cost! - 0.4) < 1e-9, `cost ${totals.cost}`);
    assert.equal(totals.costPartial, undefined);
    assert.equal((await reopened.lastPage(id, 50)).messages.length, 50, 'only a page is loaded');
    await reopened.dispose();

    await rm(join(root, 'index.json'));
    const rebuilt = new FileConversationStore(root);
    assert.deepEqual((await rebuilt.usageTotals(id)).total, expected);
    await rebuilt.dispose();
  });

  it('counts an older log (answers completed with their usage, no usage records) from its last states', async () => {
    const store = new FileConversationStore(root);
    const { id } = await store.create('Old');
    const lines: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer: ChatMessageRecord = msg(`a${i}`, { role: 'assistant', meta: { turnUsage: usageOf(i) } });
      lines.push(JSON.stringify({ v: 1, t: 'message', at: 1, message: { ...answer, meta: {} } }));
      // Twice: the second completion (after an undo) must not count the turn again.
      lines.push(JSON.stringify({ v: 1, t: 'completed', at: 2, message: answer }), JSON.stringify({ v: 1, t: 'completed', at: 3, message: answer }));
    }
    await store.dispose();
    await appendFile(logPath(root, id), `${lines.join('\n')}\n`);
    // The index as an older version wrote it: a count, no totals.
    const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8')) as { conversations: Record<string, unknown>[] };
    for (const e of index.conversations) delete e.usage;
    await writeFile(join(root, 'index.json'), JSON.stringify(index));
    const reopened = new FileConversationStore(root);
    const totals = await reopened.usageTotals(id);
    assert.deepEqual(totals.total, { inputTokens: 303, outputTokens: 30, cacheReadTokens: 3000 });
    assert.equal(totals.cost, undefined, 'no prices known');
    assert.equal(totals.costPartial, true);
    await reopened.dispose();
  });

  describe('in the chat', () => {
    const ctx = withServer('anthropic');

    it('shows the whole conversation\'s total after a reload, beyond the loaded page', async () => {
      const build = (posts: HostToWebview[], store: FileConversationStore) => new ChatController({
        store,
        resolveModel: async () => ({ provider: providerFor(ctx.server), model: 'claude-sonnet-4-6', maxTokens: 50, facts: { contextWindow: 200_000, prices: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } } }),
        systemPrompt: () => 'You are @backend.',
        agents: () => [{ name: 'backend', description: 'b' }],
        defaultAgent: () => 'backend',
        modelLabel: () => 'fake',
        post: (m) => posts.push(m),
        log: silentLogger,
        limits: () => ({ maxToolRounds: 2, maxHandOffs: 0, contextChars: 400_000, autoApprove: { read: true, write: false } }),
        pageSize: 4,
      });
      const posts: HostToWebview[] = [];
      const store = new FileConversationStore(root);
      const first = build(posts, store);
      for (let i = 0; i < 5; i++) {
        ctx.server.enqueue({ tokens: [`answer ${i}`], usage: { inputTokens: 1000, outputTokens: 100 } });
        await first.ask('backend', `question ${i}`);
      }
      const live = posts.filter((m): m is Extract<HostToWebview, { type: 'usage' }> => m.type === 'usage').at(-1)!.usage;
      assert.deepEqual(live.total, { inputTokens: 5000, outputTokens: 500 });
      await store.dispose();

      const reloaded = new FileConversationStore(root);
      const snapshot = await build([], reloaded).snapshot();
      assert.ok(snapshot.type === 'snapshot');
      assert.equal(snapshot.messages.length, 4, 'a page of four messages (two turns) is loaded');
      assert.equal(snapshot.hasOlder, true);
      assert.deepEqual(snapshot.usage?.total, { inputTokens: 5000, outputTokens: 500 }, 'the total covers all five turns');
      assert.ok(Math.abs(snapshot.usage!.cost! - 5 * (1000 * 3 + 100 * 15) / 1e6) < 1e-9, `cost ${snapshot.usage?.cost}`);
      await reloaded.dispose();
    });
  });
});
