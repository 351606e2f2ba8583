// The agent turn loop end to end in Node, on each vendor's wire format: tool calls run on a real
// temporary folder, their results go back to the model, hand-offs are offered and run when asked, approvals gate writes.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '../../../src/core/chat/controller';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { silentLogger } from '../../../src/core/log';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { ToolRunner } from '../../../src/core/tools/runner';
import type { Vendor } from '../../fakes/script';
import { models, providerFor, vendors, withServer } from '../providers/harness';

const team = ['orchestrator', 'backend', 'qa'].map((name) => ({ name, description: name }));

/** Generous deadline for something that happens in milliseconds, so a busy machine does not fail the test. */
const deadlineMs = 10_000;

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.ok(check(), `timed out waiting for ${what}`);
}

/** `promise`, or a failure naming `what` if it has not settled by the deadline (a lost event would hang). */
async function settles<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} never came`)), deadlineMs)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise the test settles itself. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

for (const vendor of vendors) {
  describe(`agent loop over ${vendor}`, () => {
    const ctx = withServer(vendor);
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'agent-loop-'));
      await writeFile(join(dir, 'a.txt'), 'alpha\n');
      await writeFile(join(dir, 'b.txt'), 'beta\n');
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    function setup(limits: Partial<{ maxToolRounds: number; maxHandOffs: number; write: boolean; previewOpens: Promise<void> }> = {}) {
      const posts: HostToWebview[] = [];
      const previews: string[] = [];
      const previewsStarted: string[] = [];
      const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: dir }]), { trusted: true });
      const controller = new ChatController({
        store: new MemoryConversationStore(),
        resolveModel: async () => ({ provider: providerFor(ctx.server), model: models[vendor as Vendor], maxTokens: 200 }),
        systemPrompt: (agent, tools) => `You are @${agent}. Tools: ${tools.join(',')}`,
        agents: () => team,
        defaultAgent: () => 'orchestrator',
        modelLabel: () => vendor,
        post: (m) => posts.push(structuredClone(m)),
        log: silentLogger,
        tools: () => runner,
        preview: async (r) => {
          previewsStarted.push(r.summary);
          await limits.previewOpens;
          previews.push(r.summary);
        },
        limits: () => ({
          maxToolRounds: limits.maxToolRounds ?? 10,
          maxHandOffs: limits.maxHandOffs ?? 3,
          contextChars: 100_000,
          autoApprove: { read: true, write: limits.write ?? false },
        }),
      });
      const awaiting = () =>
        posts.flatMap((p) => (p.type === 'toolCallUpdated' && p.toolCall.status === 'awaitingApproval' ? [p.toolCall.id] : []));
      return { posts, previews, previewsStarted, controller, awaiting };
    }

    /** The tool results (as text) in the request the server received. */
    function toolResultsSent(index: number): string[] {
      const body = ctx.server.chatRequests()[index]?.body as { messages: Record<string, unknown>[] };
      const out: string[] = [];
      for (const m of body.messages) {
        if (m.role === 'tool') out.push(String(m.content));
        if (Array.isArray(m.content)) for (const b of m.content as Record<string, unknown>[]) if (b.type === 'tool_result') out.push(String(b.content));
      }
      return out;
    }

    it('runs several tool calls, returns their results, and the agent finishes', async () => {
      ctx.server.enqueue(
        { tokens: ['Reading both.'], toolCalls: [{ id: 'c1', name: 'read_file', arguments: { path: 'a.txt' } }, { id: 'c2', name: 'read_file', arguments: { path: 'b.txt' } }] },
        { tokens: ['a says alpha, b says beta.'] },
      );
      const { controller } = setup();
      const answer = await controller.ask('backend', 'What do a.txt and b.txt say?');
      assert.equal(answer?.status, 'complete');
      assert.equal(answer?.text, 'a says alpha, b says beta.');
      assert.equal(ctx.server.chatRequests().length, 2);
      const results = toolResultsSent(1);
      assert.equal(results.length, 2);
      assert.match(results[0]!, /alpha/);
      assert.match(results[1]!, /beta/);
      // Tools were offered to the model.
      assert.ok(JSON.stringify(ctx.server.chatRequests()[0]?.body).includes('read_file'));
    });

    it('bad arguments from the model become a tool error the model sees, not a crash', async () => {
      ctx.server.enqueue({ toolCalls: [{ id: 'c1', name: 'read_file', arguments: { file: 'a.txt' } }] }, { tokens: ['Sorry.'] });
      const answer = await setup().controller.ask('backend', 'read it');
      assert.equal(answer?.status, 'complete');
      assert.match(toolResultsSent(1)[0]!, /Invalid arguments for read_file/);
    });

    it('stops after the round limit without running more tools', async () => {
      ctx.server.setDefault({ toolCalls: [{ name: 'list_directory', arguments: {} }] });
      const answer = await setup({ maxToolRounds: 2 }).controller.ask('backend', 'loop forever');
      assert.equal(ctx.server.chatRequests().length, 3);
      assert.match(answer?.notice ?? '', /Stopped after 2 tool rounds/);
      assert.equal(answer?.toolCalls?.[0]?.status, 'cancelled');
    });

    it('a write waits for approval; Approve applies it and Undo restores the file', async () => {
      ctx.server.enqueue({ toolCalls: [{ id: 'w1', name: 'edit_file', arguments: { path: 'a.txt', oldText: 'alpha', newText: 'ALPHA' } }] }, { tokens: ['Edited.'] });
      const { controller, awaiting, previews } = setup();
      const pending = controller.ask('backend', 'Shout alpha');
      await until(() => awaiting().length > 0, 'the approval request');
      assert.equal(await readFile(join(dir, 'a.txt'), 'utf8'), 'alpha\n', 'nothing changes before approval');
      assert.deepEqual(previews, ['Edit a.txt (replace 1 line with 1 line)']);
      controller.approvals.decide(awaiting()[0]!, { approved: true });
      const answer = await pending;
      assert.equal(await readFile(join(dir, 'a.txt'), 'utf8'), 'ALPHA\n');
      assert.equal(answer?.undoableChanges, 1);
      const undone = await controller.undo(answer!.id);
      assert.deepEqual(undone?.restored, ['a.txt']);
      assert.equal(await readFile(join(dir, 'a.txt'), 'utf8'), 'alpha\n');
    });

    it('an Approve clicked while the diff is still opening counts', async () => {
      ctx.server.enqueue({ toolCalls: [{ id: 'w1', name: 'write_file', arguments: { path: 'b.txt', content: 'fast\n' } }] }, { tokens: ['Written.'] });
      // The diff stays "opening" until the test lets it finish, after the answer is in.
      const diffOpened = deferred();
      const { controller, awaiting, previews, previewsStarted } = setup({ previewOpens: diffOpened.promise });
      const pending = controller.ask('backend', 'Overwrite b');
      await until(() => awaiting().length > 0 && previewsStarted.length > 0, 'the approval request and the diff starting to open');
      controller.approvals.decide(awaiting()[0]!, { approved: true });
      const answer = await settles(pending, 'the answer after an Approve given while the diff was opening');
      assert.deepEqual(previews, [], 'the diff had not opened yet when the user decided');
      diffOpened.resolve();
      assert.equal(answer?.text, 'Written.');
      assert.equal(await readFile(join(dir, 'b.txt'), 'utf8'), 'fast\n');
    });

    it('Reject leaves the file unchanged and tells the model why', async () => {
      ctx.server.enqueue({ toolCalls: [{ id: 'w1', name: 'write_file', arguments: { path: 'b.txt', content: 'gone' } }] }, { tokens: ['Understood.'] });
      const { controller, awaiting } = setup();
      const pending = controller.ask('backend', 'Overwrite b');
      await until(() => awaiting().length > 0, 'the approval request');
      controller.approvals.decide(awaiting()[0]!, { approved: false, reason: 'keep b as it is' });
      await pending;
      assert.equal(await readFile(join(dir, 'b.txt'), 'utf8'), 'beta\n');
      assert.match(toolResultsSent(1)[0]!, /rejected.*keep b as it is/s);
    });

    it('Stop while a change waits for approval runs nothing more and sends nothing more', async () => {
      ctx.server.enqueue({ toolCalls: [{ id: 'w1', name: 'write_file', arguments: { path: 'new.txt', content: 'x' } }, { id: 'r1', name: 'read_file', arguments: { path: 'a.txt' } }] });
      const { controller, awaiting } = setup();
      const pending = controller.ask('backend', 'Make a file');
      await until(() => awaiting().length > 0, 'the approval request');
      await controller.stop();
      const answer = await pending;
      assert.equal(answer?.status, 'interrupted');
      assert.deepEqual(answer?.toolCalls?.map((c) => c.status), ['rejected', 'cancelled']);
      assert.equal(ctx.server.chatRequests().length, 1);
      await assert.rejects(readFile(join(dir, 'new.txt')));
    });

    it('offers a hand-off from an explicit last line, runs it only when asked, and never hands back in a loop', async () => {
      ctx.server.enqueue(
        { tokens: ['Plan: one step.\n→ @backend: read a.txt and report'] },
        { tokens: ['Done.\n→ @orchestrator: review my report'] },
      );
      const { posts, controller } = setup();
      const first = await controller.ask('orchestrator', 'Check a.txt');
      assert.equal(first?.author, 'orchestrator');
      assert.deepEqual(first?.handOff, { agent: 'backend', task: 'read a.txt and report', state: 'offered' });
      assert.equal(ctx.server.chatRequests().length, 1, 'nothing runs before the user says so');
      await controller.runHandOff(first!.id);
      assert.equal(ctx.server.chatRequests().length, 2);
      const second = JSON.stringify(ctx.server.chatRequests()[1]?.body);
      assert.ok(second.includes('You are @backend'));
      assert.ok(second.includes('@orchestrator answered'));
      const completed = posts.flatMap((p) => (p.type === 'messageCompleted' ? [p.message] : []));
      const backend = completed.filter((m) => m.author === 'backend').at(-1);
      assert.equal(backend?.handedOffBy, 'orchestrator');
      assert.equal(backend?.handOff, undefined, 'no hand back to @orchestrator, already in the chain');
      assert.equal(completed.filter((m) => m.id === first!.id).at(-1)?.handOff?.state, 'accepted');
      await controller.runHandOff(first!.id);
      assert.equal(ctx.server.chatRequests().length, 2, 'an offer runs once');
    });

    it('a mention in prose offers nothing, and a dismissed offer does not run', async () => {
      ctx.server.enqueue({ tokens: ['Ask **@qa** to cover the 400 and 500 paths'] }, { tokens: ['Fine.\n→ @qa: cover the 400 path'] });
      const { controller } = setup();
      const prose = await controller.ask('backend', 'Add the endpoint');
      assert.equal(prose?.handOff, undefined);
      const offered = await controller.ask('backend', 'And now?');
      assert.equal(offered?.handOff?.state, 'offered');
      await controller.dismissHandOff(offered!.id);
      await controller.runHandOff(offered!.id);
      assert.equal(ctx.server.chatRequests().length, 2);
    });
  });
}
