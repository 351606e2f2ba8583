// What crosses to the chat pages (the controller's posts through the pages' relay, extension/chat-pages.ts):
// a question and the start of its answer as one message, and an answer's many tool-call updates gathered
// into a few posts that still leave the page with every call's final state.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolCallView } from '../../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { ToolRunner } from '../../../src/core/tools/runner';
import { ChatPages } from '../../../src/extension/chat-pages';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { withServer } from '../providers/harness';
import { backendController } from './backend-controller';

class Page {
  readonly received: HostToWebview[] = [];
  postMessage(message: HostToWebview): Promise<boolean> {
    this.received.push(structuredClone(message));
    return Promise.resolve(true);
  }
}

/** The messages a page applies, in order, with the ones that crossed together taken apart. */
function applied(received: HostToWebview[]): HostToWebview[] {
  return received.flatMap((m) => (m.type === 'together' ? applied(m.messages) : [m]));
}

/** Each call's state as the page ends up with it. */
function pageCalls(received: HostToWebview[]): Map<string, ToolCallView> {
  const calls = new Map<string, ToolCallView>();
  for (const m of applied(received)) {
    if (m.type === 'toolCallUpdated') calls.set(m.toolCall.id, m.toolCall);
    if (m.type === 'toolCallsUpdated') for (const c of m.toolCalls) calls.set(c.id, c);
  }
  return calls;
}

describe('What crosses to the chat page', () => {
  const ctx = withServer('anthropic');

  function relay() {
    const pages = new ChatPages<Page>(() => Promise.reject(new Error('no snapshot here')));
    const page = new Page();
    pages.opened(page);
    const posted: HostToWebview[] = [];
    const post = (m: HostToWebview): void => {
      posted.push(structuredClone(m));
      pages.post(m);
    };
    return { page, posted, post };
  }

  it('a question crosses in one message with its answer\'s placeholder and first text', async () => {
    const { page, post } = relay();
    ctx.server.enqueue({ tokens: ['At ', 'once.'] });
    await backendController(ctx.server, { post, placeholderWaitMs: 60_000 }).ask('backend', 'Quick one?');
    const first = page.received.find((m) => m.type === 'together' || m.type === 'messageAdded' || m.type === 'textDelta');
    assert.ok(first?.type === 'together', `the question crossed alone: ${JSON.stringify(first)}`);
    const [question, placeholder, text] = first.messages;
    assert.ok(question?.type === 'messageAdded' && question.message.role === 'user' && question.message.text === 'Quick one?');
    assert.ok(placeholder?.type === 'messageAdded' && placeholder.message.role === 'assistant' && placeholder.message.status === 'streaming');
    assert.ok(text?.type === 'textDelta' && text.seq === 1 && text.messageId === placeholder.message.id);
  });

  describe('an answer with 200 tool calls', () => {
    let dir: string;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'page-posts-'));
      await writeFile(join(dir, 'a.txt'), 'alpha\n');
    });
    after(() => rm(dir, { recursive: true, force: true }));

    it('gathers the calls\' updates into far fewer posts, and the page ends with every call\'s final state', async () => {
      const { page, posted, post } = relay();
      const calls = Array.from({ length: 200 }, (_, i) => ({ id: `c${i}`, name: 'read_file', arguments: { path: 'a.txt' } }));
      ctx.server.enqueue({ toolCalls: calls }, { tokens: ['Read them all.'] });
      const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: dir }]), { trusted: true });
      const answer = await backendController(ctx.server, { post, tools: () => runner }).ask('backend', 'Read a.txt 200 times.');
      assert.equal(answer?.text, 'Read them all.');
      await new Promise((r) => setTimeout(r, 50)); // the last held updates cross
      const updates = posted.filter((m) => m.type === 'toolCallUpdated').length;
      const carrying = page.received.filter((m) => applied([m]).some((a) => a.type === 'toolCallUpdated' || a.type === 'toolCallsUpdated')).length;
      assert.ok(updates >= 1000, `the controller posted ${updates} updates`);
      assert.ok(carrying * 2 < updates, `${carrying} posts carried ${updates} updates`);
      assert.ok(applied(page.received).some((m) => m.type === 'toolCallsUpdated' && m.toolCalls.length > 1), 'several calls crossed in one message');
      const final = pageCalls(page.received);
      assert.equal(final.size, 200);
      assert.deepEqual([...final.keys()], calls.map((c) => c.id), 'the calls reach the page in the order they started');
      for (const call of final.values()) assert.equal(call.status, 'done', `${call.id} is ${call.status}`);
      // Nothing crosses out of order: the answer's completion comes after its calls' last states.
      const order = applied(page.received);
      const lastCall = order.length - 1 - [...order].reverse().findIndex((m) => m.type === 'toolCallUpdated' || m.type === 'toolCallsUpdated');
      const firstRoundDone = order.findIndex((m) => m.type === 'messageCompleted' && (m.message.toolCalls?.length ?? 0) > 0);
      assert.ok(lastCall < firstRoundDone, 'the round completed after its calls were shown');
    });
  });
});
