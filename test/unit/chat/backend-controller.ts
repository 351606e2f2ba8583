// A ChatController with one agent, @backend, on the fake Anthropic server: the set-up the chat tests share,
// with only what a test is about passed in.
import { ChatController, type ChatControllerDeps } from '../../../src/core/chat/controller';
import { silentLogger } from '../../../src/core/log';
import type { ProviderSettings } from '../../../src/core/providers/types';
import type { FakeServer } from '../../fakes/server';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { providerFor } from '../providers/harness';

export interface BackendControllerOptions extends Partial<ChatControllerDeps> {
  /** Provider options for the fake server (retry policy and the like). */
  provider?: Partial<ProviderSettings>;
  maxTokens?: number;
}

export function backendController(server: FakeServer, options: BackendControllerOptions = {}): ChatController {
  const { provider, maxTokens = 100, ...deps } = options;
  return new ChatController({
    store: new MemoryConversationStore(),
    resolveModel: async () => ({ provider: providerFor(server, provider), model: 'claude-sonnet-4-6', maxTokens }),
    systemPrompt: () => 'You are @backend.',
    agents: () => [{ name: 'backend', description: 'b' }],
    defaultAgent: () => 'backend',
    modelLabel: () => 'fake',
    post: () => undefined,
    log: silentLogger,
    limits: () => ({ maxToolRounds: 3, maxHandOffs: 0, contextChars: 400_000, autoApprove: { read: true, write: false } }),
    ...deps,
  });
}
