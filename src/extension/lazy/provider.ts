// A provider as activation and the model resolver see it: its adapter (provider-entry.ts, a bundle of its own)
// is loaded by the first request or model listing; from then on calls go straight to the loaded adapter.
import type { ChatEvent, ChatProvider, ChatRequest, ProviderSettings } from '../../core/providers/types';

export function lazyProvider(settings: ProviderSettings): ChatProvider {
  let loaded: ChatProvider | undefined;
  let loading: Promise<ChatProvider> | undefined;
  const load = () => (loading ??= import('./provider-entry.js').then((m) => (loaded = m.createProvider(settings))));
  async function* firstStream(request: ChatRequest, signal: AbortSignal): AsyncIterable<ChatEvent> {
    yield* (await load()).stream(request, signal);
  }
  return {
    id: settings.id,
    stream: (request, signal) => (loaded ? loaded.stream(request, signal) : firstStream(request, signal)),
    listModels: async (signal) => (loaded ?? (await load())).listModels(signal),
  };
}
