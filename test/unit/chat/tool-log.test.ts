// What a tool call leaves in the log: the tool's name and outcome at info level, what it did (a command line,
// a path) only at debug level, as the README's Settings section promises.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '../../../src/core/chat/controller';
import type { Logger } from '../../../src/core/log';
import { ToolRunner } from '../../../src/core/tools/runner';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { models, providerFor, withServer } from '../providers/harness';
import { pseudo } from '../protocol/pseudo-translation';
import { backendController } from './backend-controller';

describe('chat: tool calls in the log', () => {
  const ctx = withServer('anthropic');
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tool-log-'));
    await writeFile(join(dir, 'salary-review.txt'), 'private\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('logs the tool and its outcome at info, what it did only at debug', async () => {
    const lines: { level: string; message: string }[] = [];
    const log: Logger = {
      debug: (message) => lines.push({ level: 'debug', message }),
      info: (message) => lines.push({ level: 'info', message }),
      warn: (message) => lines.push({ level: 'warn', message }),
      error: (message) => lines.push({ level: 'error', message }),
    };
    ctx.server.enqueue({ toolCalls: [{ id: 'c1', name: 'read_file', arguments: { path: 'salary-review.txt' } }] }, { tokens: ['Done.'] });
    const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: dir }]), { trusted: true });
    const controller = new ChatController({
      store: new MemoryConversationStore(),
      resolveModel: async () => ({ provider: providerFor(ctx.server), model: models.anthropic, maxTokens: 200 }),
      systemPrompt: () => 'You are @backend.',
      agents: () => [{ name: 'backend', description: 'backend' }],
      defaultAgent: () => 'backend',
      modelLabel: () => 'anthropic',
      post: () => {},
      log,
      tools: () => runner,
      preview: async () => {},
      limits: () => ({ maxToolRounds: 5, maxHandOffs: 0, contextChars: 100_000, autoApprove: { read: true, write: false } }),
    });
    const answer = await controller.ask('backend', 'read it');
    assert.equal(answer?.status, 'complete');
    const above = lines.filter((l) => l.level !== 'debug').map((l) => l.message);
    assert.ok(above.some((m) => /tool read_file: ok/.test(m)), above.join('\n'));
    assert.deepEqual(above.filter((m) => m.includes('salary-review')), []);
    assert.ok(lines.some((l) => l.level === 'debug' && l.message.includes('salary-review')));
  });

  it('stays English when the chat speaks another language: tool results, retries and a failure', async () => {
    const lines: string[] = [];
    const log: Logger = { debug: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: dir }]), { trusted: true, t: pseudo });
    const controller = (retries: number) =>
      backendController(ctx.server, {
        provider: { translate: pseudo, retry: { maxRetries: retries, baseDelayMs: 1, maxDelayMs: 1 } },
        log,
        tools: () => runner,
        limits: () => ({ maxToolRounds: 5, maxHandOffs: 0, contextChars: 100_000, autoApprove: { read: true, write: true } }),
        t: pseudo,
      });
    ctx.server.enqueue(
      { fault: { kind: 'status', status: 529 } },
      { toolCalls: [{ id: 'c1', name: 'read_file', arguments: { path: 'nothing-here.txt' } }, { id: 'c2', name: 'write_file', arguments: { path: 'new.txt', content: 'x' } }] },
      { tokens: ['Done.'] },
    );
    const answer = await controller(1).ask('backend', 'read it');
    assert.equal(answer?.status, 'complete');
    ctx.server.enqueue({ fault: { kind: 'status', status: 401 } });
    assert.equal((await controller(0).ask('backend', 'again'))?.status, 'error');
    assert.ok(lines.some((l) => /retry 1 in \d+ ms: .*HTTP 529/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /anthropic: .*401/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /tool write_file: Done: Create new\.txt/.test(l)), lines.join('\n'));
    assert.deepEqual(lines.filter((l) => /[\u0300-\u036f]|[áéíóúýçñšž]/.test(l)), [], 'no translated word in the log');
  });
});
