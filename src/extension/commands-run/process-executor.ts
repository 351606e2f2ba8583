// Runs a command as a child process of the extension host: its own process group, the user's shell, no API keys in its environment.
import { scrubEnv } from '../../core/commands/env';
import type { ExecRequest, ExecResult } from '../../core/commands/executor';
import { runCommand } from '../../core/commands/process-runner';

/** The shell the user works with: $SHELL where set, else /bin/sh (never a shell a workspace could choose). */
export function userShell(): string {
  return process.env.SHELL || '/bin/sh';
}

/** Runs `request` in a child process; `secretValues` are the keys the extension knows (never passed on). */
export async function runInProcess(request: ExecRequest, localCwd: string, secretValues: readonly string[]): Promise<ExecResult> {
  const { env } = scrubEnv(process.env, { secretValues });
  const r = await runCommand({
    command: request.command,
    cwd: localCwd,
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
