// Baseline for the real-VS-Code bench: the bare Anthropic SDK reading the same streamed answer from the fake
// server, in its own process (run with the extension host's Node binary), printing one JSON line:
// { first, end } (performance.timeOrigin + performance.now(), comparable with the fake server's clock),
// cpuMs (this process, during the stream), and the text's length and SHA-256.
// The first streams warm the process up (the SDK and fetch load lazily, the JIT warms); the last is reported.
// Usage: node sdk-baseline.js <fake server url> [streams, default 2]
import Anthropic from '@anthropic-ai/sdk';
import { createHash } from 'node:crypto';

const now = () => performance.timeOrigin + performance.now();

async function once(client: Anthropic) {
  const cpu0 = process.cpuUsage();
  const start = now();
  const stream = await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 100_000, messages: [{ role: 'user', content: 'Hello' }], stream: true });
  let first: number | undefined;
  const parts: string[] = [];
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      first ??= now();
      parts.push(event.delta.text);
    }
  }
  const end = now();
  const cpu = process.cpuUsage(cpu0);
  const text = parts.join('');
  return { start, first, end, cpuMs: (cpu.user + cpu.system) / 1000, length: text.length, sha256: createHash('sha256').update(text).digest('hex') };
}

async function main(): Promise<void> {
  const url = process.argv[2];
  const streams = Number(process.argv[3] ?? 2);
  if (!url) throw new Error('usage: sdk-baseline <url> [streams]');
  const client = new Anthropic({ baseURL: url, apiKey: 'sk-ant-bench', maxRetries: 0 });
  let result: Awaited<ReturnType<typeof once>> | undefined;
  for (let i = 0; i < streams; i++) result = await once(client);
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
