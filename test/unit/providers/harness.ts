// Builds real providers pointed at a fake server, and collects what their streams yield.
import { createProvider } from '../../../src/core/providers';
import type { ChatEvent, ChatProvider, ChatRequest, ProviderSettings } from '../../../src/core/providers/types';
import { startFakeServer, type FakeServer } from '../../fakes/server';
import type { FakeServerOptions, Vendor } from '../../fakes/script';

export const vendors: Vendor[] = ['anthropic', 'openai', 'ollama'];
export const testKey = 'sk-test-secret-0123456789';
export const models: Record<Vendor, string> = { anthropic: 'claude-sonnet-4-6', openai: 'gpt-4o-mini', ollama: 'llama3.2' };

export function baseUrlFor(server: FakeServer): string {
  return server.vendor === 'openai' ? `${server.url}/v1` : server.url;
}

export function providerFor(server: FakeServer, overrides: Partial<ProviderSettings> = {}): ChatProvider {
  return createProvider({
    id: server.vendor,
    apiKey: server.vendor === 'ollama' ? undefined : testKey,
    baseUrl: baseUrlFor(server),
    timeouts: { firstTokenMs: 5_000, idleMs: 5_000 },
    retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 2_000 },
    ...overrides,
  });
}

export function request(vendor: Vendor, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: models[vendor], messages: [{ role: 'user', content: 'Hello' }], maxTokens: 256, ...extra };
}

export async function collect(stream: AsyncIterable<ChatEvent>): Promise<ChatEvent[]> {
  const events: ChatEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

export function textOf(events: ChatEvent[]): string {
  return events.map((e) => (e.type === 'text' ? e.text : '')).join('');
}

/** Runs `fn` with a fresh server per test and always closes it. */
export function withServer(vendor: Vendor, options?: FakeServerOptions) {
  const state: { server: FakeServer } = { server: undefined as unknown as FakeServer };
  beforeEach(async () => {
    state.server = await startFakeServer(vendor, options);
  });
  afterEach(async () => {
    await state.server.close();
  });
  return state;
}
