import { inEnglish, type Translate } from '../protocol/translate';
import { ProviderError, providerNames } from './errors';
import type { ProviderId } from './types';

const envNames: Partial<Record<ProviderId, string>> = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' };

/** The error for a provider that needs a key and has none; shown as a setup step, not a failure. */
export function missingKey(provider: ProviderId, t: Translate = inEnglish): ProviderError {
  const env = envNames[provider];
  return new ProviderError({
    provider,
    kind: 'auth',
    message: t('No {0} API key is set.', providerNames[provider]),
    hint: env
      ? t('Run "Agent Chat: Set API Key", or set the {0} environment variable before starting VS Code.', env)
      : t('Run "Agent Chat: Set API Key".'),
  });
}
