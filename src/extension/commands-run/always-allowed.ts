// The commands the user chose *Always allow* for in this workspace: kept in workspaceState, listed and revoked from the palette.
import * as vscode from 'vscode';

const STATE_KEY = 'agentChat.alwaysAllowed.commands';
const PREFIX = 'command:';

export class AlwaysAllowedCommands {
  constructor(private readonly state: vscode.Memento) {}

  /** The exact command texts allowed here. */
  list(): string[] {
    const stored = this.state.get<unknown>(STATE_KEY);
    return Array.isArray(stored) ? stored.filter((c): c is string => typeof c === 'string') : [];
  }

  /** Remembers an approval key (`command:<text>`); keys of other kinds are not this store's. */
  async remember(key: string): Promise<boolean> {
    if (!key.startsWith(PREFIX)) return false;
    const command = key.slice(PREFIX.length).trim();
    const current = this.list();
    if (command && !current.includes(command)) await this.state.update(STATE_KEY, [...current, command]);
    return true;
  }

  async revoke(commands: readonly string[]): Promise<void> {
    await this.state.update(STATE_KEY, this.list().filter((c) => !commands.includes(c)));
  }

  /** Agent Chat: Manage Always-Allowed Commands: pick the ones to revoke. */
  async manage(): Promise<void> {
    const commands = this.list();
    if (commands.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No commands are always allowed in this workspace.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      commands.map((c) => ({ label: c })),
      { title: vscode.l10n.t('Always-Allowed Commands'), placeHolder: vscode.l10n.t('Select the commands to revoke (they will ask again)'), canPickMany: true },
    );
    if (!picked || picked.length === 0) return;
    await this.revoke(picked.map((p) => p.label));
    void vscode.window.showInformationMessage(picked.length === 1 ? vscode.l10n.t('Revoked 1 always-allowed command.') : vscode.l10n.t('Revoked {0} always-allowed commands.', picked.length));
  }
}
