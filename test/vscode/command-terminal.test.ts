// run_command in the "Agent Chat" terminal of a real VS Code: a command that waits for input (it has the
// terminal's input, which nobody types into) is ended by the idle limit, the process is gone, and the model is
// told why in words it can act on. Drives the extension's executor and the tool around it against the real
// terminal API (shell integration); the idle limit is 5 s here instead of 60.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Logger } from '../../src/core/log';
import { runCommandTool } from '../../src/core/tools/run-command';
import type { ToolContext } from '../../src/core/tools/types';
import { WorkspaceCommandExecutor } from '../../src/extension/commands-run/command-executor';
import { WorkspaceToolFileSystem } from '../../src/extension/workspace-fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return true;
  return check();
}

/** The run_command tool on the terminal executor (idle limit 5 s), what it logs, and a file for a pid. */
function terminalTool() {
  const logged: string[] = [];
  const log: Logger = { debug: () => {}, info: (m) => logged.push(m), warn: (m) => logged.push(m), error: (m) => logged.push(m) };
  const executor = new WorkspaceCommandExecutor({ secretValues: () => Promise.resolve([]), useTerminal: true, log });
  const pidFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'agent-chat-terminal-')), 'pid');
  const tool = runCommandTool(executor, () => ({ autoApprove: [], deny: [], alwaysAllowed: [], defaultTimeoutSeconds: 60, maxTimeoutSeconds: 60, idleTimeoutSeconds: 5 }));
  const ctx = { fs: new WorkspaceToolFileSystem(), secrets: {} } as unknown as ToolContext;
  return { logged, executor, pidFile, tool, ctx };
}

describe('run_command in the Agent Chat terminal', () => {
  it('a command waiting for input is ended by the idle limit, with everything it started, and the model is told why', async function () {
    this.timeout(120_000);
    const { logged, executor, pidFile, tool, ctx } = terminalTool();
    try {
      // `cat` reads the terminal's input and prints nothing until a line comes; none ever does. The pid is written
      // before the line it prints, so the silence (and the idle limit) starts after both.
      const command = `sh -c 'echo $$ > ${pidFile}; echo waiting for input; exec cat'; echo got past the prompt`;
      const result = await tool.execute({ command, timeoutSeconds: 40 }, ctx);
      console.log(`      the extension's log: ${logged.filter((l) => l.includes('idle') || l.includes('shell integration')).join(' | ')}`);
      assert.match(result.content, /^Ended after 5 s without output\. A command waiting for input .* never gets any here/, `the model is told why: ${result.content}`);
      assert.match(result.content, /ran in the Agent Chat terminal/, 'it ran in the terminal, through shell integration');
      assert.match(result.content, /waiting for input/, 'with what it printed');
      assert.doesNotMatch(result.content, /got past the prompt/, 'the rest of the line did not run');
      assert.ok(fs.existsSync(pidFile), `the waiting process wrote its pid (${result.content})`);
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      assert.ok(pid > 0, 'the waiting process wrote its pid');
      assert.ok(await waitFor(() => !alive(pid), 5_000), `the waiting process (${pid}) is gone`);
    } finally {
      executor.dispose();
      fs.rmSync(path.dirname(pidFile), { recursive: true, force: true });
    }
  });

  it('a command the Ctrl+C never reaches gets SIGINT straight away, so the shell drops the rest of its line', async function () {
    this.timeout(120_000);
    const { logged, executor, pidFile, tool, ctx } = terminalTool();
    try {
      // With no interrupt character the terminal passes Ctrl+C on as input: as if it arrived after the kill, the
      // way a busy machine can deliver it. Killed (SIGKILL), `cat` would let the shell print the last words;
      // interrupted (SIGINT), it ends the line. The terminal goes with the executor, and the setting with it.
      const command = `stty intr undef; sh -c 'echo $$ > ${pidFile}; echo waiting for input; exec cat'; echo got past the prompt`;
      const result = await tool.execute({ command, timeoutSeconds: 40 }, ctx);
      const interrupt = logged.find((l) => l.includes('Ctrl+C sent')) ?? '';
      console.log(`      the extension's log: ${interrupt}`);
      assert.match(result.content, /ran in the Agent Chat terminal/, `it ran in the terminal, through shell integration: ${result.content}`);
      assert.match(interrupt, /SIGINT sent directly/, 'the Ctrl+C did not end it, so SIGINT went straight to it');
      assert.doesNotMatch(result.content, /got past the prompt/, 'the rest of the line did not run');
      const pid = Number(fs.readFileSync(pidFile, 'utf8'));
      assert.ok(pid > 0 && (await waitFor(() => !alive(pid), 5_000)), `the waiting process (${pid}) is gone`);
    } finally {
      executor.dispose();
      fs.rmSync(path.dirname(pidFile), { recursive: true, force: true });
    }
  });
});
