// Runs a command with the user's shell in its own process group, streaming output, with timeouts and Stop.
import { spawn } from 'node:child_process';

export interface RunOptions {
  command: string;
  cwd: string;
  /** Already scrubbed (see env.ts); nothing else is inherited. */
  env: Record<string, string>;
  /** Defaults to $SHELL from `env`, then /bin/sh. */
  shell?: string;
  timeoutMs: number;
  /** No output for this long ends the command (one waiting for input never gets any). */
  idleTimeoutMs: number;
  /** Time between SIGTERM and SIGKILL when the command is ended; Stop uses at most 250 ms. */
  killGraceMs?: number;
  signal?: AbortSignal;
  /** stdout and stderr, decoded as UTF-8, in the order they arrive. */
  onOutput: (chunk: string) => void;
}

export interface RunResult {
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  timedOut: boolean;
  idle: boolean;
  cancelled: boolean;
  /** Set when the command could not be started (missing folder or shell). */
  error?: string;
}

type EndReason = 'timedOut' | 'idle' | 'cancelled';
const STOP_GRACE_MS = 250;
// After the shell exits, output still buffered in the pipes gets this long to arrive.
const DRAIN_MS = 500;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Starts `command` and resolves when it and everything it started have ended. */
export function runCommand(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const shell = options.shell ?? options.env.SHELL ?? '/bin/sh';
  return new Promise((resolve) => {
    const child = spawn(shell, ['-c', options.command], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const ended: Record<EndReason, boolean> = { timedOut: false, idle: false, cancelled: false };
    const timers: NodeJS.Timeout[] = [];
    let idleTimer: NodeJS.Timeout | undefined;
    let exit: { code: number | null; signal: string | null } | undefined;
    let settled = false;

    const finish = (error?: string): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      clearTimeout(idleTimer);
      options.signal?.removeEventListener('abort', onAbort);
      const result: RunResult = { exitCode: exit?.code ?? null, signal: exit?.signal ?? null, durationMs: Date.now() - started, ...ended };
      resolve(error === undefined ? result : { ...result, error });
    };
    const end = (reason: EndReason, graceMs: number): void => {
      if (exit || settled) return;
      ended[reason] = true;
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGTERM');
      timers.push(setTimeout(() => child.pid !== undefined && signalGroup(child.pid, 'SIGKILL'), graceMs));
    };
    const onAbort = (): void => end('cancelled', Math.min(options.killGraceMs ?? STOP_GRACE_MS, STOP_GRACE_MS));
    const resetIdle = (): void => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => end('idle', options.killGraceMs ?? 2_000), options.idleTimeoutMs);
    };

    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        resetIdle();
        options.onOutput(chunk);
      });
    }
    child.on('error', (err) => finish(err.message));
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Whatever the command left running in the background goes with it.
      if (child.pid !== undefined) signalGroup(child.pid, 'SIGKILL');
      timers.push(setTimeout(() => finish(), DRAIN_MS));
    });
    child.on('close', () => finish());
    timers.push(setTimeout(() => end('timedOut', options.killGraceMs ?? 2_000), options.timeoutMs));
    resetIdle();
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort);
  });
}
