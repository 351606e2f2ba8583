// Decides which provider answers: the configured one, or with `auto` the first that can work
// (a stored or environment key, else an Ollama that answers). Providers are cached per settings
// so connections are reused between messages.
import * as vscode from 'vscode';
import type { SetupInfo } from '../core/protocol/messages';
import { lazyProvider } from './lazy/provider';
import { modelFacts } from '../core/models/facts';
import type { ChatProvider, ProviderId, ResolvedModel } from '../core/providers/types';
import { providerSettings, type Settings } from './settings/settings';
import { vscodeModels } from './native/vscode-models';
import { ollamaAnswers } from './ollama-probe';
import { createVscodeProvider } from './native/vscode-provider';
import type { ApiKeys } from './secrets';

export class ModelResolver {
  private cache = new Map<string, ChatProvider>();
  /** What `auto` picked last time, for the model indicator (which must not wait). */
  private lastPicked: ProviderId | undefined;
  private vscodeProvider: ChatProvider | undefined;

  constructor(
    private readonly settings: () => Settings,
    private readonly keys: ApiKeys,
  ) {}

  /** Forget cached clients (settings or keys changed). */
  reset(): void {
    this.cache.clear();
  }

  async resolve(overrides?: { provider?: ProviderId; model?: string; temperature?: number }): Promise<ResolvedModel | { setup: SetupInfo }> {
    const config = this.settings();
    const id = overrides?.provider ?? (config.provider === 'auto' ? await this.pickAuto(config) : config.provider);
    if (!id) return { setup: withVscodeModels(setupInfo(config), (await vscodeModels()).length) };
    if (!overrides?.provider) this.lastPicked = id;
    if (id === 'vscode') return this.vscodeModel(config, overrides);
    const key = await this.keys.get(id);
    // The provider explains its failures (a refused key, a timeout…) in the user's language.
    const settings = { ...providerSettings(config, id, key), translate: vscode.l10n.t };
    const cacheKey = JSON.stringify([settings.id, settings.baseUrl, key ?? '', settings.timeouts, settings.retry, settings.keepAlive ?? '']);
    let provider = this.cache.get(cacheKey);
    if (!provider) {
      provider = lazyProvider(settings);
      this.cache.set(cacheKey, provider);
    }
    const model = overrides?.model ?? config.models[id];
    const facts = modelFacts(id, model, config.modelOverrides);
    return {
      provider,
      model,
      // An answer cannot be longer than the model allows, whatever the setting says.
      maxTokens: facts?.maxOutput ? Math.min(config.maxTokens, facts.maxOutput) : config.maxTokens,
      ...(facts ? { facts } : {}),
      temperature: overrides?.temperature ?? config.temperature,
    };
  }

  /** A model of VS Code's own (provider `vscode`), picked when the request is sent so a vanished model is explained. */
  private vscodeModel(config: Settings, overrides?: { model?: string; temperature?: number }): ResolvedModel {
    return {
      provider: (this.vscodeProvider ??= createVscodeProvider()),
      model: overrides?.model ?? config.models.vscode,
      maxTokens: config.maxTokens,
      temperature: overrides?.temperature ?? config.temperature,
    };
  }

  /** "anthropic · claude-sonnet-4-6", or "auto" before anything was resolved. */
  label(): string {
    const config = this.settings();
    const id = config.provider === 'auto' ? this.lastPicked : config.provider;
    return id ? `${id} · ${config.models[id] || 'first available'}` : 'auto';
  }

  /** The provider `auto` would use now, for the model indicator. */
  async currentProvider(): Promise<ProviderId | undefined> {
    const config = this.settings();
    return config.provider === 'auto' ? this.pickAuto(config) : config.provider;
  }

  private async pickAuto(config: Settings): Promise<ProviderId | undefined> {
    if (await this.keys.get('anthropic')) return 'anthropic';
    if ((await this.keys.get('openai')) || config.baseUrls.openai) return 'openai';
    return (await ollamaAnswers(config.baseUrls.ollama)) ? 'ollama' : undefined;
  }
}

/** Offers VS Code's own models on the setup screen when there are any (a button there; never picked without the user's say). */
export function withVscodeModels(setup: SetupInfo, count: number): SetupInfo {
  return count === 0 ? setup : { ...setup, vscodeModels: count };
}

export function setupInfo(config: Settings): SetupInfo {
  const host = config.baseUrls.ollama ?? 'http://127.0.0.1:11434';
  return {
    // Setup is only needed when `auto` found nothing, so no Ollama answered at the host just now.
    ollama: { found: false, host },
    reason: vscode.l10n.t('No model provider is set up yet.'),
    steps: [
      vscode.l10n.t("Set an Anthropic or OpenAI API key with the button below (it is kept in VS Code's secret storage), or start VS Code with `{0}` or `{1}` set.", 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY'),
      vscode.l10n.t('Or run Ollama (`{0}`) at {1} with a model pulled: `{2}`.', 'ollama serve', host, `ollama pull ${config.models.ollama}`),
    ],
  };
}
