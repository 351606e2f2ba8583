// Compaction: the request limit from the window and threshold, old tool results elided first (oldest
// first, the latest round kept), then a summary by a model call, and trimming when that call fails.
import assert from 'node:assert/strict';
import { elideToolResults, estimateTokens, fitContext, requestLimit } from '../../../src/core/chat/compaction';
import { ChatController } from '../../../src/core/chat/controller';
import { modelContext } from '../../../src/core/chat/model-context';
import { silentLogger } from '../../../src/core/log';
import type { ChatMessageRecord } from '../../../src/core/protocol/chat-message';
import type { ChatMessage } from '../../../src/core/providers/types';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { providerFor, withServer } from '../providers/harness';

const big = (tag: string) => `${tag} ${'x'.repeat(4000)}`;

function toolLoop(rounds: number): ChatMessage[] {
  const out: ChatMessage[] = [{ role: 'user', content: 'go' }];
  for (let i = 1; i <= rounds; i++) {
    out.push({ role: 'assistant', content: '', toolCalls: [{ id: `t${i}`, name: 'read_file', arguments: { path: `f${i}` } }] });
    out.push({ role: 'tool', toolCallId: `t${i}`, toolName: 'read_file', content: big(`file${i}`) });
  }
  return out;
}

describe('compaction', () => {
  it('limits a request to the threshold\'s share of the window, leaving room for the answer', () => {
    assert.equal(requestLimit({ facts: { contextWindow: 100_000 }, maxTokens: 4000 }, { threshold: 0.8 }, 400_000), 80_000);
    assert.equal(requestLimit({ facts: { contextWindow: 10_000 }, maxTokens: 4000 }, { threshold: 0.8 }, 400_000), 6000);
    assert.equal(requestLimit({ maxTokens: 1000 }, { threshold: 0.5 }, 400_000), 50_000, 'unknown window: contextCharacters / 4');
    assert.equal(requestLimit({ facts: { contextWindow: 100_000 }, maxTokens: 10 }, { threshold: 7 }, 400_000), 80_000, 'a nonsense threshold means the default');
  });

  it('elides the oldest tool results first, only as many as needed, and never the latest round', () => {
    const context = toolLoop(4);
    const whole = estimateTokens(context);
    const { messages, elided } = elideToolResults(context, 0, whole - 1500);
    assert.equal(elided, 2);
    const tools = messages.filter((m): m is Extract<ChatMessage, { role: 'tool' }> => m.role === 'tool');
    assert.match(tools[0]!.content, /^\[Earlier result of read_file left out .*began: "file1 x/);
    assert.match(tools[1]!.content, /^\[Earlier result of read_file left out/);
    assert.match(tools[2]!.content, /^file3 x/);
    const all = elideToolResults(context, 0, 10);
    assert.equal(all.elided, 3, 'the latest result stays even when nothing fits');
    assert.ok(estimateTokens(fitContext(context, 0, 1200)) <= 1200 + 50, 'trimming takes over when eliding is not enough');
  });

  it('gives the model the latest summary and what follows it, and keeps tool results capped', () => {
    const messages: ChatMessageRecord[] = [
      { id: 'u1', role: 'user', author: 'user', text: 'old question', status: 'complete', createdAt: 1 },
      { id: 'a1', role: 'assistant', author: 'backend', text: 'old answer', status: 'complete', createdAt: 2 },
      { id: 's1', role: 'assistant', author: 'backend', text: '', status: 'complete', createdAt: 3, compaction: { summary: 'SUMMARY-1', upTo: 'a1', messages: 2 } },
      { id: 'u2', role: 'user', author: 'user', text: 'new question', status: 'complete', createdAt: 4 },
      { id: 'a2', role: 'assistant', author: 'backend', text: '', status: 'complete', createdAt: 5, toolCalls: [{ id: 'c', name: 'run', argumentsText: '{}', status: 'done', result: 'y'.repeat(300_000) }] },
    ];
    const context = modelContext(messages, 'backend');
    assert.deepEqual(context.slice(0, 2).map((m) => m.content.replace(/\n[\s\S]*/, '')), ['[Summary of the earlier conversation, which was condensed to fit the model\'s context]', 'new question']);
    assert.match(context[0]!.content, /SUMMARY-1$/);
    assert.ok(!JSON.stringify(context).includes('old question'));
    assert.ok(context.at(-1)!.content.length < 110_000, 'one huge tool result is capped');
  });

  it('caps an attached item with the same capper as tool results, keeping the question and the attachment\'s head and tail', () => {
    const content = `HEAD\n${'line of a huge log\n'.repeat(15_000)}TAIL`;
    const question: ChatMessageRecord = {
      id: 'u1', role: 'user', author: 'user', text: 'why does it fail?', status: 'complete', createdAt: 1,
      attachments: [{ kind: 'terminal', label: 'npm test', content }],
    };
    const [turn] = modelContext([question], 'backend');
    assert.ok(content.length > 250_000 && turn!.content.length < 110_000, `capped to ${turn!.content.length} characters`);
    assert.match(turn!.content, /^why does it fail\?\n\nAttached terminal output: npm test\n```\nHEAD\n/);
    assert.match(turn!.content, /lines \([\d.,]+ \w+\) left out/);
    assert.match(turn!.content, /TAIL\n```$/);
    const small = modelContext([{ ...question, attachments: [{ kind: 'file', label: 'a.ts', content: 'const a = 1;' }] }], 'backend');
    assert.match(small[0]!.content, /\nconst a = 1;\n```$/, 'a small item is sent whole');
  });

  describe('in the controller', () => {
    const ctx = withServer('anthropic');

    function setup(window: number) {
      const store = new MemoryConversationStore();
      const controller = new ChatController({
        store,
        resolveModel: async () => ({ provider: providerFor(ctx.server, { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } }), model: 'claude-sonnet-4-6', maxTokens: 100, facts: { contextWindow: window } }),
        systemPrompt: (agent) => `You are @${agent}.`,
        agents: () => [{ name: 'backend', description: 'b' }],
        defaultAgent: () => 'backend',
        modelLabel: () => 'fake',
        post: () => {},
        log: silentLogger,
        limits: () => ({ maxToolRounds: 5, maxHandOffs: 0, contextChars: 400_000, autoApprove: { read: true, write: false }, compaction: { threshold: 0.8 } }),
      });
      return { store, controller };
    }

    const text = (i: number) => ({ tokens: [`answer ${i} `, 'z'.repeat(2400)] });

    it('summarizes the older turns once the next request would pass the threshold, and sends the summary instead', async () => {
      const { controller } = setup(2000);
      ctx.server.enqueue(text(1), text(2), text(3));
      for (const i of [1, 2, 3]) await controller.ask('backend', `question ${i}`);
      assert.equal(ctx.server.chatRequests().length, 3, 'no compaction while it fits');
      ctx.server.enqueue({ tokens: ['SUMMARY: three questions were answered.'] }, { tokens: ['fourth answer'] });
      const answer = await controller.ask('backend', 'question 4');
      assert.equal(answer?.text, 'fourth answer');
      const [summaryCall, next] = ctx.server.chatRequests().slice(3).map((r) => JSON.stringify(r.body));
      assert.match(summaryCall!, /answer 3/, 'the summarizer read the conversation');
      assert.match(next!, /SUMMARY: three questions were answered\./);
      assert.ok(!next!.includes('answer 1 '), 'the summarized turns are not sent again');
      assert.ok(next!.length / 4 < 0.8 * 2000, `the request is under the threshold: ${next!.length / 4}`);
    });

    it('falls back to trimming with a note when the summary call fails, never an error', async () => {
      const { controller } = setup(2000);
      ctx.server.enqueue(text(1), text(2), text(3));
      for (const i of [1, 2, 3]) await controller.ask('backend', `question ${i}`);
      ctx.server.enqueue({ fault: { kind: 'status', status: 500 } }, { tokens: ['still answered'] });
      const answer = await controller.ask('backend', 'question 4');
      assert.equal(answer?.status, 'complete');
      assert.equal(answer?.text, 'still answered');
      assert.match(answer?.notice ?? '', /could not be summarized/);
      const last = JSON.stringify(ctx.server.chatRequests().at(-1)!.body);
      assert.match(last, /earlier messages were left out/);
    });

    it('compacts on request (the Compact Conversation command), and a reload sends the same context', async () => {
      const { controller, store } = setup(200_000);
      ctx.server.enqueue(text(1), { tokens: ['SUMMARY-ON-REQUEST'] });
      await controller.ask('backend', 'question 1');
      assert.equal(await controller.compactNow(), true);
      const [conversation] = await store.list();
      const stored = (await store.lastPage(conversation!.id, 50)).messages;
      assert.equal(stored.at(-1)?.compaction?.summary, 'SUMMARY-ON-REQUEST');
      assert.equal(stored.at(-1)?.compaction?.messages, 2);
      // What a reload reads back from the history is what the model gets.
      const context = modelContext(stored, 'backend');
      assert.equal(context.length, 1);
      assert.match(context[0]!.content, /SUMMARY-ON-REQUEST/);
    });
  });
});
