// The agents' file-system tools for the open workspace: trust, secret rules and approval settings
// come from VS Code and are kept current.
import * as vscode from 'vscode';
import type { Logger } from '../core/log';
import { ToolRunner } from '../core/tools/runner';
import type { SecretPolicy } from '../core/tools/secrets';
import { WorkspaceToolFileSystem } from './workspace-fs';

export interface ToolSettings {
  autoApprove: { read: boolean; write: boolean };
  maxToolRounds: number;
  maxHandOffs: number;
  contextChars: number;
}

export function readToolSettings(): ToolSettings {
  const c = vscode.workspace.getConfiguration('agentChat');
  return {
    autoApprove: { read: c.get<boolean>('autoApprove.read', true), write: c.get<boolean>('autoApprove.write', false) },
    maxToolRounds: c.get<number>('maxToolRounds', 10),
    maxHandOffs: c.get<number>('maxHandOffs', 3),
    contextChars: c.get<number>('contextCharacters', 400_000),
  };
}

/** The user's secret-file rules, shared by the agents' tools and Apply to File. */
export function readSecretPolicy(): SecretPolicy {
  const c = vscode.workspace.getConfiguration('agentChat.secrets');
  return { allowSecrets: c.get<boolean>('allowAll', false), secretGlobs: c.get<string[]>('protect', []), allowedSecretGlobs: c.get<string[]>('allow', []) };
}

export class WorkspaceTools implements vscode.Disposable {
  private runner: ToolRunner | undefined;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly log: Logger) {
    this.subs = [
      vscode.workspace.onDidChangeWorkspaceFolders(() => (this.runner = undefined)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.runner?.update({ trusted: true })),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentChat.secrets')) this.runner = undefined;
      }),
    ];
  }

  /** The runner for the current folders, or undefined when no folder is open. */
  get(): ToolRunner | undefined {
    if (!vscode.workspace.workspaceFolders?.length) return undefined;
    if (!this.runner) {
      this.runner = new ToolRunner(new WorkspaceToolFileSystem(), { trusted: vscode.workspace.isTrusted, ...readSecretPolicy() }, this.log);
    }
    return this.runner;
  }

  get trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
