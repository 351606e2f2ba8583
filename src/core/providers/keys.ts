import { ProviderError, providerNames } from './errors';
import type { ProviderId } from './types';

const envNames: Partial<Record<ProviderId, string>> = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' };

/** The error for a provider that needs a key and has none; shown as a setup step, not a failure. */
export function missingKey(provider: ProviderId): ProviderError {
  const env = envNames[provider];
  return new ProviderError({
    provider,
    kind: 'auth',
    message: `No ${providerNames[provider]} API key is set.`,
    hint: `Run "Agent Chat: Set API Key"${env ? `, or set the ${env} environment variable before starting VS Code` : ''}.`,
  });
}
