// The seam between the run_command tool and whatever runs commands (a VS Code terminal, a child process).

export interface ExecRequest {
  command: string;
  /** Absolute folder, in the tool file system's path flavour (already confined to the workspace). */
  cwd: string;
  timeoutMs: number;
  /** No output for this long ends the command: one waiting for input never gets any. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** Raw output as it arrives (escapes and CRLF included). */
  onOutput(chunk: string): void;
}

export interface ExecResult {
  /** Undefined when the shell did not report one (killed, or a terminal without shell integration's exit code). */
  exitCode: number | undefined;
  durationMs: number;
  timedOut: boolean;
  idle: boolean;
  cancelled: boolean;
  /** Where it ran, for the model and the log. */
  where: 'terminal' | 'process';
  /** Set when the command could not be started at all. */
  error?: string;
}

export interface CommandExecutor {
  /** Runs one command; the executor runs one at a time (a second call waits for the first). */
  execute(request: ExecRequest): Promise<ExecResult>;
}

/** Runs `work` after everything queued before it has finished, so commands never overlap. */
export class OneAtATime {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
