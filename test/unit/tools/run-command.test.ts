// run_command through the real tool runner and a real child-process executor: what is offered where, what asks,
// what never runs, what the model reads back, and that output streams as it arrives.
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { processExecutor } from '../../../src/core/commands/process-executor';
import { DEFAULT_DENY_PATTERNS } from '../../../src/core/commands/patterns';
import type { ApprovalPolicy, ApprovalRequest } from '../../../src/core/tools/runner';
import { runCommandTool, type CommandSettings } from '../../../src/core/tools/run-command';
import { makeWorkspace, runnerFor, type TempWorkspace } from './helpers';

const defaults: CommandSettings = { autoApprove: [], deny: DEFAULT_DENY_PATTERNS, alwaysAllowed: [], defaultTimeoutSeconds: 20, maxTimeoutSeconds: 60, idleTimeoutSeconds: 10 };

function commandRunner(ws: TempWorkspace, settings: Partial<CommandSettings> = {}, trusted = true, shell = true) {
  const runner = runnerFor([ws.root], { trusted, shell });
  runner.addSource({ tools: () => [runCommandTool(processExecutor(() => ['sk-known-secret-value']), () => ({ ...defaults, ...settings }))] });
  return runner;
}

/** Answers every approval with `decision`, recording what was asked. */
function answering(decision: { approved: boolean; reason?: string }) {
  const asked: ApprovalRequest[] = [];
  const policy: ApprovalPolicy = { read: 'auto', write: 'ask', approve: async (r) => (asked.push(r), decision) };
  return { asked, policy };
}

let n = 0;
const run = (runner: ReturnType<typeof commandRunner>, args: Record<string, unknown>, policy: ApprovalPolicy, onOutput?: (t: string) => void, signal?: AbortSignal) =>
  runner.run({ id: `c${++n}`, name: 'run_command', arguments: args }, policy, signal, onOutput);

