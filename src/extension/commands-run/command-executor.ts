// Runs the agents' commands one at a time: in the "Agent Chat" terminal when shell integration comes up, else as a child process.
import * as vscode from 'vscode';
import { scrubEnv } from '../../core/commands/env';
import { OneAtATime, type CommandExecutor, type ExecRequest, type ExecResult } from '../../core/commands/executor';
import type { Logger } from '../../core/log';
import { runInProcess } from '../../core/commands/process-executor';
import { TerminalExecutor } from './terminal-executor';

export interface ExecutorOptions {
  /** The API keys the extension knows now (stored or from the environment): never passed to a command. */
  secretValues(): Promise<string[]>;
  /** False runs every command as a child process (tests, and hosts without terminals). */
  useTerminal: boolean;
  log: Logger;
}

/** The folder as a URI and a local path: tool paths are URI paths of a workspace folder. */
function folderUri(cwd: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => cwd === f.uri.path || cwd.startsWith(`${f.uri.path.replace(/\/$/, '')}/`));
  return folder ? folder.uri.with({ path: cwd }) : vscode.Uri.file(cwd);
}

export class WorkspaceCommandExecutor implements CommandExecutor, vscode.Disposable {
  private readonly queue = new OneAtATime();
  private readonly terminal: TerminalExecutor;

  constructor(private readonly options: ExecutorOptions) {
    this.terminal = new TerminalExecutor(options.log);
  }

  dispose(): void {
    this.terminal.dispose();
  }

  execute(request: ExecRequest): Promise<ExecResult> {
    return this.queue.run(() => this.runOne(request));
  }

  private async runOne(request: ExecRequest): Promise<ExecResult> {
    const cwd = folderUri(request.cwd);
    const secrets = await this.options.secretValues();
    if (this.options.useTerminal) {
      const hidden = Object.fromEntries(scrubEnv(process.env, { secretValues: secrets }).removed.map((name) => [name, null]));
      const found = await this.terminal.integration(cwd, hidden);
      if (found) {
        this.options.log.info('run_command: in the Agent Chat terminal');
        return this.terminal.run(request, cwd, found);
      }
      this.options.log.info('run_command: no shell integration in the terminal; running as a child process');
    }
    return this.runAsProcess(request, cwd, secrets);
  }

  /** As a child process; when Stop or a timeout ends it, the log says how long the group took to go after the abort. */
  private async runAsProcess(request: ExecRequest, cwd: vscode.Uri, secrets: string[]): Promise<ExecResult> {
    let aborted: number | undefined;
    const onAbort = () => (aborted = Date.now());
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const result = await runInProcess({ ...request, cwd: cwd.fsPath }, secrets);
    request.signal?.removeEventListener('abort', onAbort);
    if (aborted !== undefined) this.options.log.info(`run_command: stopped; the child process and its group ended ${Date.now() - aborted} ms after the abort`);
    return result;
  }
}
