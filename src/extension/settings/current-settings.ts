// The one place settings are read: a snapshot taken at activation and re-taken by one configuration
// listener, which hands the new snapshot on to whoever subscribed (providers, tools, team, history).
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { Disposable } from '../../core/util/dispose';
import { buildSettings, inspectedKey, userOnlySettings, type Settings } from './settings';

export class CurrentSettings extends Disposable {
  private snapshot: Settings;
  /** User-only keys a workspace tried to set, logged once each. */
  private readonly reported = new Set<string>();
  private readonly changed = this._register(new vscode.EventEmitter<Settings>());
  /** Fires with the new snapshot after any `agentChat.*` setting changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Logger) {
    super();
    this.snapshot = this.read();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        void this.reportWorkspaceFiles();
        if (!e.affectsConfiguration('agentChat')) return;
        this.snapshot = this.read();
        this.changed.fire(this.snapshot);
      }),
    );
    void this.reportWorkspaceFiles();
  }

  get current(): Settings {
    return this.snapshot;
  }

  private read(): Settings {
    const c = vscode.workspace.getConfiguration('agentChat');
    // One inspect() of the whole section, not one per key: each call merges every scope's configuration, and
    // 18 of them were most of activation's time (~2/3 of activate() in the bench's step figures).
    const section = vscode.workspace.getConfiguration().inspect('agentChat');
    return buildSettings({ get: (key) => c.get(key), inspect: (key) => inspectedKey(section, key) }, (key, why) => this.ignored(key, why));
  }

  private ignored(key: string, why?: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log.warn(`ignored workspace value for agentChat.${key}: ${why ?? 'it is read from your user settings only'}`);
  }

  /**
   * VS Code itself drops workspace values of machine-scoped settings before we could see them, so a
   * repository that tries would go unnoticed; look at the workspace's settings files to say so in the log
   * (at activation and whenever settings change; each key is reported once).
   */
  private async reportWorkspaceFiles(): Promise<void> {
    const files = (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'));
    if (vscode.workspace.workspaceFile?.scheme === 'file') files.push(vscode.workspace.workspaceFile);
    for (const file of files) {
      const text = await vscode.workspace.fs.readFile(file).then((b) => new TextDecoder().decode(b), () => '');
      for (const key of userOnlySettings) if (text.includes(`"agentChat.${key}"`)) this.ignored(key);
    }
  }
}
