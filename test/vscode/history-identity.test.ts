// Which history a window opens, in the real VS Code: a workspace file whose folders the extension host
// was not given is read for its first folder, and the key is the one VS Code's own folder URI gives
// (so a window that started before the folders were resolved still lists the folder's conversations).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { workspaceIdentity } from '../../src/extension/history';

describe('the history a workspace is keyed by', () => {
  const folder = vscode.workspace.workspaceFolders![0]!;
  const scratch = mkdtempSync(join(tmpdir(), 'agent chat identity '));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  function workspaceFile(name: string, text: string): vscode.Uri {
    const path = join(scratch, name);
    writeFileSync(path, text);
    return vscode.Uri.file(path);
  }

  it('is the first folder VS Code reports, whatever the workspace file says', () => {
    const file = workspaceFile('other.code-workspace', '{"folders":[{"path":"/somewhere/else"}]}');
    assert.equal(workspaceIdentity([folder], file), folder.uri.toString());
  });

  it('without the folders, is the same first folder read from the workspace file (relative path, absolute path, URI)', function () {
    if (folder.uri.scheme !== 'file') this.skip(); // A folder path in a workspace file names a file: folder.
    const own = folder.uri.toString();
    const written = [
      `{ // comments as users write them\n "folders": [ { "path": ${JSON.stringify(relative(scratch, folder.uri.fsPath))} }, { "path": "." }, ], }`,
      JSON.stringify({ folders: [{ path: folder.uri.fsPath }] }),
      JSON.stringify({ folders: [{ path: `${folder.uri.fsPath}/` }] }),
      JSON.stringify({ folders: [{ uri: own, name: 'named' }] }),
      JSON.stringify({ folders: [{ name: 'nowhere' }, { path: '' }, { path: folder.uri.fsPath }] }),
    ];
    for (const [i, text] of written.entries()) {
      assert.equal(workspaceIdentity([], workspaceFile(`w${i}.code-workspace`, text)), own, text);
    }
  });

  it('is the workspace file itself when it lists no folders or cannot be read', () => {
    for (const [name, text] of [['empty.code-workspace', '{"folders":[]}'], ['broken.code-workspace', '{"folders":[']] as const) {
      const file = workspaceFile(name, text);
      assert.equal(workspaceIdentity([], file), file.toString());
    }
    const missing = vscode.Uri.file(join(scratch, 'gone.code-workspace'));
    assert.equal(workspaceIdentity([], missing), missing.toString());
  });
});
