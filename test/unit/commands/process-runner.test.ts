import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { scrubEnv } from '../../../src/core/commands/env';
import { runCommand, type RunOptions, type RunResult } from '../../../src/core/commands/process-runner';

/** Alive and not a zombie waiting for a parent that does not reap it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function allGone(pids: number[]): Promise<boolean> {
  for (let k = 0; k < 40 && pids.some(isAlive); k++) await new Promise((r) => setTimeout(r, 50));
  return !pids.some(isAlive);
}

function run(command: string, extra: Partial<RunOptions> = {}): Promise<RunResult & { output: string }> {
  let output = '';
  const options: RunOptions = {
    command,
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    shell: '/bin/sh',
    timeoutMs: 20_000,
    idleTimeoutMs: 20_000,
    ...extra,
    onOutput: () => undefined,
  };
  options.onOutput = (chunk) => {
    output += chunk;
    extra.onOutput?.(chunk);
  };
  return runCommand(options).then((r) => ({ ...r, output }));
}

// Prints the pids of two background sleeps and of the shell, then waits for them.
const SPAWNS_CHILDREN = 'sleep 60 & echo "pid $!"; sleep 60 & echo "pid $!"; echo "pid $$"; wait';
const pidsIn = (output: string): number[] => [...output.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));

describe('commands: process runner', () => {
  it('passes the exit code through and keeps the output in order', async () => {
    const r = await run('for i in $(seq 1 2000); do echo $i; done; echo err >&2; exit 3');
    assert.equal(r.exitCode, 3);
    assert.equal(r.output.split('\n').slice(0, 2000).join(','), Array.from({ length: 2000 }, (_, k) => k + 1).join(','));
    assert.match(r.output, /err\n$/);
    assert.deepEqual([r.timedOut, r.idle, r.cancelled], [false, false, false]);
  });

  it('gives a command that reads input an immediate end of file', async () => {
    const r = await run('read line; echo "read returned $? with [$line]"; cat; echo done');
    assert.equal(r.output, 'read returned 1 with []\ndone\n');
  });

  it('does not pass known keys to the command', async () => {
    const key = 'sk-fake-0123456789abcdef';
    const { env } = scrubEnv({ ...process.env, ANTHROPIC_API_KEY: key, SOMETHING: key, VISIBLE: 'yes' }, { secretValues: [key] });
    const r = await run('env', { env });
    assert.match(r.output, /^VISIBLE=yes$/m);
    assert.ok(!r.output.includes(key));
  });

  it('Stop ends the shell and every process it started', async () => {
    const controller = new AbortController();
    let seen = '';
    const result = run(SPAWNS_CHILDREN, {
      signal: controller.signal,
      onOutput: (chunk) => {
        seen += chunk;
        if (pidsIn(seen).length === 3) controller.abort();
      },
    });
    const r = await result;
    const pids = pidsIn(r.output);
    assert.equal(pids.length, 3);
    assert.equal(r.cancelled, true);
    assert.ok(await allGone(pids), `still running: ${pids.filter(isAlive).join(', ')}`);
  });

  it('a timeout ends the whole group and says so', async () => {
    const r = await run(SPAWNS_CHILDREN, { timeoutMs: 1_000, killGraceMs: 200 });
    const pids = pidsIn(r.output);
    assert.equal(pids.length, 3);
    assert.deepEqual([r.timedOut, r.cancelled, r.idle], [true, false, false]);
    assert.ok(await allGone(pids), `still running: ${pids.filter(isAlive).join(', ')}`);
  });

  it('a command that falls silent is ended by the idle timeout', async () => {
    const r = await run('echo "pid $$"; sleep 60', { idleTimeoutMs: 500, killGraceMs: 200 });
    assert.deepEqual([r.idle, r.timedOut], [true, false]);
    assert.ok(await allGone(pidsIn(r.output)));
  });

  it('reports a folder that does not exist instead of throwing', async () => {
    const r = await run('echo hi', { cwd: '/no/such/folder/here' });
    assert.match(r.error ?? '', /ENOENT/);
  });
});
