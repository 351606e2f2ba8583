// Settings, read once into a typed snapshot and re-read when they change.
import * as vscode from 'vscode';
import { defaultOllamaHost } from '../core/providers/ollama';
import type { ProviderId, ProviderSettings } from '../core/providers/types';

export type ProviderChoice = 'auto' | ProviderId;

export interface AgentChatConfig {
  provider: ProviderChoice;
  models: Record<ProviderId, string>;
  baseUrls: Record<ProviderId, string | undefined>;
  maxTokens: number;
  temperature: number | undefined;
  defaultAgent: string;
  firstTokenTimeoutMs: number;
  idleTimeoutMs: number;
  maxRetries: number;
}

export function readConfig(): AgentChatConfig {
  const c = vscode.workspace.getConfiguration('agentChat');
  const text = (key: string) => {
    const v = c.get<string>(key)?.trim();
    return v ? v : undefined;
  };
  return {
    provider: c.get<ProviderChoice>('provider', 'auto'),
    models: {
      anthropic: text('anthropic.model') ?? 'claude-sonnet-4-6',
      openai: text('openai.model') ?? 'gpt-4o-mini',
      ollama: text('ollama.model') ?? 'llama3.2',
    },
    baseUrls: {
      anthropic: text('anthropic.baseUrl'),
      openai: text('openai.baseUrl'),
      ollama: text('ollama.host') ?? defaultOllamaHost,
    },
    maxTokens: c.get<number>('maxTokens', 4096),
    temperature: c.get<number | null>('temperature', null) ?? undefined,
    defaultAgent: (text('defaultAgent') ?? 'orchestrator').replace(/^@/, ''),
    firstTokenTimeoutMs: c.get<number>('timeouts.firstTokenSeconds', 60) * 1000,
    idleTimeoutMs: c.get<number>('timeouts.idleSeconds', 30) * 1000,
    maxRetries: c.get<number>('maxRetries', 3),
  };
}

export function providerSettings(config: AgentChatConfig, id: ProviderId, apiKey: string | undefined): ProviderSettings {
  return {
    id,
    apiKey,
    baseUrl: config.baseUrls[id],
    timeouts: { firstTokenMs: config.firstTokenTimeoutMs, idleMs: config.idleTimeoutMs },
    retry: { maxRetries: config.maxRetries, baseDelayMs: 1000, maxDelayMs: 60_000 },
  };
}
