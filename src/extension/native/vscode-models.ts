// Finding one of VS Code's language models (Copilot's or another extension's) from the
// `agentChat.vscode.model` setting: "vendor/id", "vendor/family", an id or a family.
import * as vscode from 'vscode';
import { ProviderError } from '../../core/providers/errors';
import { ourVendor } from './constants';

/** Models other extensions offer (ours are left out: asking ourselves through VS Code would go in a circle). */
export async function vscodeModels(): Promise<vscode.LanguageModelChat[]> {
  if (!vscode.lm?.selectChatModels) return [];
  return (await vscode.lm.selectChatModels()).filter((m) => m.vendor !== ourVendor);
}

export function modelKey(model: vscode.LanguageModelChat): string {
  return `${model.vendor}/${model.id}`;
}

export function matchesChoice(model: vscode.LanguageModelChat, choice: string): boolean {
  const c = choice.trim();
  return [modelKey(model), `${model.vendor}/${model.family}`, model.id, model.family].includes(c);
}

/** The chosen model; with no choice, the first one VS Code has (the user picked the `vscode` provider on purpose). */
export async function selectVscodeModel(choice: string): Promise<vscode.LanguageModelChat> {
  const models = await vscodeModels();
  const found = choice.trim() ? models.find((m) => matchesChoice(m, choice)) : models[0];
  if (found) return found;
  throw new ProviderError({
    provider: 'vscode',
    kind: 'modelNotFound',
    message: choice.trim()
      ? vscode.l10n.t('VS Code has no language model "{0}" (any more).', choice)
      : vscode.l10n.t('VS Code has no language model from another extension.'),
    hint: vscode.l10n.t('Run "Agent Chat: Use a Model from VS Code" to choose one, or install an extension that offers models.'),
  });
}
