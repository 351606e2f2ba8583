// run_command and the MCP proxy tool as VS Code language-model tools, called through `vscode.lm.invokeTool`
// as VS Code's Chat calls them: our rules decide first (deny list, autoApprove), and the proxy tool runs only
// MCP tools, never a file tool (which would skip the file tools' own confirmation).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

async function invoke(name: string, input: Record<string, unknown>): Promise<string> {
  const result = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

describe("VS Code's tools: run_command and MCP through VS Code's Chat", () => {
  const folder = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const config = () => vscode.workspace.getConfiguration('agentChat');
  after(async () => {
    await config().update('commands.autoApprove', undefined, vscode.ConfigurationTarget.Global);
    for (const f of ['native-it-denied.txt', 'native-it-proxy.txt']) fs.rmSync(path.join(folder(), f), { force: true });
  });

  it('lists both tools', () => {
    const names = vscode.lm.tools.map((t) => t.name);
    assert.ok(names.includes('agentChat_run_command'));
    assert.ok(names.includes('agentChat_mcp_tool'));
  });

  it('a command on the deny list is not run', async () => {
    const text = await invoke('agentChat_run_command', { command: 'sudo touch native-it-denied.txt' });
    assert.match(text, /^Not run/);
    assert.equal(fs.existsSync(path.join(folder(), 'native-it-denied.txt')), false);
  });

  it('an auto-approved command runs and its output comes back', async () => {
    await config().update('commands.autoApprove', ['echo'], vscode.ConfigurationTarget.Global);
    const text = await invoke('agentChat_run_command', { command: 'echo NATIVE-IT-$((2*21))' });
    assert.match(text, /NATIVE-IT-42/);
    assert.match(text, /Exit code: 0/);
  });

  it('the MCP proxy tool refuses a file tool', async () => {
    const text = await invoke('agentChat_mcp_tool', { tool: 'write_file', arguments: { path: 'native-it-proxy.txt', content: 'bypass' } });
    assert.match(text, /nothing was run/);
    assert.equal(fs.existsSync(path.join(folder(), 'native-it-proxy.txt')), false);
  });
});
