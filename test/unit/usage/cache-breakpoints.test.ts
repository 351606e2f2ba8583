// Anthropic prompt caching: at most four breakpoints on the right blocks, and a prefix that stays
// byte-identical through a tool loop, so each round re-reads the previous one from the cache.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '../../../src/core/chat/controller';
import { silentLogger } from '../../../src/core/log';
import { toAnthropicParams } from '../../../src/core/providers/anthropic';
import type { ChatMessage } from '../../../src/core/providers/types';
import { ToolRunner } from '../../../src/core/tools/runner';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { providerFor, withServer } from '../providers/harness';

type Body = { system?: unknown; tools?: unknown[]; messages: { role: string; content: Record<string, unknown>[] }[] };

/** Paths of the blocks that carry cache_control. */
function breakpoints(body: Body): string[] {
  const out: string[] = [];
  (body.tools ?? []).forEach((t, i) => 'cache_control' in (t as object) && out.push(`tools.${i}`));
  if (Array.isArray(body.system)) body.system.forEach((b, i) => 'cache_control' in (b as object) && out.push(`system.${i}`));
  body.messages.forEach((m, i) => m.content.forEach((b, j) => 'cache_control' in b && out.push(`messages.${i}.${j}`)));
  return out;
}

/** The body without its breakpoints: what must stay the same from one request to the next. */
const unmarked = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'cache_control' ? undefined : v)));

describe('prompt cache breakpoints', () => {
  const tools = [1, 2, 3].map((i) => ({ name: `tool_${i}`, description: 'd', inputSchema: { type: 'object' } }));
  const loop: ChatMessage[] = [
    { role: 'user', content: 'q1' },
    { role: 'assistant', content: 'a1' },
    { role: 'user', content: 'q2' },
    { role: 'assistant', content: '', toolCalls: [{ id: 't1', name: 'tool_1', arguments: {} }] },
    { role: 'tool', toolCallId: 't1', toolName: 'tool_1', content: 'r1' },
  ];

  it('marks the last tool, the system prompt and the last two user turns: four in all', () => {
    const params = toAnthropicParams({ model: 'claude-sonnet-4-6', system: 'S', tools, messages: loop, maxTokens: 10 }) as unknown as Body;
    assert.deepEqual(breakpoints(params), ['tools.2', 'system.0', 'messages.2.0', 'messages.4.0']);
  });

  it('uses the freed breakpoints on turns when there are no tools or system prompt, never more than four', () => {
    const params = toAnthropicParams({ model: 'claude-sonnet-4-6', messages: loop, maxTokens: 10 }) as unknown as Body;
    assert.deepEqual(breakpoints(params), ['messages.2.0', 'messages.4.0']);
    assert.deepEqual(breakpoints(toAnthropicParams({ model: 'm', messages: loop, maxTokens: 10 }, false) as unknown as Body), []);
  });

  describe('through a tool loop on the fake server', () => {
    const ctx = withServer('anthropic');
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cache-loop-'));
      await writeFile(join(dir, 'a.txt'), 'alpha beta gamma delta\n'.repeat(500));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('keeps system and tools byte-identical, grows the messages as a prefix, and re-reads the cache each round', async () => {
      const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: dir }]), { trusted: true });
      const controller = new ChatController({
        store: new MemoryConversationStore(),
        resolveModel: async () => ({ provider: providerFor(ctx.server), model: 'claude-sonnet-4-6', maxTokens: 200 }),
        systemPrompt: (agent, names) => `You are @${agent}. Tools: ${names.join(',')}`,
        agents: () => [{ name: 'backend', description: 'b' }],
        defaultAgent: () => 'backend',
        modelLabel: () => 'fake',
        post: (m) => { if (process.env.DEBUG_CACHE && m.type === 'messageCompleted') console.log(JSON.stringify(m.message.meta?.usage)); },
        log: silentLogger,
        tools: () => runner,
        limits: () => ({ maxToolRounds: 10, maxHandOffs: 0, contextChars: 400_000, autoApprove: { read: true, write: false } }),
      });
      const read = (id: string) => ({ toolCalls: [{ id, name: 'read_file', arguments: { path: 'a.txt' } }] });
      ctx.server.enqueue(read('r1'), read('r2'), read('r3'), { tokens: ['Done.'] });
      const answer = await controller.ask('backend', 'Read a.txt three times');
      assert.equal(answer?.status, 'complete');
      const bodies = ctx.server.chatRequests().map((r) => r.body as Body);
      assert.equal(bodies.length, 4);
      for (let i = 1; i < bodies.length; i++) {
        assert.equal(JSON.stringify(bodies[i]!.system), JSON.stringify(bodies[0]!.system), `system of request ${i + 1}`);
        assert.equal(JSON.stringify(bodies[i]!.tools), JSON.stringify(bodies[0]!.tools), `tools of request ${i + 1}`);
        const before = unmarked(bodies[i - 1]!.messages) as unknown[];
        assert.deepEqual((unmarked(bodies[i]!.messages) as unknown[]).slice(0, before.length), before, `request ${i + 1} extends ${i}`);
        assert.ok(breakpoints(bodies[i]!).length <= 4);
      }
      const usage = answer?.meta?.turnUsage;
      if (process.env.DEBUG_CACHE) console.log(JSON.stringify(bodies.map((b) => breakpoints(b))));
      assert.ok(usage && (usage.cacheReadTokens ?? 0) > 2 * 2800, `rounds re-read the cache: ${JSON.stringify(usage)}`);
    });
  });
});
