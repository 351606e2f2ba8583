// Provider pipeline benchmark: per vendor, N streamed answers of 500 tokens from the fake server
// with no delays, through our provider (real SDK + normalisation + policy) and through a bare
// fetch that reads the same HTTP stream, in the same process, interleaved.
import { createProvider } from '../src/core/providers';
import type { ChatRequest, VendorId } from '../src/core/providers/types';
import { startFakeServer, type FakeServer } from '../test/fakes/server';
import { fmt, machine, median, p95, table, type Figure } from './stats';

const tokensPerAnswer = 500;
const models: Record<VendorId, string> = { anthropic: 'claude-sonnet-4-6', openai: 'gpt-4o-mini', ollama: 'llama3.2' };
const now = () => performance.timeOrigin + performance.now();

interface Sample {
  /** From the server writing the first token to the consumer having it as text. */
  firstToken: number;
  total: number;
}

function chatUrl(server: FakeServer): string {
  return server.vendor === 'anthropic' ? `${server.url}/v1/messages` : server.vendor === 'openai' ? `${server.url}/v1/chat/completions` : `${server.url}/api/chat`;
}

function bareBody(vendor: VendorId): unknown {
  const messages = [{ role: 'user', content: 'Hello' }];
  if (vendor === 'anthropic') return { model: models.anthropic, max_tokens: 1000, messages, stream: true };
  if (vendor === 'openai') return { model: models.openai, messages, stream: true, stream_options: { include_usage: true } };
  return { model: models.ollama, messages, stream: true };
}

/** The baseline: fetch, read bytes until the first token's text shows up, then to the end. */
async function bareRun(server: FakeServer, firstToken: string): Promise<Sample> {
  const start = now();
  const res = await fetch(chatUrl(server), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'x-api-key': 'bench', authorization: 'Bearer bench' },
    body: JSON.stringify(bareBody(server.vendor as VendorId)),
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  let firstAt: number | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstAt === undefined) {
      seen += decoder.decode(value, { stream: true });
      if (seen.includes(firstToken)) firstAt = now();
    }
  }
  const end = now();
  const req = server.chatRequests().at(-1)!;
  return { firstToken: (firstAt ?? end) - req.firstTokenAt!, total: end - start };
}

async function ourRun(server: FakeServer, request: ChatRequest): Promise<Sample> {
  const provider = providers.get(server)!;
  const start = now();
  let firstAt: number | undefined;
  for await (const e of provider.stream(request, new AbortController().signal)) {
    if (e.type === 'text' && firstAt === undefined) firstAt = now();
  }
  const end = now();
  const req = server.chatRequests().at(-1)!;
  return { firstToken: (firstAt ?? end) - req.firstTokenAt!, total: end - start };
}

const providers = new Map<FakeServer, ReturnType<typeof createProvider>>();

export async function benchProviders(runs: number): Promise<Figure[]> {
  const tokens = Array.from({ length: tokensPerAnswer }, (_, i) => `tok${i} `);
  const figures: Figure[] = [];
  const rows: (string | number)[][] = [];
  for (const vendor of ['anthropic', 'openai', 'ollama'] as VendorId[]) {
    const server = await startFakeServer(vendor);
    server.setDefault({ tokens });
    providers.set(
      server,
      createProvider({
        id: vendor,
        apiKey: 'bench',
        baseUrl: vendor === 'openai' ? `${server.url}/v1` : server.url,
        timeouts: { firstTokenMs: 30_000, idleMs: 30_000 },
        retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      }),
    );
    const request: ChatRequest = { model: models[vendor], messages: [{ role: 'user', content: 'Hello' }], maxTokens: 1000 };
    // Warm up both paths (module loading, JIT, keep-alive sockets) before measuring.
    for (let i = 0; i < 10; i++) {
      await ourRun(server, request);
      await bareRun(server, 'tok0 ');
    }
    const ours: Sample[] = [];
    const bare: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      // Interleaved, so that drift on a shared machine affects both alike.
      ours.push(await ourRun(server, request));
      bare.push(await bareRun(server, 'tok0 '));
    }
    await server.close();
    const o = { ft: ours.map((s) => s.firstToken), total: ours.map((s) => s.total) };
    const b = { ft: bare.map((s) => s.firstToken), total: bare.map((s) => s.total) };
    rows.push([
      vendor,
      fmt(median(o.ft)), fmt(p95(o.ft)), fmt(median(b.ft)),
      fmt(median(o.total)), fmt(p95(o.total)), fmt(median(b.total)),
      fmt(median(o.total) / median(b.total)),
      fmt((tokensPerAnswer / median(o.total)) * 1000, 0),
    ]);
    const m = machine();
    figures.push(
      { name: `provider.${vendor}.firstToken.median`, value: median(o.ft), unit: 'ms', budget: null, lowerIsBetter: true, runs, machine: m, baselineRatio: median(o.ft) / median(b.ft) },
      { name: `provider.${vendor}.firstToken.p95`, value: p95(o.ft), unit: 'ms', budget: null, lowerIsBetter: true, runs, machine: m },
      { name: `provider.${vendor}.answer500.median`, value: median(o.total), unit: 'ms', budget: null, lowerIsBetter: true, runs, machine: m, baselineRatio: median(o.total) / median(b.total) },
      { name: `provider.${vendor}.answer500.p95`, value: p95(o.total), unit: 'ms', budget: null, lowerIsBetter: true, runs, machine: m },
    );
  }
  console.log(`\nProvider pipeline: ${runs} answers × ${tokensPerAnswer} tokens per vendor, fake server, no delays (ms)`);
  console.log(
    table(
      ['vendor', 'first token med', 'p95', 'bare med', 'answer med', 'p95', 'bare med', 'ours/bare', 'tokens/s'],
      rows,
    ),
  );
  return figures;
}
