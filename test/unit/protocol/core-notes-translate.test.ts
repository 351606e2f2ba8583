// The notes core writes for the chat are in the user's language: why an attachment was cut or left out, how an
// answer ended (a refusal, the round limit, a summary that could not be made, a cancelled request, a failure), what
// Undo did. End to end through the controller and the fake Anthropic server with a pseudo-translation; what the
// model reads stays English.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAttachments } from '../../../src/core/attachments/resolve';
import { modelContext } from '../../../src/core/chat/model-context';
import type { ChatMessageRecord } from '../../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { complete } from '../../../src/core/providers/complete';
import { ProviderError } from '../../../src/core/providers/errors';
import type { ChatProvider } from '../../../src/core/providers/types';
import { undoChanges } from '../../../src/core/tools/changes';
import { ToolRunner } from '../../../src/core/tools/runner';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { providerFor, withServer } from '../providers/harness';
import { call } from '../tools/helpers';
import { backendController } from '../chat/backend-controller';
import { englishLeft, pseudo } from './pseudo-translation';

describe("core's notes for the chat go through the translator", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'core-notes-'));
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i}`);
    await writeFile(join(dir, 'a.txt'), `${'y'.repeat(3000)}\n${lines.join('\n')}\n`);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('attachment notes: cut, left out, missing, outside, nothing to attach', async () => {
    const fs = new NodeToolFileSystem([{ name: 'ws', path: dir }]);
    const refs = [
      { kind: 'file' as const, path: 'a.txt' },
      { kind: 'file' as const, path: 'gone.txt' },
      { kind: 'file' as const, path: '../outside.txt' },
      { kind: 'selection' as const, path: 'a.txt', range: { startLine: 900, endLine: 901 } },
      { kind: 'problems' as const },
      { kind: 'terminal' as const },
      { kind: 'file' as const, path: 'a.txt' },
    ];
    const limits = { maxChars: 600, maxLineChars: 100, maxFileBytes: 1_000_000, totalChars: 1_000 };
    const shown = await resolveAttachments(refs, { fs, secrets: {}, t: pseudo, locale: 'de' }, limits);
    const english = await resolveAttachments(refs, { fs, secrets: {} }, limits);
    const data = ['a.txt', 'gone.txt', '../outside.txt'];
    for (const [i, record] of shown.entries()) {
      assert.ok(record.shownNote, `item ${i} has a note (${record.note})`);
      assert.deepEqual(englishLeft(record.shownNote, data), [], `item ${i}: ${record.shownNote}`);
      assert.equal(record.note, english[i]!.note, 'the model reads the same English');
    }
    assert.match(shown.at(-1)!.shownNote!, /1\.000/, 'the limit is written as German writes it');
  });

  describe('through the controller', () => {
    const ctx = withServer('anthropic');
    const posted: HostToWebview[] = [];
    function controller(store = new MemoryConversationStore(), window = 200_000) {
      const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: dir }]), { trusted: true, t: pseudo });
      const provider = providerFor(ctx.server, { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
      return backendController(ctx.server, {
        store,
        resolveModel: async () => ({ provider, model: 'claude-sonnet-4-6', maxTokens: 100, facts: { contextWindow: window } }),
        post: (m) => void posted.push(m),
        tools: () => runner,
        limits: () => ({ maxToolRounds: 1, maxHandOffs: 0, contextChars: 400_000, autoApprove: { read: true, write: true }, compaction: { threshold: 0.8 } }),
        t: pseudo,
      });
    }

    it("a conversation's titles before it has its own: new, renamed to nothing", async () => {
      const store = new MemoryConversationStore();
      const chat = controller(store);
      await chat.newChat();
      const [fresh] = await store.list();
      assert.deepEqual(englishLeft(fresh?.title ?? 'missing'), [], fresh?.title);
      await chat.renameConversation(fresh!.id, '   ');
      const [renamed] = await store.list();
      assert.deepEqual(englishLeft(renamed?.title ?? 'missing'), [], renamed?.title);
    });

    it('a message to an agent that does not exist', async () => {
      await controller().send('@nobody hello');
      const error = posted.find((m): m is Extract<HostToWebview, { type: 'error' }> => m.type === 'error')?.error;
      assert.deepEqual(englishLeft(`${error?.message ?? 'missing'} ${error?.hint ?? 'missing'}`, ['@nobody', '@backend']), [], JSON.stringify(error));
    });

    it('a refusal, the round limit and its calls not run', async () => {
      ctx.server.enqueue({ tokens: ['I started'], vendorStopReason: 'refusal' });
      const refused = await controller().ask('backend', 'Tell me');
      assert.deepEqual(englishLeft(refused?.notice ?? 'missing'), [], refused?.notice);
      ctx.server.setDefault({ toolCalls: [{ name: 'list_directory', arguments: {} }] });
      const looped = await controller().ask('backend', 'loop');
      ctx.server.setDefault({ tokens: ['ok'] });
      assert.deepEqual(englishLeft(looped?.notice ?? 'missing', ['agentChat.maxToolRounds']), [], looped?.notice);
      const notRun = looped?.toolCalls?.find((c) => c.status === 'cancelled');
      assert.deepEqual(englishLeft(notRun?.summary ?? 'missing'), [], notRun?.summary);
      assert.equal(notRun?.result, 'Not run: the tool round limit was reached.', 'the model reads English');
    });

    it('the note when no summary could be made, and Undo', async () => {
      const store = new MemoryConversationStore();
      const chat = controller(store, 2000);
      const long = (i: number) => ({ tokens: [`answer ${i} `, 'z'.repeat(2400)] });
      ctx.server.enqueue(long(1), long(2), long(3));
      for (const i of [1, 2, 3]) await chat.ask('backend', `question ${i}`);
      ctx.server.enqueue({ tokens: ['   '] }, { toolCalls: [{ name: 'write_file', arguments: { path: 'b.txt', content: 'b' } }] }, { tokens: ['written'] });
      const answer = await chat.ask('backend', 'question 4');
      assert.deepEqual(englishLeft(answer?.notice ?? 'missing'), [], answer?.notice);
      await writeFile(join(dir, 'b.txt'), 'changed by the user');
      const undone = await chat.undo(answer!.id);
      assert.ok(undone);
      const [after] = (await store.lastPage((await store.list())[0]!.id, 1)).messages;
      assert.deepEqual(englishLeft(after?.notice ?? 'missing', ['b.txt']), [], after?.notice);
    });
  });

  it('a cancelled request, and an undo reason', async () => {
    const cancelling: ChatProvider = {
      id: 'anthropic',
      async *stream() {
        yield { type: 'done', stopReason: 'cancelled' };
      },
      listModels: async () => [],
    };
    const error = await complete(cancelling, { model: 'm', system: '', messages: [], maxTokens: 1 }, new AbortController().signal, pseudo).catch((e: unknown) => e);
    assert.ok(error instanceof ProviderError);
    assert.deepEqual(englishLeft(error.message), [], error.message);
    const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: dir }]), { trusted: true });
    const r = await call(runner, 'write_file', { path: 'c.txt', content: 'c' });
    await writeFile(join(dir, 'c.txt'), 'edited since');
    const result = await undoChanges(new NodeToolFileSystem([{ name: 'ws', path: dir }]), [r.change!], { t: pseudo });
    assert.deepEqual(englishLeft(result.conflicts[0]?.reason ?? 'missing'), [], result.conflicts[0]?.reason);
  });

  it("a teammate's tool calls reach the next agent in the model's English, not the chat's words", () => {
    const summary = pseudo('Read {0} (lines {1}-{2} of {3})', 'a.txt', 1, 2, 2);
    const messages = [
      { id: 'u1', role: 'user', author: 'user', text: 'look', status: 'complete', createdAt: 0 },
      { id: 'a1', role: 'assistant', author: 'qa', text: 'Looked.', status: 'complete', createdAt: 1,
        toolCalls: [{ id: 'c1', name: 'read_file', argumentsText: '{}', status: 'done', summary, result: 'a.txt (lines 1-2 of 2):\n1\tx' }] },
    ] as ChatMessageRecord[];
    const told = modelContext(messages, 'backend').map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
    assert.match(told, /- read_file: a\.txt \(lines 1-2 of 2\): \(done\)/);
    assert.ok(!told.includes(summary), told);
  });
});
