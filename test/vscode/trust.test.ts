// Workspace Trust and the agents' tools: what the model is offered, and what its system prompt says.
// The integration runner opens the sample folder either with Workspace Trust switched off (everything trusted;
// AGENT_CHAT_TEST_TRUST=disabled, the default) or, with `run-integration.mjs --trust`, with trust on and the
// folder never trusted, i.e. in Restricted Mode (AGENT_CHAT_TEST_TRUST=enabled). Each test below belongs to
// one of the two modes and is skipped in the other, so that a run in either mode checks its half.
// Titles carry [trust]: the Restricted Mode run of `npm test` runs only the tests so tagged.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeServer } from '../fakes/server';
import { askBackend, systemOf } from './ask-backend';
import { useFakeAnthropic } from './fake-anthropic';

interface Answer {
  author: string;
  text: string;
  status: string;
  toolCalls?: { name: string; status: string; result?: string }[];
}

const restrictedRun = process.env.AGENT_CHAT_TEST_TRUST === 'enabled';
const readTools = ['read_file', 'list_directory', 'find_files', 'search_text', 'get_problems'];
const writeTools = ['write_file', 'edit_file', 'create_directory', 'delete_file'];
/** Tools that act beyond files: offered only in a trusted workspace. */
const execTools = ['run_command'];

describe('workspace trust and tools', () => {
  const server = useFakeAnthropic();
  const ask = (prompt: string, ...replies: Parameters<FakeServer['enqueue']>) => askBackend<Answer>(server, prompt, ...replies);

  it('Restricted Mode: offers the model only reading tools and says so in the system prompt [trust]', async function () {
    if (!restrictedRun) this.skip(); // The trusted counterpart is the next test.
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opened the folder untrusted');
    const { answer, bodies } = await ask('Which tools do you have?', { tokens: ['Only ', 'reading ', 'ones.'] });
    assert.equal(answer.status, 'complete');
    assert.equal(bodies.length, 1);
    const offered = (bodies[0]!.tools ?? []).map((t) => t.name);
    assert.deepEqual(offered.filter((n) => readTools.includes(n)).sort(), [...readTools].sort(), `reading tools offered: ${offered.join(', ')}`);
    assert.deepEqual(offered.filter((n) => writeTools.includes(n) || execTools.includes(n)), [], `no write tool or command offered: ${offered.join(', ')}`);
    assert.match(systemOf(bodies[0]!), /Restricted Mode/);
  });

  it('Restricted Mode: a write tool the model calls anyway is refused and nothing changes on disk [trust]', async function () {
    if (!restrictedRun) this.skip();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const target = vscode.Uri.joinPath(folder, 'src', 'app.ts');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    const { answer, bodies } = await ask(
      'Change app.ts',
      { toolCalls: [{ id: 'toolu_restricted_1', name: 'write_file', arguments: { path: 'src/app.ts', content: 'overwritten' } }] },
      { tokens: ['I cannot change files here.'] },
    );
    assert.equal(answer.status, 'complete');
    assert.equal(answer.text, 'I cannot change files here.');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), original, 'the file is unchanged');
    // The refusal went back to the model as an error result of that call.
    const result = bodies[1]?.messages.flatMap((m) => m.content).find((b) => b.type === 'tool_result' && b.tool_use_id === 'toolu_restricted_1');
    assert.ok(result, `a tool result in the second request: ${JSON.stringify(bodies[1]?.messages)}`);
    assert.equal(result.is_error, true);
    assert.match(String(result.content), /Restricted Mode/);
  });

  it('Restricted Mode: a command the model runs anyway is refused with the reason and never runs [trust]', async function () {
    if (!restrictedRun) this.skip();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const marker = vscode.Uri.joinPath(folder, 'restricted-command-ran.txt');
    const { answer, bodies } = await ask(
      'Run something',
      { toolCalls: [{ id: 'toolu_restricted_cmd', name: 'run_command', arguments: { command: 'touch restricted-command-ran.txt' } }] },
      { tokens: ['I cannot run commands here.'] },
    );
    assert.equal(answer.status, 'complete');
    assert.equal(answer.text, 'I cannot run commands here.');
    await new Promise((r) => setTimeout(r, 500));
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(marker)), 'the command did not run');
    const result = bodies[1]?.messages.flatMap((m) => m.content).find((b) => b.type === 'tool_result' && b.tool_use_id === 'toolu_restricted_cmd');
    assert.ok(result, `a tool result in the second request: ${JSON.stringify(bodies[1]?.messages)}`);
    assert.equal(result.is_error, true);
    assert.match(String(result.content), /run_command is unavailable: this workspace is in Restricted Mode \(not trusted\)/);
  });

  it('trusted workspace: offers reading and writing tools, and the prompt says changes need approval [trust]', async function () {
    if (restrictedRun) this.skip(); // The Restricted Mode counterpart is the first test.
    assert.equal(vscode.workspace.isTrusted, true);
    const { answer, bodies } = await ask('Which tools do you have?', { tokens: ['All ', 'of ', 'them.'] });
    assert.equal(answer.status, 'complete');
    const offered = (bodies[0]!.tools ?? []).map((t) => t.name);
    assert.deepEqual([...offered].sort(), [...readTools, ...writeTools, ...execTools].sort());
    assert.doesNotMatch(systemOf(bodies[0]!), /Restricted Mode/);
    assert.match(systemOf(bodies[0]!), /approves changes/);
  });
});
