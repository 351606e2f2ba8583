// The parts of run_command and `#` references that only a real VS Code can show: the quick pick of
// *Manage Always-Allowed Commands* (and that a revoked command is asked again), *Open full output* opening the
// whole output in an editor, the `#terminal` recorder reading a real terminal through shell integration, and
// *Add File to Chat* attaching a workspace file. Each drives the extension's own class against the real API;
// the chat page is replaced by a list of what would be posted to it (the page's side is the E2E suite's).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../src/core/protocol/messages';
import type { ExecTool, ToolContext } from '../../src/core/tools/types';
import { ChatAttachments } from '../../src/extension/chat-attachments';
import { AlwaysAllowedCommands } from '../../src/extension/commands-run/always-allowed';
import { commandToolSource } from '../../src/extension/commands-run/command-tool';
import { FullOutputs } from '../../src/extension/commands-run/full-output';
import { TerminalRecorder } from '../../src/extension/terminal-recorder';
import { WorkspaceToolFileSystem } from '../../src/extension/workspace-fs';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Workspace state as VS Code keeps it, in memory for one test. */
class MemoryState implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(200)) {
    const found = await probe();
    if (found !== undefined) return found;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('run_command and # references in VS Code: always-allowed, full output, #terminal, Add File to Chat', () => {
  it('Manage Always-Allowed Commands lists the remembered commands, and a revoked one asks again', async () => {
    const allowed = new AlwaysAllowedCommands(new MemoryState());
    await allowed.remember('command:echo always-kept');
    await allowed.remember('command:npm test');
    const tool = commandToolSource({ execute: () => Promise.reject(new Error('not run here')) } as never, () => ({ autoApprove: [], deny: [], timeoutSeconds: 120 }), allowed).tools()[0] as ExecTool;
    const ctx = { fs: new WorkspaceToolFileSystem(), secrets: {} } as unknown as ToolContext;
    const verdict = async (command: string) => (await tool.judge({ command }, ctx)).verdict;
    assert.equal(await verdict('echo always-kept'), 'auto', 'an always-allowed command runs unasked');

    // The quick pick lists the commands in the order they were allowed; the first is checked and accepted.
    const managing = allowed.manage();
    await sleep(2_000);
    await vscode.commands.executeCommand('quickInput.first');
    await vscode.commands.executeCommand('quickInput.toggleCheckbox');
    await vscode.commands.executeCommand('quickInput.accept');
    await Promise.race([managing, sleep(20_000).then(() => Promise.reject(new Error('the quick pick was not answered')))]);

    assert.deepEqual(allowed.list(), ['npm test'], 'the picked command is revoked, the other kept');
    assert.equal(await verdict('echo always-kept'), 'ask', 'the revoked command asks again');
    assert.equal(await verdict('npm test'), 'auto');
  });

  it('Open full output opens an editor with the whole output, escapes and progress redraws cleaned', async () => {
    const outputs = new FullOutputs();
    const lines = Array.from({ length: 6_000 }, (_, i) => `line ${i + 1}`);
    outputs.add('t-big', '\u001b[32mSTART-OF-BIG\u001b[0m\n');
    outputs.add('t-big', 'progress 10%\rprogress 100%\n');
    for (let i = 0; i < lines.length; i += 500) outputs.add('t-big', `${lines.slice(i, i + 500).join('\n')}\n`);
    outputs.add('t-big', 'END-OF-BIG\n');
    outputs.add('t-other', 'another command\n');

    await outputs.open('t-big');
    const doc = await until('the output editor', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.getText().includes('END-OF-BIG') ? d : undefined;
    });
    const text = doc.getText();
    assert.equal(doc.lineAt(0).text, 'START-OF-BIG', 'the first line, its colour escapes removed');
    assert.ok(text.includes('\nprogress 10%\nprogress 100%\n'), "a progress bar's redraws are lines of their own");
    assert.ok(!text.includes('\r'), 'no carriage returns');
    assert.ok(text.includes('\nline 3000\n'), 'the middle, which the chat leaves out, is there');
    assert.ok(text.includes('\nline 6000\nEND-OF-BIG'), 'and the end');
    assert.ok(!text.includes('another command'), "only this command's output");
    assert.ok(!text.includes('\u001b'), 'no raw escapes');
    // Reverted, not saved: closing an untitled editor would ask whether to save it.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("#terminal: the recorder keeps a terminal's last command, its output and exit code; no output is said so", async function () {
    this.timeout(120_000); // up to 45 s for shell integration and 45 s for the run's events (one resend)
    const recorder = new TerminalRecorder();
    // The host's attachments (their own recorder of the same terminals), for what `#terminal` sends.
    const attachments = new ChatAttachments({ reveal: () => Promise.resolve(), post: () => undefined }, () => ({}));
    const terminal = vscode.window.createTerminal({ name: 'Agent Chat recorder test' });
    terminal.show(true);
    try {
      const shell = await until('shell integration', () => terminal.shellIntegration, 45_000).catch(() => undefined);
      if (!shell) return this.skip(); // no shell integration in this host: #terminal has nothing to record either
      // VS Code's `read()` yields only what the terminal prints after the extension hears the command started, so
      // an instant `echo` can finish before that and be recorded with no output (seen here); a command that takes a
      // moment, as users' do, is read whole.
      const command = 'sleep 1; echo RECORDED-$((6*7))';
      const recorded = () => {
        const r = recorder.lastRun();
        return r?.output.includes('RECORDED-42') && r.exitCode !== undefined ? r : undefined;
      };
      shell.executeCommand(command);
      // Sent the moment shell integration comes up, a command is now and then not reported at all: sent once more.
      let run = await until('the recorded run', recorded, 15_000).catch(() => undefined);
      if (!run) {
        shell.executeCommand(command);
        run = await until('the recorded run (sent again)', recorded, 30_000).catch(() => undefined);
      }
      // VS Code reported no execution at all (like a host without shell integration, above): nothing to record. A run
      // it did report but that was recorded wrongly fails, with what was recorded.
      if (!run && recorder.lastRun() === undefined) return this.skip();
      if (!run) assert.fail(`the run was recorded as ${JSON.stringify(recorder.lastRun())}`);
      assert.equal(run.command, command);
      assert.equal(run.exitCode, 0);
      assert.ok(!run.output.includes('\u001b'), 'escapes stripped');

      // A command that leaves no output (as an instant one can) is attached with a note saying so, not as silence.
      const quiet = 'sleep 1; true';
      shell.executeCommand(quiet);
      const [attached] = await until('the quiet run, attached', async () => {
        const records = await attachments.resolve([{ kind: 'terminal' }]);
        return records[0]?.content.startsWith(`$ ${quiet} (exit code 0)`) ? records : undefined;
      }, 30_000);
      assert.equal(attached?.label, `Terminal: ${quiet}`);
      assert.match(attached?.note ?? '', /^no output was captured: .*ask the user to paste it/);
      assert.match(attached?.shownNote ?? '', /^no output was captured: .*Paste its output into your message/);
    } finally {
      terminal.dispose();
      recorder.dispose();
      attachments.dispose();
    }
  });

  it('Add File to Chat attaches a workspace file (the Explorer\'s, else the active editor\'s), and its content goes with the message', async () => {
    const posted: HostToWebview[] = [];
    const attachments = new ChatAttachments({ reveal: () => Promise.resolve(), post: (m) => posted.push(m) }, () => ({}));
    try {
      const folder = vscode.workspace.workspaceFolders![0]!.uri;
      await attachments.addFile(vscode.Uri.joinPath(folder, 'src', 'server.ts'));
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder, 'src', 'app.ts'));
      await attachments.addFile();
      await attachments.addFile(vscode.Uri.file('/etc/hostname'));
      const added = posted.flatMap((m) => (m.type === 'attachmentAdded' ? [m.attachment] : []));
      assert.deepEqual(added, [
        { kind: 'file', path: 'src/server.ts' },
        { kind: 'file', path: 'src/app.ts' },
      ], 'a file outside the workspace is not attached');
      const [record] = await attachments.resolve([added[1]!]);
      assert.equal(record?.label, 'src/app.ts');
      assert.ok(record?.content.includes('export function greet'), 'the file content is attached');
    } finally {
      attachments.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
