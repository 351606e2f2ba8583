// Commands for VS Code's native pieces: choose one of VS Code's models for the team, open the walkthrough.
import * as vscode from 'vscode';
import { walkthroughId } from './constants';
import { modelKey, vscodeModels } from './vscode-models';

/**
 * Lets the user pick one of VS Code's models and makes it the team's (provider `vscode`); returns its key.
 * `args.model` (a key such as "copilot/gpt-4o") chooses without asking, for links and scripts.
 */
export async function useVscodeModel(args?: { model?: string }): Promise<string | undefined> {
  const models = await vscodeModels();
  const given = typeof args?.model === 'string' ? models.find((m) => modelKey(m) === args.model) : undefined;
  if (given) return choose(modelKey(given));
  if (!models.length) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('VS Code has no language models from other extensions yet. Install one that offers models (for example GitHub Copilot), or set an API key.'),
    );
    return undefined;
  }
  const current = vscode.workspace.getConfiguration('agentChat').get<string>('vscode.model');
  const picked = await vscode.window.showQuickPick(
    models.map((m) => ({
      label: m.name,
      description: `${m.vendor} · ${m.family}`,
      detail: vscode.l10n.t('{0} tokens of context. Plans that count requests count each tool round.', m.maxInputTokens.toLocaleString(vscode.env.language)),
      picked: modelKey(m) === current,
      key: modelKey(m),
    })),
    { title: vscode.l10n.t('Agent Chat: Use a Model from VS Code'), placeHolder: vscode.l10n.t('Which model should the team use?') },
  );
  return picked ? choose(picked.key) : undefined;
}

async function choose(key: string): Promise<string> {
  const config = vscode.workspace.getConfiguration('agentChat');
  await config.update('vscode.model', key, vscode.ConfigurationTarget.Global);
  await config.update('provider', 'vscode', vscode.ConfigurationTarget.Global);
  return key;
}

export function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughId, false);
}
