// Runs a command as a child process of the extension host: its own process group, the user's shell, no API keys in its environment.
import { scrubEnv } from './env';
import { OneAtATime, type CommandExecutor, type ExecRequest, type ExecResult } from './executor';
import { runCommand } from './process-runner';

/** The shell the user works with: $SHELL where set, else /bin/sh (never a shell a workspace could choose). */
export function userShell(): string {
  return process.env.SHELL || '/bin/sh';
}

/** Runs `request` in a child process (`request.cwd` a local path); `secretValues` are the keys the extension knows (never passed on). */
export async function runInProcess(request: ExecRequest, secretValues: readonly string[]): Promise<ExecResult> {
  const { env } = scrubEnv(process.env, { secretValues });
  const r = await runCommand({
    command: request.command,
    cwd: request.cwd,
    env,
    shell: userShell(),
    timeoutMs: request.timeoutMs,
    idleTimeoutMs: request.idleTimeoutMs,
    ...(request.signal ? { signal: request.signal } : {}),
    onOutput: (chunk) => request.onOutput(chunk),
  });
  return {
    exitCode: r.exitCode ?? undefined,
    durationMs: r.durationMs,
    timedOut: r.timedOut,
    idle: r.idle,
    cancelled: r.cancelled,
    where: 'process',
    ...(r.error ? { error: r.error } : {}),
  };
}

/** An executor that runs every command as a child process, one at a time. */
export function processExecutor(secretValues: () => Promise<readonly string[]> | readonly string[]): CommandExecutor {
  const queue = new OneAtATime();
  return { execute: (request) => queue.run(async () => runInProcess(request, await secretValues())) };
}
