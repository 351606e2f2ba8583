// Prompt caching and compaction figures on the fake Anthropic server (which bills its prompt cache like
// the API): a 20-round tool loop with cache breakpoints and without, and how long compacting a long
// conversation takes. Run alone with `node out/bench/caching.js` after `npm run compile-tests`.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '../src/core/chat/controller';
import { silentLogger } from '../src/core/log';
import { createProvider } from '../src/core/providers';
import type { TokenUsage } from '../src/core/protocol/chat-message';
import { ToolRunner } from '../src/core/tools/runner';
import { MemoryConversationStore } from '../test/doubles/memory-store';
import { NodeToolFileSystem } from '../test/doubles/node-tool-fs';
import { startFakeServer, type FakeServer } from '../test/fakes/server';
import { fmt, machine, median, table, type Figure } from './stats';

const rounds = 20;
const model = 'claude-sonnet-4-6';
// A system prompt of a realistic size (project instructions included), ~2,500 tokens.
const system = `You are @backend, a careful engineer. ${'Follow the project conventions: small functions, explicit names, tests for every change. '.repeat(110)}`;

function controllerFor(server: FakeServer, dir: string, caching: boolean, window = 200_000): ChatController {
  const provider = createProvider({
    id: 'anthropic', apiKey: 'bench', baseUrl: server.url, promptCaching: caching,
    timeouts: { firstTokenMs: 30_000, idleMs: 30_000 }, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
  });
  const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: dir }]), { trusted: true });
  return new ChatController({
    store: new MemoryConversationStore(),
    resolveModel: async () => ({ provider, model, maxTokens: 1000, facts: { contextWindow: window } }),
    systemPrompt: () => system,
    agents: () => [{ name: 'backend', description: 'b' }],
    defaultAgent: () => 'backend',
    modelLabel: () => 'bench',
    post: () => {},
    log: silentLogger,
    tools: () => runner,
    limits: () => ({ maxToolRounds: rounds + 1, maxHandOffs: 0, contextChars: 800_000, autoApprove: { read: true, write: false } }),
  });
}

/** Input tokens weighted by their price relative to uncached input (cache write 1.25×, cache read 0.1×). */
function billedInput(u: TokenUsage): number {
  return u.inputTokens + 1.25 * (u.cacheWriteTokens ?? 0) + 0.1 * (u.cacheReadTokens ?? 0);
}

async function toolLoop(dir: string, caching: boolean): Promise<TokenUsage> {
  const server = await startFakeServer('anthropic');
  try {
    for (let i = 0; i < rounds; i++) server.enqueue({ tokens: [`Reading part ${i}.`], toolCalls: [{ id: `toolu_${i}`, name: 'read_file', arguments: { path: `part${i % 5}.txt` } }] });
    server.enqueue({ tokens: ['All read.'] });
    const answer = await controllerFor(server, dir, caching).ask('backend', 'Read the five parts, four times over.');
    if (answer?.status !== 'complete' || !answer.meta?.turnUsage) throw new Error(`the tool loop did not finish: ${answer?.status}`);
    return answer.meta.turnUsage;
  } finally {
    await server.close();
  }
}

/** ms to compact a conversation of `turns` long answers (the summary comes from the fake server at once). */
async function compactionMs(dir: string, turns: number): Promise<number> {
  const server = await startFakeServer('anthropic');
  try {
    const controller = controllerFor(server, dir, true);
    for (let i = 0; i < turns; i++) {
      server.enqueue({ tokens: [`Answer ${i}: `, 'lorem ipsum dolor sit amet '.repeat(150)] });
      await controller.ask('backend', `Question ${i}`);
    }
    server.enqueue({ tokens: ['Summary of the conversation.'] });
    const started = performance.now();
    if (!(await controller.compactNow())) throw new Error('compaction failed');
    return performance.now() - started;
  } finally {
    await server.close();
  }
}

export async function benchCaching(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-caching-'));
  try {
    for (let i = 0; i < 5; i++) await writeFile(join(dir, `part${i}.txt`), `part ${i}\n${'const value = compute(input, options);\n'.repeat(60)}`);
    const cached = await toolLoop(dir, true);
    const plain = await toolLoop(dir, false);
    const ratio = billedInput(cached) / billedInput(plain);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await compactionMs(dir, 40));
    const rows = [
      ['with breakpoints', cached.inputTokens, cached.cacheWriteTokens ?? 0, cached.cacheReadTokens ?? 0, fmt(billedInput(cached), 0)],
      ['without', plain.inputTokens, plain.cacheWriteTokens ?? 0, plain.cacheReadTokens ?? 0, fmt(billedInput(plain), 0)],
    ];
    console.log(`\nPrompt caching: ${rounds}-round tool loop on the fake Anthropic server (${model})`);
    console.log(table(['', 'input', 'cache write', 'cache read', 'billed input (uncached-equivalent)'], rows));
    console.log(`billed input with caching / without: ${fmt(ratio, 3)}`);
    console.log(`compaction of a 40-turn conversation (summary call to the local fake included): median ${fmt(median(times), 1)} ms over ${times.length} runs`);
    const m = machine();
    return [
      { name: 'caching.toolLoop20.billedInputRatio', value: ratio, unit: 'ratio', budget: 0.5, lowerIsBetter: true, runs: 1, machine: m },
      { name: 'caching.toolLoop20.billedInputCached', value: Math.round(billedInput(cached)), unit: 'tokens', budget: null, lowerIsBetter: true, runs: 1, machine: m },
      { name: 'caching.toolLoop20.billedInputUncached', value: Math.round(billedInput(plain)), unit: 'tokens', budget: null, lowerIsBetter: true, runs: 1, machine: m },
      { name: 'compaction.40turns.median', value: median(times), unit: 'ms', budget: null, lowerIsBetter: true, runs: times.length, machine: m },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchCaching().then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
