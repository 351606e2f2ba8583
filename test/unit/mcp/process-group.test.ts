// A stdio server started through a wrapper (as `npx` starts one: a process whose children do the work)
// leaves nothing behind: dispose, and the wrapper crashing, both end its children too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Logger } from '../../../src/core/log';
import { McpConnection } from '../../../src/core/mcp/connection';
import { everythingEntry, until } from './harness';

// The wrapper starts a sleeper that ignores its stdin and the real server-everything on its own stdio,
// prints both pids, and exits with the server.
const wrapper = `
const { spawn } = require('node:child_process');
const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const server = spawn(process.execPath, [process.argv[1], 'stdio'], { stdio: 'inherit' });
process.stderr.write('grandchildren ' + sleeper.pid + ' ' + server.pid + '\\n');
server.on('exit', (code) => process.exit(code ?? 1));
`;

/** True while the process exists and is not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('MCP stdio server in its own process group', function () {
  this.timeout(30_000);
  if (process.platform !== 'linux') return;
  let connection: McpConnection | undefined;
  let started: number[] = [];
  afterEach(async () => {
    await connection?.dispose();
    connection = undefined;
    // Whatever a failed run left behind is ours to end.
    for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL');
    started = [];
  });

  async function startWrapped(): Promise<{ connection: McpConnection; grandchildren: number[] }> {
    const lines: string[] = [];
    const log: Logger = { debug() {}, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    const c = new McpConnection({ name: 'wrapped', type: 'stdio', command: process.execPath, args: ['-e', wrapper, everythingEntry], env: {} }, { log, callTimeoutMs: 10_000, onChange() {} });
    connection = c;
    await c.start();
    await until(() => lines.some((l) => /grandchildren \d+ \d+/.test(l)), 'the wrapper to print its children');
    const grandchildren = /grandchildren (\d+) (\d+)/.exec(lines.find((l) => /grandchildren/.test(l))!)!.slice(1).map(Number);
    started = [c.pid!, ...grandchildren];
    assert.ok(grandchildren.every(alive), 'both children run');
    const echo = await c.call('echo', { message: 'WRAPPED' }, {});
    assert.match(JSON.stringify(echo.content), /Echo: WRAPPED/);
    return { connection: c, grandchildren };
  }

  it('dispose ends the server and every process it started', async () => {
    const { connection: c, grandchildren } = await startWrapped();
    const pid = c.pid!;
    await c.dispose();
    await until(() => !alive(pid) && !grandchildren.some(alive), 'the wrapper and its children to end');
  });

  it('when the server process dies, the processes it started are ended too', async () => {
    const { connection: c, grandchildren } = await startWrapped();
    process.kill(c.pid!, 'SIGKILL');
    await until(() => !grandchildren.some(alive), 'the orphaned children to end');
  });
});
