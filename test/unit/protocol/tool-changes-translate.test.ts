// What the user reads about a write or a command (the approval's title, the row's summary) and about a failed call
// (the tool's own reason in its "failed" line) is in the user's language, while what the model reads stays English:
// real tools on a temporary workspace, run by a real ToolRunner with a pseudo-translation (see pseudo-translation.ts).
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { processExecutor } from '../../../src/core/commands/process-executor';
import { runCommandTool, type CommandSettings } from '../../../src/core/tools/run-command';
import type { ApprovalPolicy, ApprovalRequest, ToolRunner } from '../../../src/core/tools/runner';
import { call, makeWorkspace, runnerFor, writeTree, type TempWorkspace } from '../tools/helpers';
import { englishLeft, pseudo } from './pseudo-translation';

const commands: CommandSettings = { autoApprove: [], deny: ['rm -rf *'], alwaysAllowed: [], defaultTimeoutSeconds: 20, maxTimeoutSeconds: 60, idleTimeoutSeconds: 10 };

/** A runner whose tools (and run_command, with a real child-process executor) speak through `t`. */
function runnerWith(ws: TempWorkspace, t = pseudo): ToolRunner {
  const runner = runnerFor([ws.root], { t, locale: 'de' });
  runner.addSource({ tools: () => [runCommandTool(processExecutor(() => []), () => commands)] });
  return runner;
}

/** Approves (or rejects) every call, keeping what each approval showed. */
function deciding(approved: boolean): { asked: ApprovalRequest[]; policy: ApprovalPolicy } {
  const asked: ApprovalRequest[] = [];
  return { asked, policy: { read: 'auto', write: 'ask', approve: async (r) => (asked.push(r), { approved }) } };
}

/** Data the summaries carry as they are: paths, a command, tool names, a protecting rule. */
const data = ['notes/new.txt', 'README.md', 'src/app.ts', 'src/gone.ts', 'old.txt', 'empty', 'newdir', 'echo hi', 'echo no', 'rm -rf *', '.env', '../outside.txt', 'no/such', 'src'];
const names = ['write_file', 'edit_file', 'create_directory', 'delete_file', 'read_file', 'list_directory', 'find_files', 'search_text', 'run_command'];

