// A virtual workspace: VS Code opened on a folder of the scheme `memfs` (served from memory by the test extension
// in test/vscode-virtual-extension), whose path also exists on this disk. There is no shell behind such a folder,
// so the agents must not be offered run_command and must be told why; the file tools work through VS Code's file
// system. Only `run-integration.mjs --virtual` opens such a window (AGENT_CHAT_TEST_WORKSPACE=virtual); in every
// other run the suite is not even declared (so it is neither run nor listed as skipped there: `npm test`'s step
// "vscode virtual" requires its tests to run). Titles carry [virtual]: that run keeps only those.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FakeServer } from '../fakes/server';
import { askBackend, systemOf } from './ask-backend';
import { useFakeAnthropic } from './fake-anthropic';

interface Answer {
  status: string;
  text: string;
}

const virtualRun = process.env.AGENT_CHAT_TEST_WORKSPACE === 'virtual';

(virtualRun ? describe : () => undefined)('a virtual workspace (no shell)', () => {
  const server = useFakeAnthropic();
  const ask = (prompt: string, ...replies: Parameters<FakeServer['enqueue']>) => askBackend<Answer>(server, prompt, ...replies);

  it('opens a memfs folder whose path also exists on this disk, trusted, with the chat active [virtual]', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.equal(folder?.scheme, 'memfs', `the window's folder: ${folder?.toString()}`);
    // The case the scheme alone decides: a same-named folder on disk must not make it look like a shell is there.
    assert.ok(existsSync(folder.fsPath), `${folder.fsPath} exists on disk too`);
    assert.equal(vscode.workspace.isTrusted, true, 'trusted, so only the missing shell can take run_command away');
    const { answer } = await ask('Hello?', { tokens: ['Hello.'] });
    assert.equal(answer.status, 'complete');
    const extension = vscode.extensions.getExtension('agent-chat.agent-chat');
    assert.ok(extension?.isActive, 'the extension activated without throwing');
  });

  it('does not offer run_command and tells the agents that no shell is here [virtual]', async () => {
    const { answer, bodies } = await ask('Run the tests, please.', { tokens: ['I cannot ', 'run them here.'] });
    assert.equal(answer.status, 'complete');
    assert.equal(bodies.length, 1);
    const offered = (bodies[0]!.tools ?? []).map((t) => t.name);
    assert.ok(offered.includes('read_file') && offered.includes('edit_file'), `the file tools are offered: ${offered.join(', ')}`);
    assert.ok(!offered.includes('run_command'), `run_command is not offered: ${offered.join(', ')}`);
    assert.match(systemOf(bodies[0]!), /You cannot run commands here \(this workspace has no shell to run them in\)/);
  });

  it('reads a file that exists only in the virtual folder [virtual]', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const only = vscode.Uri.joinPath(folder, 'only-in-memory.txt');
    await vscode.workspace.fs.writeFile(only, new TextEncoder().encode('held in memory, not on disk\n'));
    assert.equal(existsSync(only.fsPath), false, 'the file is not on disk');
    const { answer, bodies } = await ask(
      'What does only-in-memory.txt say?',
      { toolCalls: [{ id: 'toolu_virtual_read', name: 'read_file', arguments: { path: 'only-in-memory.txt' } }] },
      { tokens: ['It is held in memory.'] },
    );
    assert.equal(answer.status, 'complete');
    const result = bodies[1]?.messages.flatMap((m) => m.content).find((b) => b.type === 'tool_result' && b.tool_use_id === 'toolu_virtual_read');
    assert.ok(result, `a tool result in the second request: ${JSON.stringify(bodies[1]?.messages)}`);
    assert.notEqual(result.is_error, true);
    assert.match(JSON.stringify(result.content), /held in memory, not on disk/);
  });

  it('refuses a run_command call the model makes anyway with the reason, even one the user allowed to run without asking [virtual]', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'agent-chat-virtual-')), 'ran');
    const config = vscode.workspace.getConfiguration('agentChat');
    // Allowed without asking, so that if the tool were there the command would run rather than wait for a click.
    await config.update('commands.autoApprove', ['touch'], vscode.ConfigurationTarget.Global);
    try {
      const { answer, bodies } = await ask(
        'Touch a file.',
        { toolCalls: [{ id: 'toolu_virtual_cmd', name: 'run_command', arguments: { command: `touch ${marker}` } }] },
        { tokens: ['I cannot run commands here.'] },
      );
      assert.equal(answer.status, 'complete');
      const result = bodies[1]?.messages.flatMap((m) => m.content).find((b) => b.type === 'tool_result' && b.tool_use_id === 'toolu_virtual_cmd');
      assert.ok(result, `a tool result in the second request: ${JSON.stringify(bodies[1]?.messages)}`);
      assert.equal(result.is_error, true, `refused: ${JSON.stringify(result.content)}`);
      // With the reason the model can act on (hand the command to the user), not as an unknown tool.
      assert.match(String(result.content), /^run_command is not available in this workspace: it is a virtual folder with no shell to run commands in\./);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(existsSync(marker), false, 'the command never ran');
    } finally {
      await config.update('commands.autoApprove', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
