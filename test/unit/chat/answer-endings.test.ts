// How the chat settles an answer that did not simply finish, end to end through the controller, the real
// SDKs and the fake servers: a failure mid-stream keeps its text, a refusal or a full context window says
// so, a paused turn resumes, reasoning stays out of the answer and goes back on the next round, and an
// Ollama model without tools answers anyway with a note.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '../../../src/core/chat/controller';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { silentLogger } from '../../../src/core/log';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { ToolRunner } from '../../../src/core/tools/runner';
import type { Reply, Vendor } from '../../fakes/script';
import { thinkingSignature } from '../../fakes/wire';
import { models, providerFor, vendors, withServer } from '../providers/harness';

type Server = ReturnType<typeof withServer>;

function controllerFor(ctx: Server, vendor: Vendor, dir: string, model = models[vendor], posted: HostToWebview[] = []): ChatController {
  const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: dir }]), { trusted: true });
  return new ChatController({
    store: new MemoryConversationStore(),
    resolveModel: async () => ({ provider: providerFor(ctx.server), model, maxTokens: 200 }),
    systemPrompt: (agent) => `You are @${agent}.`,
    agents: () => [{ name: 'backend', description: 'backend' }],
    defaultAgent: () => 'backend',
    modelLabel: () => vendor,
    post: (m) => void posted.push(m),
    log: silentLogger,
    tools: () => runner,
    limits: () => ({ maxToolRounds: 3, maxHandOffs: 0, contextChars: 100_000, autoApprove: { read: true, write: false } }),
  });
}

/** The messages of the n-th chat request the server received. */
function sentMessages(ctx: Server, n: number): Record<string, unknown>[] {
  return (ctx.server.chatRequests()[n]?.body as { messages: Record<string, unknown>[] }).messages;
}

const endings: [Vendor, string, RegExp][] = [
  ['anthropic', 'refusal', /declined to answer/],
  ['anthropic', 'model_context_window_exceeded', /filled the model's context window/],
  ['anthropic', 'a_reason_from_the_future', /does not know \(a_reason_from_the_future\)/],
  ['openai', 'content_filter', /content filter stopped this answer/],
  ['ollama', 'unload', /does not know \(unload\)/],
];

for (const vendor of vendors) {
  describe(`answer endings over ${vendor}`, () => {
    const ctx = withServer(vendor, { modelsWithoutTools: ['qwen2.5-coder'] });
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'answer-endings-'));
      await writeFile(join(dir, 'a.txt'), 'alpha\n');
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));
    const ask = (reply: Reply, model?: string) => {
      ctx.server.enqueue(reply);
      return controllerFor(ctx, vendor, dir, model).ask('backend', 'Tell me');
    };

    it('an error inside the stream leaves an error state with the partial text', async () => {
      const answer = await ask({ tokens: ['Half ', 'an ', 'answer'], streamError: { afterTokens: 2 } });
      assert.equal(answer?.status, 'error');
      assert.equal(answer?.text, 'Half an ');
      assert.equal(answer?.error?.kind, 'overloaded');
      assert.match(answer?.error?.message ?? '', /in the middle of the answer/);
    });

    for (const [v, reason, note] of endings.filter((e) => e[0] === vendor)) {
      it(`an answer ending with ${reason} says so under the kept text`, async () => {
        const answer = await ask({ tokens: ['I started'], vendorStopReason: reason });
        assert.equal(answer?.text, 'I started', v);
        assert.match(answer?.notice ?? '', note);
      });
    }

    it('an ordinary answer has no note, and reasoning never reaches its text', async () => {
      const answer = await ask({ thinking: ['secret ', 'scratchpad'], tokens: ['Plain answer.'] });
      assert.equal(answer?.status, 'complete');
      assert.equal(answer?.text, 'Plain answer.');
      assert.equal(answer?.notice, undefined);
    });
  });
}

describe('answer endings: vendor-specific rounds', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'answer-endings-'));
    await writeFile(join(dir, 'a.txt'), 'alpha\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  describe('anthropic', () => {
    const ctx = withServer('anthropic');

    it('pause_turn resumes: the paused answer goes back as the last turn and the agent goes on', async () => {
      ctx.server.enqueue({ tokens: ['Working on it... '], vendorStopReason: 'pause_turn' }, { tokens: ['Finished.'] });
      const answer = await controllerFor(ctx, 'anthropic', dir).ask('backend', 'Long task');
      assert.equal(answer?.text, 'Finished.');
      assert.equal(ctx.server.chatRequests().length, 2);
      assert.deepEqual(sentMessages(ctx, 1).at(-1), { role: 'assistant', content: [{ type: 'text', text: 'Working on it...' }] });
    });

    it('thinking blocks stay out of the text and go back, signed and first, on the tool round', async () => {
      ctx.server.enqueue(
        { thinking: ['I should ', 'read a.txt.'], redactedThinking: 'RedactedOpaqueData==', toolCalls: [{ id: 'toolu_r1', name: 'read_file', arguments: { path: 'a.txt' } }] },
        { tokens: ['It says alpha.'] },
      );
      const posted: HostToWebview[] = [];
      const controller = controllerFor(ctx, 'anthropic', dir, models.anthropic, posted);
      const answer = await controller.ask('backend', 'What is in a.txt?');
      assert.equal(answer?.status, 'complete', answer?.error?.message);
      assert.equal(answer?.text, 'It says alpha.');
      // Kept for the model, never sent to the page: not while streaming, nor in a snapshot.
      posted.push(await controller.snapshot());
      for (const m of posted) assert.ok(!JSON.stringify(m).includes('I should read a.txt.') && !JSON.stringify(m).includes('RedactedOpaqueData'), `${m.type} carries no reasoning`);
      const assistant = sentMessages(ctx, 1)[1] as { role: string; content: Record<string, unknown>[] };
      assert.equal(assistant.role, 'assistant');
      assert.deepEqual(assistant.content.slice(0, 2), [
        { type: 'thinking', thinking: 'I should read a.txt.', signature: thinkingSignature('I should read a.txt.') },
        { type: 'redacted_thinking', data: 'RedactedOpaqueData==' },
      ]);
      assert.equal(assistant.content[2]?.type, 'tool_use');
    });
  });

  describe('ollama', () => {
    const ctx = withServer('ollama', { modelsWithoutTools: ['qwen2.5-coder'] });

    it('a model without tool support answers without tools, with a note saying so', async () => {
      ctx.server.enqueue({ tokens: ['From memory: alpha?'] });
      const answer = await controllerFor(ctx, 'ollama', dir, 'qwen2.5-coder').ask('backend', 'What is in a.txt?');
      assert.equal(answer?.status, 'complete', answer?.error?.message);
      assert.equal(answer?.text, 'From memory: alpha?');
      assert.match(answer?.notice ?? '', /does not support tools/);
    });
  });
});