describe('write and command summaries, and tool errors, in the user\'s language', () => {
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await writeTree(ws.root, { 'old.txt': 'bye\n', 'empty/.keep': '', '.env': 'KEY=1\n' });
    await fs.rm(path.join(ws.root, 'empty/.keep'));
  });
  afterEach(() => ws.cleanup());

  const writes: [string, Record<string, unknown>][] = [
    ['write_file', { path: 'notes/new.txt', content: 'one\ntwo\n' }],
    ['write_file', { path: 'README.md', content: '# Title\n' }],
    ['edit_file', { path: 'src/app.ts', oldText: 'app = 1', newText: 'app = 2' }],
    ['create_directory', { path: 'newdir' }],
    ['delete_file', { path: 'old.txt' }],
    ['delete_file', { path: 'empty' }],
  ];

  it('the approval title and the row of a write are translated; the model reads the English', async () => {
    const { asked, policy } = deciding(true);
    const runner = runnerWith(ws);
    for (const [name, args] of writes) {
      const r = await call(runner, name, args, policy);
      const request = asked.at(-1)!;
      assert.equal(r.status, 'ok', `${name}: ${r.content}`);
      assert.deepEqual(englishLeft(request.summary, data), [], `approval of ${name}: ${request.summary}`);
      assert.deepEqual(englishLeft(request.change?.shown ?? '', data), [], `diff title of ${name}`);
      assert.deepEqual(englishLeft(r.summary, data), [], `row of ${name}: ${r.summary}`);
      assert.equal(r.content, `Done: ${request.change?.summary}.`, 'the model is told in English');
      assert.match(r.content, /^Done: (Create|Rewrite|Edit|Delete)/);
    }
  });

  it('a rejected write and a command, asked, run, rejected and blocked', async () => {
    const rejecting = deciding(false);
    const runner = runnerWith(ws);
    const rejected = await call(runner, 'edit_file', { path: 'src/app.ts', oldText: 'app = 1', newText: 'app = 2' }, rejecting.policy);
    assert.deepEqual(englishLeft(rejected.summary, data), [], rejected.summary);
    assert.match(rejected.content, /^The user rejected this action \(Edit src\/app\.ts \(replace 1 line with 1 line\)\)/);

    const { asked, policy } = deciding(true);
    const ran = await call(runner, 'run_command', { command: 'echo hi' }, policy);
    assert.deepEqual(englishLeft(asked[0]!.summary, data), [], `approval: ${asked[0]!.summary}`);
    assert.deepEqual(englishLeft(asked[0]!.title ?? '', data), []);
    assert.deepEqual(englishLeft(asked[0]!.detail ?? '', ['.']), [], `folder line: ${asked[0]!.detail}`);
    assert.deepEqual(englishLeft(ran.summary, data), [], `row: ${ran.summary}`);
    assert.match(ran.summary, /\d,\d š\)$/, 'the duration is written as German writes it');
    assert.match(ran.content, /^Exit code: 0 · \d+\.\d s · ran as a child process\nOutput:\nhi/);

    const no = await call(runner, 'run_command', { command: 'echo no' }, rejecting.policy);
    assert.deepEqual(englishLeft(no.summary, data), [], no.summary);
    assert.match(no.content, /^The user rejected this action \(Run echo no\); nothing was run\./);
    const blocked = await call(runner, 'run_command', { command: 'rm -rf *' }, policy);
    assert.deepEqual(englishLeft(blocked.summary, data), [], blocked.summary);
    assert.match(blocked.content, /^Not run: Run rm -rf \* is on the user's deny list/);
  });

  it("a failed call's line gives the tool's reason translated; the model reads the English reason", async () => {
    const { policy } = deciding(true);
    const runner = runnerWith(ws);
    const english = runnerWith(ws, (m, ...a) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)])));
    const failing: [string, Record<string, unknown>][] = [
      ['read_file', { path: 'src/gone.ts' }],
      ['read_file', { path: 'src' }],
      ['read_file', { path: 'src/app.ts', startLine: 50 }],
      ['read_file', { path: '../outside.txt' }],
      ['read_file', { path: '.env' }],
      ['list_directory', { path: 'README.md' }],
      ['list_directory', { path: 'no/such' }],
      ['find_files', { pattern: '*', path: 'README.md' }],
      ['search_text', { query: '(', regex: true }],
      ['edit_file', { path: 'src/app.ts', oldText: 'not there', newText: 'x' }],
      ['edit_file', { path: 'src/gone.ts', oldText: 'a', newText: 'b' }],
      ['write_file', { path: 'README.md/x.txt', content: 'x' }],
      ['delete_file', { path: 'src/gone.ts' }],
      ['delete_file', { path: 'src' }],
      ['create_directory', { path: 'README.md' }],
      ['run_command', { command: 'echo hi', cwd: 'README.md' }],
    ];
    for (const [name, args] of failing) {
      const r = await call(runner, name, args, policy);
      assert.equal(r.status, 'error', `${name} ${JSON.stringify(args)} fails`);
      assert.deepEqual(englishLeft(r.summary, [...data, ...names, 'x.txt', '[', '(']), [], `${name} ${JSON.stringify(args)}: ${r.summary}`);
      // The model's text is the same English with or without a translator.
      assert.equal(r.content, (await call(english, name, args, policy)).content);
      assert.ok(englishLeft(r.content).length > 3, `${name}: the model reads English (${r.content})`);
    }
  });

  it('keeps the English exactly without a translator', async () => {
    const { asked, policy } = deciding(true);
    const runner = runnerFor([ws.root]);
    const r = await call(runner, 'edit_file', { path: 'src/app.ts', oldText: 'app = 1', newText: 'app = 2' }, policy);
    assert.equal(asked[0]?.summary, 'Edit src/app.ts (replace 1 line with 1 line)');
    assert.equal(r.summary, 'Edit src/app.ts (replace 1 line with 1 line)');
    const failed = await call(runner, 'read_file', { path: 'src/gone.ts' }, policy);
    assert.equal(failed.summary, 'read_file failed: src/gone.ts does not exist');
  });
});
