// The agents' file-system tools for the open workspace: trust comes from VS Code and the secret rules
// from the settings snapshot; both are kept current.
import * as vscode from 'vscode';
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
      this.runner = new ToolRunner(new WorkspaceToolFileSystem(), { trusted: vscode.workspace.isTrusted, t: vscode.l10n.t, locale: vscode.env.language, ...this.secrets, ...(this.diagnostics ? { diagnostics: this.diagnostics } : {}) }, this.log);
      for (const source of this.sources) this.runner.addSource(source);
    }
    return this.runner;
  }
}