describe('run_command', () => {
  let ws: TempWorkspace;
  beforeEach(async () => (ws = await makeWorkspace()));
  afterEach(() => ws.cleanup());

  it('is offered only in a trusted workspace, and refuses to run in Restricted Mode', async () => {
    assert.ok(commandRunner(ws).definitions().some((d) => d.name === 'run_command'));
    const restricted = commandRunner(ws, {}, false);
    assert.ok(!restricted.definitions().some((d) => d.name === 'run_command'));
    const { asked, policy } = answering({ approved: true });
    const r = await run(restricted, { command: 'touch ran.txt' }, policy);
    assert.equal(r.status, 'unavailable');
    assert.match(r.content, /Restricted Mode/);
    assert.equal(asked.length, 0);
    assert.ok(!existsSync(path.join(ws.root, 'ran.txt')));
  });

  it('is not offered in a workspace without a shell, and refuses a call there with that reason, not as unknown', async () => {
    // The source still lists the tool here, so only the runner's own check keeps it out.
    const virtual = commandRunner(ws, { autoApprove: ['touch'] }, true, false);
    assert.ok(!virtual.definitions().some((d) => d.name === 'run_command'));
    assert.equal(await virtual.judge('run_command', { command: 'touch ran.txt' }), undefined);
    const { asked, policy } = answering({ approved: true });
    const r = await run(virtual, { command: 'touch ran.txt' }, policy);
    assert.equal(r.status, 'unavailable');
    assert.match(r.content, /^run_command is not available in this workspace: it is a virtual folder with no shell to run commands in\./);
    assert.equal(r.summary, 'run_command blocked (virtual workspace: no shell to run commands in)');
    assert.equal(asked.length, 0);
    assert.ok(!existsSync(path.join(ws.root, 'ran.txt')));
  });

  it('asks with the exact command and folder, then gives the model the exit code and output', async () => {
    const { asked, policy } = answering({ approved: true });
    const streamed: string[] = [];
    const r = await run(commandRunner(ws), { command: 'echo hello from $(pwd | xargs basename); exit 3', cwd: 'src' }, policy, (t) => streamed.push(t));
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.kind, 'exec');
    assert.equal(asked[0]?.title, 'Run echo hello from $(pwd | xargs basename); exit 3');
    assert.equal(asked[0]?.detail, 'in src');
    assert.equal(asked[0]?.alwaysAllowKey, 'command:echo hello from $(pwd | xargs basename); exit 3');
    assert.equal(r.status, 'ok');
    assert.equal(r.exitCode, 3);
    assert.match(r.content, /Exit code: 3/);
    assert.match(r.content, /hello from src/);
    assert.match(streamed.join(''), /hello from src/);
  });

  it('a rejection runs nothing and tells the model the reason', async () => {
    const { policy } = answering({ approved: false, reason: 'use npm test instead' });
    const r = await run(commandRunner(ws), { command: 'touch ran.txt' }, policy);
    assert.equal(r.status, 'rejected');
    assert.match(r.content, /use npm test instead/);
    assert.ok(!existsSync(path.join(ws.root, 'ran.txt')));
  });

  it('a denied command never runs, approved or not, and never reaches the approval', async () => {
    const { asked, policy } = answering({ approved: true });
    const r = await run(commandRunner(ws, { autoApprove: ['*'] }), { command: 'touch ran.txt && sudo touch ran2.txt' }, policy);
    assert.equal(r.status, 'error');
    assert.match(r.content, /Not run/);
    assert.equal(asked.length, 0);
    assert.ok(!existsSync(path.join(ws.root, 'ran.txt')));
  });

  it('runs without asking what every part of is auto-approved, or what the user always allowed exactly', async () => {
    const { asked, policy } = answering({ approved: false });
    const auto = await run(commandRunner(ws, { autoApprove: ['echo'] }), { command: 'echo a && echo b' }, policy);
    assert.equal(auto.status, 'ok');
    const always = await run(commandRunner(ws, { alwaysAllowed: ['touch ran.txt'] }), { command: 'touch ran.txt' }, policy);
    assert.equal(always.status, 'ok');
    assert.ok(existsSync(path.join(ws.root, 'ran.txt')));
    const other = await run(commandRunner(ws, { autoApprove: ['echo'], alwaysAllowed: ['touch ran.txt'] }), { command: 'echo a; touch other.txt' }, policy);
    assert.equal(other.status, 'rejected');
    assert.equal(asked.length, 1);
  });

  it('keeps cwd inside the workspace', async () => {
    const { asked, policy } = answering({ approved: true });
    for (const cwd of ['..', ws.outside, '../app-evil', 'link-dir', 'README.md']) {
      const r = await run(commandRunner(ws), { command: 'pwd', cwd }, policy);
      assert.equal(r.status, 'error', cwd);
    }
    assert.equal(asked.length, 0);
  });

  it('never passes the API keys the extension knows', async () => {
    process.env.AGENT_CHAT_TEST_VAR = 'prefix-sk-known-secret-value';
    process.env.SOME_API_KEY = 'whatever-it-is';
    try {
      const r = await run(commandRunner(ws, { autoApprove: ['env'] }), { command: 'env' }, answering({ approved: false }).policy);
      assert.equal(r.status, 'ok');
      assert.doesNotMatch(r.content, /sk-known-secret-value|whatever-it-is/);
    } finally {
      delete process.env.AGENT_CHAT_TEST_VAR;
      delete process.env.SOME_API_KEY;
    }
  });

  it('caps a 10 MB output for the model, head and tail kept', async () => {
    const script = path.join(ws.root, 'big.js');
    await fs.writeFile(script, "for (let i = 0; i < 100000; i++) process.stdout.write(`line ${i} ${'x'.repeat(90)}\\n`);");
    const r = await run(commandRunner(ws), { command: `node big.js` }, answering({ approved: true }).policy);
    assert.equal(r.exitCode, 0);
    assert.ok(r.content.length < 20_000, `${r.content.length} characters`);
    assert.match(r.content, /line 0 x/);
    assert.match(r.content, /line 99999 x/);
    assert.match(r.content, /lines \(.*MB\) left out/);
  });

  it('Stop ends the command and says so; a timeout too', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const r = await run(commandRunner(ws), { command: 'sleep 30' }, answering({ approved: true }).policy, undefined, stop.signal);
    assert.match(r.content, /Stopped by the user/);
    const t = await run(commandRunner(ws), { command: 'sleep 30', timeoutSeconds: 1 }, answering({ approved: true }).policy);
    assert.match(t.content, /Timed out after 1 s/);
  });
});
