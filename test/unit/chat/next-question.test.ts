// A question sent the moment an answer settles is taken: the views are told the answer is over before
// the turn's bookkeeping (usage, undo, hand-off offer), and the next question waits for that bookkeeping,
// so nothing it records is lost or mixed into the next turn.
import assert from 'node:assert/strict';
import type { ChatController } from '../../../src/core/chat/controller';
import type { ChatMessageRecord, TokenUsage } from '../../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { withServer } from '../providers/harness';
import { backendController } from './backend-controller';

/** A store whose usage write takes a while (a slow disk), and which logs the order of its writes. */
class SlowUsageStore extends MemoryConversationStore {
  readonly writes: string[] = [];
  override async appendMessage(id: string, message: ChatMessageRecord): Promise<void> {
    this.writes.push(`append ${message.role}:${message.text}`);
    return super.appendMessage(id, message);
  }
  override async recordUsage(id: string, messageId: string, usage: TokenUsage, cost: number | undefined): Promise<void> {
    await new Promise((r) => setTimeout(r, 150));
    this.writes.push(`usage ${usage.outputTokens}`);
    return super.recordUsage(id, messageId, usage, cost);
  }
}

/**
 * What the page does with the host's posts: the composer is busy between `busy` posts, and a user who
 * presses Enter right after seeing the answer complete is ignored while it is busy (composer.ts).
 */
function pageThatSendsOnSettle(controller: () => ChatController, second: string) {
  const page = { busy: false, pressed: false, taken: undefined as Promise<ChatMessageRecord | undefined> | undefined, posts: [] as HostToWebview[] };
  const post = (m: HostToWebview): void => {
    page.posts.push(m);
    if (m.type === 'busy') page.busy = m.busy;
    if (m.type !== 'messageCompleted' || m.message.role !== 'assistant' || m.message.status !== 'complete' || page.pressed) return;
    page.pressed = true;
    // The key press is its own task, after the page handled the message that showed the answer complete.
    setTimeout(() => {
      if (!page.busy) page.taken = controller().send(second);
    }, 0);
  };
  return { page, post };
}

describe('The next question, sent as an answer settles', () => {
  const ctx = withServer('anthropic');

  it('is taken, and the first turn is recorded before it starts', async () => {
    const store = new SlowUsageStore();
    const { page, post } = pageThatSendsOnSettle(() => controller, 'And the tests?');
    const controller = backendController(ctx.server, { store, post });
    ctx.server.enqueue({ tokens: ['Plan ', 'ready.'] }, { tokens: ['Tests ', 'too.'] });

    const first = await controller.ask('backend', 'What is the plan?');
    assert.equal(first?.status, 'complete');
    assert.ok(page.taken, 'the composer took the question sent right after the answer settled');
    const second = await page.taken;
    assert.equal(second?.text, 'Tests too.');

    const id = (await store.list())[0]!.id;
    const messages = (await store.lastPage(id, 50)).messages.map((m) => `${m.role}:${m.text}`);
    assert.deepEqual(messages, ['user:What is the plan?', 'assistant:Plan ready.', 'user:And the tests?', 'assistant:Tests too.']);
    const usageWrites = store.writes.filter((w) => w.startsWith('usage'));
    const [usage1, usage2] = usageWrites;
    assert.ok(usage1 && usage2, 'both turns recorded their usage');
    assert.ok(store.writes.indexOf(usage1) < store.writes.indexOf('append user:And the tests?'), 'the first turn is recorded before the next question is stored');
    const outputs = usageWrites.map((w) => Number(w.split(' ')[1]));
    assert.equal((await store.usageTotals(id)).total?.outputTokens, outputs[0]! + outputs[1]!, 'the total holds both turns');
    assert.deepEqual(page.posts.filter((m) => m.type === 'busy').map((m) => m.type === 'busy' && m.busy), [true, false, true, false]);
  });
});
