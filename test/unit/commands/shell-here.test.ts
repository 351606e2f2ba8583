// run_command is offered only where a shell can run in the workspace's folder: a folder on this host's disk, not a
// virtual workspace (a folder another extension serves, e.g. a GitHub repository) nor an untitled one.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellBehindFolder } from '../../../src/core/commands/shell-here';

describe('where run_command is offered', () => {
  let folder: string;
  before(() => (folder = mkdtempSync(join(tmpdir(), 'agent-chat-shell-'))));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('a folder on this disk (a local window, or a remote window on its remote side) has a shell', () => {
    assert.equal(shellBehindFolder({ scheme: 'file', fsPath: folder }), true);
    assert.equal(shellBehindFolder({ scheme: 'vscode-remote', fsPath: folder }), true);
  });

  it('a virtual workspace has none, even where a path of the same name exists on this disk', () => {
    assert.equal(shellBehindFolder({ scheme: 'vscode-vfs', fsPath: '/github/owner/repo' }), false);
    assert.equal(shellBehindFolder({ scheme: 'vscode-vfs', fsPath: folder }), false);
    assert.equal(shellBehindFolder({ scheme: 'memfs', fsPath: folder }), false);
    assert.equal(shellBehindFolder({ scheme: 'untitled', fsPath: folder }), false);
  });

  it('nor a folder that is gone, no folder, or a host without processes (VS Code for the Web)', () => {
    assert.equal(shellBehindFolder({ scheme: 'file', fsPath: join(folder, 'gone') }), false);
    assert.equal(shellBehindFolder(undefined), false);
    assert.equal(shellBehindFolder({ scheme: 'file', fsPath: folder }, false), false);
  });
});
