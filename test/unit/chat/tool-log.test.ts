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
});
