// The agents' file-system tools for the open workspace: trust comes from VS Code and the secret rules
// from the settings snapshot; both are kept current.
import * as vscode from 'vscode';
import { shellBehindFolder } from '../core/commands/shell-here';
import type { Logger } from '../core/log';
import type { DiagnosticsSource } from '../core/tools/diagnostics';
import { ToolRunner, type ToolSource } from '../core/tools/runner';
import type { SecretPolicy } from '../core/tools/secrets';
import { Disposable } from '../core/util/dispose';
import { WorkspaceToolFileSystem } from './workspace-fs';

export class WorkspaceTools extends Disposable {
  private runner: ToolRunner | undefined;
  private readonly sources: ToolSource[] = [];

  constructor(
    private secrets: Readonly<SecretPolicy>,
    private readonly log: Logger,
    /** The editor's problems, for get_problems. */
    private readonly diagnostics?: DiagnosticsSource,
  ) {
    super();
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => (this.runner = undefined)));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.runner?.update({ trusted: true })));
  }

  /** Tools beyond the file tools (run_command, MCP servers'); every runner made from now on offers them. */
  addSource(source: ToolSource): void {
    this.sources.push(source);
    this.runner?.addSource(source);
  }

  /** New secret rules apply from the next tool call. */
  useSecretRules(secrets: Readonly<SecretPolicy>): void {
    if (JSON.stringify(secrets) === JSON.stringify(this.secrets)) return;
    this.secrets = secrets;
    this.runner = undefined;
  }

  /** The runner for the current folders, or undefined when no folder is open. */
  get(): ToolRunner | undefined {
    if (!vscode.workspace.workspaceFolders?.length) return undefined;
    if (!this.runner) {
      // A folder without a shell (a virtual workspace) gets no run_command, and a call of it is refused with that reason.
      const shell = shellBehindFolder(vscode.workspace.workspaceFolders[0]?.uri);
      const options = { trusted: vscode.workspace.isTrusted, shell, t: vscode.l10n.t, locale: vscode.env.language, ...this.secrets, ...(this.diagnostics ? { diagnostics: this.diagnostics } : {}) };
      this.runner = new ToolRunner(new WorkspaceToolFileSystem(), options, this.log);
      for (const source of this.sources) this.runner.addSource(source);
    }
    return this.runner;
  }
}
