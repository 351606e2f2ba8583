// Picks the vendor module for a provider id.
import { createAnthropicProvider } from './anthropic';
import { createOllamaProvider } from './ollama';
import { createOpenAIProvider } from './openai';
import type { ChatProvider, ProviderSettings } from './types';

export function createProvider(settings: ProviderSettings): ChatProvider {
  switch (settings.id) {
    case 'anthropic':
      return createAnthropicProvider(settings);
    case 'openai':
      return createOpenAIProvider(settings);
    case 'ollama':
      return createOllamaProvider(settings);
  }
}

export * from './types';
export { ProviderError, type ProviderErrorKind } from './errors';
export { complete, AnswerBuilder, type Answer } from './complete';
