// API keys live in VS Code's SecretStorage; the standard environment variables are the fallback.
import * as vscode from 'vscode';
import type { ProviderId } from '../core/providers/types';

const envVar: Partial<Record<ProviderId, string>> = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY' };

export class ApiKeys {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(provider: ProviderId): Promise<string | undefined> {
    const stored = await this.secrets.get(secretName(provider));
    if (stored) return stored;
    const name = envVar[provider];
    const fromEnv = name ? process.env[name]?.trim() : undefined;
    return fromEnv || undefined;
  }

  async set(provider: ProviderId, key: string): Promise<void> {
    await this.secrets.store(secretName(provider), key.trim());
  }

  async delete(provider: ProviderId): Promise<void> {
    await this.secrets.delete(secretName(provider));
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key.startsWith('agentChat.apiKey.')) listener();
    });
  }
}

/** Every API key the extension can use now, so none of them reaches a log line or a command's environment. */
export async function knownKeys(keys: ApiKeys): Promise<string[]> {
  const found = await Promise.all((['anthropic', 'openai', 'ollama'] as const).map((p) => keys.get(p).catch(() => undefined)));
  return found.filter((k): k is string => typeof k === 'string');
}

function secretName(provider: ProviderId): string {
  return `agentChat.apiKey.${provider}`;
}
