// Baseline for the real-VS-Code bench: the bare Anthropic SDK reading the same streamed answer from the fake
// server, in its own process (run with the extension host's Node binary), printing one JSON line:
// { first, end } (performance.timeOrigin + performance.now(), comparable with the fake server's clock),
// cpuMs (this process, during the stream), and the text's length and SHA-256, for each measured stream.
// The first stream warms the process up (the SDK and fetch load lazily, the JIT warms) and is not reported; one
// stream is a noisy sample of CPU time, so the caller asks for several and takes their median.
// Usage: node sdk-baseline.js <fake server url> [streams, default 2: one warm-up, the rest measured]
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
  const measured: Awaited<ReturnType<typeof once>>[] = [];
  for (let i = 0; i < streams; i++) {
    const result = await once(client);
    if (i > 0 || streams === 1) measured.push(result);
  }
  console.log(JSON.stringify(measured));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
