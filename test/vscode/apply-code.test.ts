// Apply to File follows the same rules as the agents' tools, including the user's secret settings:
// a refused path never gets as far as the diff and the confirmation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { silentLogger } from '../../src/core/log';
import { applyCodeToFile } from '../../src/extension/apply-code';
import { CurrentSettings } from '../../src/extension/settings/current-settings';

describe('Apply to File', () => {
  const secrets = () => vscode.workspace.getConfiguration('agentChat.secrets');
  before(() => secrets().update('protect', ['config/prod.yml'], vscode.ConfigurationTarget.Global));
  after(() => secrets().update('protect', undefined, vscode.ConfigurationTarget.Global));

  it('refuses files protected by agentChat.secrets.protect, built-in secrets and the .vscode files', async () => {
    const shown: string[] = [];
    const diff = { showTexts: async (title: string) => void shown.push(title) };
    // The user's rules as the extension reads them (the settings snapshot), as the chat page's button passes them.
    const settings = new CurrentSettings(silentLogger);
    for (const path of ['config/prod.yml', '.env', '.npmrc', '.vscode/settings.json', '.vscode/tasks.json']) {
      await applyCodeToFile(path, 'pwned: true\n', settings.current.secrets, diff);
    }
    settings.dispose();
    assert.deepEqual(shown, [], 'no diff or confirmation was offered for a protected path');
  });
});
