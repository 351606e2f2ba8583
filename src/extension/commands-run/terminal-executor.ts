// Runs a command in the reused "Agent Chat" terminal through VS Code's shell integration, where the user can watch it.
import * as vscode from 'vscode';
import type { ExecRequest, ExecResult } from '../../core/commands/executor';
import type { Logger } from '../../core/log';
import { descendants, interruptAll, killAll } from './process-tree';

export const TERMINAL_NAME = 'Agent Chat';
/** How long a new terminal gets to report shell integration: about 3 s on an idle machine, over 10 s on a loaded one. */
const SHELL_INTEGRATION_WAIT_MS = 20_000;
/** After Ctrl+C, how long the command gets to end before what it started is killed. */
const INTERRUPT_GRACE_MS = 100;
/** Then, after SIGINT straight to what still runs, how long it gets before it is killed. */
const DIRECT_INTERRUPT_GRACE_MS = 150;

type EndReason = 'timedOut' | 'idle' | 'cancelled';

function waitForIntegration(terminal: vscode.Terminal, ms: number): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return Promise.resolve(terminal.shellIntegration);
  return new Promise((resolve) => {
    const done = (si: vscode.TerminalShellIntegration | undefined) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(si);
    };
    const timer = setTimeout(() => done(terminal.shellIntegration), ms);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal === terminal) done(e.shellIntegration);
    });
  });
}

function quoteForShell(path: string): string {
  return `'${path.replace(/'/g, `'\\''`)}'`;
}

export class TerminalExecutor implements vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  /** Set once a terminal failed to bring up shell integration: later commands go straight to the fallback. */
  private unsupported = false;
  private readonly closed: vscode.Disposable;

  constructor(private readonly log: Logger) {
    this.closed = vscode.window.onDidCloseTerminal((t) => {
      if (t === this.terminal) this.terminal = undefined;
    });
  }

  dispose(): void {
    this.closed.dispose();
    this.terminal?.dispose();
  }

  /** The terminal's shell integration, creating the terminal (without the variables in `hiddenEnv`) if needed; undefined when it does not come up.
   * (`null` removes a variable from what the terminal inherits.) */
  async integration(cwd: vscode.Uri, hiddenEnv: Record<string, null>): Promise<{ terminal: vscode.Terminal; si: vscode.TerminalShellIntegration } | undefined> {
    if (this.unsupported) return undefined;
    if (!this.terminal) {
      this.terminal = vscode.window.createTerminal({ name: TERMINAL_NAME, cwd, env: hiddenEnv, isTransient: true });
      // Shown (without taking the focus) so the user sees what runs; the workbench also starts rendering it.
      this.terminal.show(true);
    }
    const terminal = this.terminal;
    const waited = Date.now();
    const si = await waitForIntegration(terminal, SHELL_INTEGRATION_WAIT_MS);
    this.log.info(`run_command: shell integration ${si ? `ready after ${Date.now() - waited} ms` : `not ready after ${SHELL_INTEGRATION_WAIT_MS} ms`}`);
    if (!si) {
      this.unsupported = true;
      return undefined;
    }
    return { terminal, si };
  }

  /** Runs the command in the terminal; resolves when the shell reports its end (or it was ended). */
  async run(request: ExecRequest, cwd: vscode.Uri, found: { terminal: vscode.Terminal; si: vscode.TerminalShellIntegration }): Promise<ExecResult> {
    const { terminal, si } = found;
    if (si.cwd?.fsPath !== cwd.fsPath) await this.runQuietly(si, `cd ${quoteForShell(cwd.fsPath)}`);
    const started = Date.now();
    const shellPid = await terminal.processId;
    const ended: Record<EndReason, boolean> = { timedOut: false, idle: false, cancelled: false };
    const execution = si.executeCommand(request.command);
    const finished = this.endOf(execution, terminal);
    let idleTimer: NodeJS.Timeout | undefined;
    const end = (reason: EndReason) => {
      if (Object.values(ended).some(Boolean)) return;
      ended[reason] = true;
      void this.interrupt(terminal, shellPid, finished, reason);
    };
    const resetIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => end('idle'), request.idleTimeoutMs);
    };
    const timeout = setTimeout(() => end('timedOut'), request.timeoutMs);
    const onAbort = () => end('cancelled');
    request.signal?.addEventListener('abort', onAbort);
    if (request.signal?.aborted) onAbort();
    resetIdle();
    const reading = (async () => {
      for await (const data of execution.read()) {
        resetIdle();
        request.onOutput(data);
      }
    })();
    const exitCode = await finished;
    // The stream ends with the execution; a little grace lets its last piece arrive.
    await Promise.race([reading.catch(() => undefined), new Promise((r) => setTimeout(r, 300))]);
    clearTimeout(timeout);
    clearTimeout(idleTimer);
    request.signal?.removeEventListener('abort', onAbort);
    return { exitCode, durationMs: Date.now() - started, ...ended, where: 'terminal' };
  }

  private endOf(execution: vscode.TerminalShellExecution, terminal: vscode.Terminal): Promise<number | undefined> {
    return new Promise((resolve) => {
      const listeners = [
        vscode.window.onDidEndTerminalShellExecution((e) => {
          if (e.execution === execution) finish(e.exitCode);
        }),
        vscode.window.onDidCloseTerminal((t) => {
          if (t === terminal) finish(undefined);
        }),
      ];
      const finish = (code: number | undefined) => {
        listeners.forEach((l) => l.dispose());
        resolve(code);
      };
    });
  }

  /** Ctrl+C; whatever the command started and left running shortly after is killed, and a stuck terminal closed. */
  private async interrupt(terminal: vscode.Terminal, shellPid: number | undefined, finished: Promise<unknown>, reason: EndReason): Promise<void> {
    const began = Date.now();
    const running = async (): Promise<number[]> => (shellPid !== undefined ? descendants(shellPid) : []);
    const started = await running();
    terminal.sendText('\x03', false);
    const sent = Date.now() - began;
    const endsWithin = (ms: number) => Promise.race([finished.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
    let endedInTime = await endsWithin(INTERRUPT_GRACE_MS);
    let direct = '';
    if (!endedInTime) {
      // The Ctrl+C goes through the terminal's process and can be late on a busy machine. A command killed rather
      // than interrupted lets the shell go on with the rest of its line (`wait-for-input; rm x` would run
      // `rm x`), so what still runs gets the interrupt straight away before it is killed. Only now: sent at once,
      // a process would get two (some tools read a second Ctrl+C as "quit now"), and a background job the
      // line waits on would end before the shell heard the Ctrl+C.
      interruptAll(await running());
      direct = `, SIGINT sent directly ${Date.now() - began} ms after it`;
      endedInTime = await endsWithin(DIRECT_INTERRUPT_GRACE_MS);
    }
    const killed = [...new Set([...started, ...(await running())])];
    killAll(killed);
    this.log.info(`run_command: ${reason}: Ctrl+C sent ${sent} ms after the abort${direct}, ${killed.length} process(es) killed ${Date.now() - began} ms after it (${endedInTime ? 'the command had ended' : 'the command had not ended'})`);
    if (!endedInTime && !(await endsWithin(500))) {
      this.terminal = undefined;
      terminal.dispose();
    }
  }

  private async runQuietly(si: vscode.TerminalShellIntegration, line: string): Promise<void> {
    const execution = si.executeCommand(line);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), 2_000);
      const listener = vscode.window.onDidEndTerminalShellExecution((e) => {
        if (e.execution === execution) done();
      });
      const done = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
    });
  }
}
