// Which of the user's configured models we offer to VS Code (a key, a base URL or a reachable Ollama),
// and how VS Code sees each one: id, name, context window, answer length.
import * as vscode from 'vscode';
import { modelFacts, type ModelOverrides } from '../../core/models/facts';
import { providerNames } from '../../core/providers/errors';
import type { VendorId } from '../../core/providers/types';
import { ollamaAnswers } from '../ollama-probe';
import type { ApiKeys } from '../secrets';
import type { Settings } from '../settings/settings';

/** A model we offer, with the vendor and model id to resolve when VS Code asks for an answer. */
export interface OfferedModel extends vscode.LanguageModelChatInformation {
  readonly vendorId: VendorId;
  readonly model: string;
}

/** Context windows by vendor when the model table does not know the model: conservative, so VS Code trims rather than overflows. */
const fallbackContextWindow: Record<VendorId, number> = { anthropic: 200_000, openai: 128_000, ollama: 32_768 };

export async function offeredModels(config: Settings, keys: ApiKeys): Promise<OfferedModel[]> {
  const usable: VendorId[] = [];
  if (await keys.get('anthropic')) usable.push('anthropic');
  if ((await keys.get('openai')) || config.baseUrls.openai) usable.push('openai');
  if (await ollamaAnswers(config.baseUrls.ollama)) usable.push('ollama');
  return usable.filter((v) => config.models[v]).map((v) => describeModel(v, config.models[v], config.maxTokens, config.modelOverrides));
}

/**
 * The model's own context window and longest answer from the model table (with the user's `agentChat.models`
 * entry over it); the answer length asked for is `agentChat.maxTokens`, never more than the model allows.
 */
export function describeModel(vendorId: VendorId, model: string, maxTokens: number, overrides: ModelOverrides = {}): OfferedModel {
  const vendor = providerNames[vendorId];
  const facts = modelFacts(vendorId, model, overrides);
  const contextWindow = facts?.contextWindow ?? fallbackContextWindow[vendorId];
  const maxOutputTokens = Math.min(maxTokens, facts?.maxOutput ?? maxTokens);
  return {
    id: `${vendorId}/${model}`,
    name: model,
    family: model,
    version: model,
    detail: vendor,
    tooltip: vscode.l10n.t('{0} through Agent Chat (your key stays in Agent Chat)', vendor),
    maxInputTokens: Math.max(4096, contextWindow - maxOutputTokens),
    maxOutputTokens,
    capabilities: { toolCalling: true, imageInput: false },
    vendorId,
    model,
  };
}
