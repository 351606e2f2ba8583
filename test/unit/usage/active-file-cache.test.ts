// Switching files between questions must not break the prompt cache: the system prompt stays byte for
// byte the same, the file rides with the question it was asked with, and the second request re-reads the
// first one's system prompt and messages from the fake Anthropic server's cache.
import assert from 'node:assert/strict';
import { builtinAgents } from '../../../src/core/agents/builtin';
import { systemPrompt } from '../../../src/core/agents/prompt';
import { backendController } from '../chat/backend-controller';
import { withServer } from '../providers/harness';

type Body = { system?: unknown; messages: { role: string; content: { type: string; text?: string }[] }[] };
const unmarked = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'cache_control' ? undefined : v)));

describe('the active file and the prompt cache', () => {
  const ctx = withServer('anthropic');

  it('keeps the system prompt identical across file switches and re-reads system and earlier turns from the cache', async () => {
    const backend = builtinAgents.find((a) => a.name === 'backend')!;
    let open: { path: string; language: string } | undefined = { path: 'src/app.ts', language: 'typescript' };
    const controller = backendController(ctx.server, {
      maxTokens: 200,
      systemPrompt: () => systemPrompt(backend, { folders: ['app'], workspaceName: 'app', tools: [], restricted: false, teammates: builtinAgents }),
      activeFile: () => open,
    });
    ctx.server.enqueue({ tokens: ['First.'] }, { tokens: ['Second.'] }, { tokens: ['Third.'] });
    // Long enough that the first turn alone is over the model's minimum cacheable length.
    await controller.ask('backend', `Review this plan:\n${'step: read, change, test, repeat.\n'.repeat(700)}`);
    open = { path: 'src/server.ts', language: 'typescript' };
    const second = await controller.ask('backend', 'And the server?');
    open = undefined;
    await controller.ask('backend', 'Anything else?');

    const bodies = ctx.server.chatRequests().map((r) => r.body as Body);
    assert.equal(bodies.length, 3);
    assert.equal(JSON.stringify(bodies[1]!.system), JSON.stringify(bodies[0]!.system), 'the system prompt is byte-identical after switching files');
    assert.equal(JSON.stringify(bodies[2]!.system), JSON.stringify(bodies[0]!.system), 'and after closing the editor');
    assert.doesNotMatch(JSON.stringify(bodies[0]!.system), /src\/app\.ts/, 'the system prompt does not name the open file');
    const firstTurn = unmarked(bodies[0]!.messages) as unknown[];
    assert.deepEqual((unmarked(bodies[1]!.messages) as unknown[]).slice(0, firstTurn.length), firstTurn, 'the earlier turns are unchanged');
    const userText = (b: Body, i: number) => b.messages[i]!.content.map((c) => c.text ?? '').join('');
    assert.match(userText(bodies[0]!, 0), /\[The user has src\/app\.ts \(typescript\) open in the editor\.\]$/);
    assert.match(userText(bodies[1]!, 2), /^And the server\?\n\n\[The user has src\/server\.ts \(typescript\) open/);
    assert.equal(userText(bodies[2]!, 4), 'Anything else?', 'no file open: nothing added');
    const usage = second?.meta?.turnUsage;
    // The first question is ~6,000 tokens: read from the cache only if system and messages both held.
    assert.ok(usage && (usage.cacheReadTokens ?? 0) > 5_000, `the second request re-reads system and the first turn: ${JSON.stringify(usage)}`);
  });
});
