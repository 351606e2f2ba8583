import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ApprovalPolicy, ApprovalRequest } from '../../../src/core/tools/runner';
import { toolDefinitions } from '../../../src/core/tools/runner';
import type { AppliedChange } from '../../../src/core/tools/types';
import { call, makeWorkspace, runnerFor, snapshot, writeTree, type TempWorkspace } from './helpers';

const read = (ws: TempWorkspace, rel: string) => fs.readFile(path.join(ws.root, rel), 'utf8');
const exists = (p: string) => fs.lstat(p).then(() => true, () => false);

describe('tools: write tools', () => {
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await writeTree(ws.root, {
      'crlf.txt': '\uFEFFalpha\r\nbeta\r\ngamma\r\n',
      'dup.txt': 'x = 1\nx = 1\n',
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'empty-dir/.keep': '',
    });
    await fs.rm(path.join(ws.root, 'empty-dir/.keep'));
  });
  afterEach(() => ws.cleanup());

  it('write_file creates a file with its parent folders, and replaces an existing one', async () => {
    const runner = runnerFor([ws.root]);
    const created = await call(runner, 'write_file', { path: 'new/deep/file.ts', content: 'a\nb\n' });
    assert.equal(created.status, 'ok');
    assert.equal(created.content, 'Done: Create new/deep/file.ts (2 lines).');
    assert.equal(await read(ws, 'new/deep/file.ts'), 'a\nb\n');
    assert.deepEqual(created.change?.createdDirs, [path.join(ws.root, 'new'), path.join(ws.root, 'new/deep')]);
    const replaced = await call(runner, 'write_file', { path: 'README.md', content: '# New\n' });
    assert.equal(replaced.change?.kind, 'modify');
    assert.equal(replaced.change?.before, '# App\n');
    assert.equal(await read(ws, 'README.md'), '# New\n');
    assert.match((await call(runner, 'write_file', { path: 'README.md', content: '# New\n' })).content, /already has this content/);
    assert.match((await call(runner, 'write_file', { path: 'src', content: 'x' })).content, /is a directory/);
    assert.match((await call(runner, 'write_file', { path: 'README.md/x.ts', content: 'x' })).content, /'README\.md' is a file/);
  });

  it('edit_file replaces exactly one occurrence and keeps CRLF and the BOM', async () => {
    const runner = runnerFor([ws.root]);
    const r = await call(runner, 'edit_file', { path: 'crlf.txt', oldText: 'alpha\nbeta', newText: 'ALPHA\nBETA\nextra' });
    assert.equal(r.status, 'ok', r.content);
    assert.equal(await read(ws, 'crlf.txt'), '\uFEFFALPHA\r\nBETA\r\nextra\r\ngamma\r\n');
  });

  it('edit_file fails clearly when the text is missing, repeated, or the file is unsuitable', async () => {
    const runner = runnerFor([ws.root]);
    assert.match((await call(runner, 'edit_file', { path: 'src/app.ts', oldText: 'nope', newText: 'x' })).content, /oldText was not found in 'src\/app\.ts'.*exactly/);
    assert.match((await call(runner, 'edit_file', { path: 'src/app.ts', oldText: '1\texport const app', newText: 'x' })).content, /line-number prefixes/);
    assert.equal((await call(runner, 'edit_file', { path: 'dup.txt', oldText: 'x = 1', newText: 'x = 2' })).content, "oldText occurs 2 times in 'dup.txt'; include more surrounding lines so it matches exactly once.");
    assert.match((await call(runner, 'edit_file', { path: 'missing.ts', oldText: 'a', newText: 'b' })).content, /does not exist\. Use write_file/);
    assert.match((await call(runner, 'edit_file', { path: 'latin1.txt', oldText: 'caf', newText: 'x' })).content, /not valid UTF-8/);
    assert.match((await call(runner, 'edit_file', { path: 'dup.txt', oldText: 'x', newText: 'x' })).content, /identical/);
    assert.equal(await read(ws, 'dup.txt'), 'x = 1\nx = 1\n');
  });

  it('create_directory and delete_file, with their refusals', async () => {
    const runner = runnerFor([ws.root]);
    assert.equal((await call(runner, 'create_directory', { path: 'a/b' })).status, 'ok');
    assert.ok((await fs.stat(path.join(ws.root, 'a/b'))).isDirectory());
    assert.match((await call(runner, 'create_directory', { path: 'a/b' })).content, /already exists/);
    assert.match((await call(runner, 'create_directory', { path: 'README.md' })).content, /not a directory/);
    assert.equal((await call(runner, 'delete_file', { path: 'README.md' })).change?.before, '# App\n');
    assert.equal(await exists(path.join(ws.root, 'README.md')), false);
    assert.equal((await call(runner, 'delete_file', { path: 'empty-dir' })).status, 'ok');
    assert.match((await call(runner, 'delete_file', { path: 'src' })).content, /not empty \(1 entry\)/);
    assert.match((await call(runner, 'delete_file', { path: '.' })).content, /Refusing to delete the workspace folder/);
    assert.match((await call(runner, 'delete_file', { path: ws.root })).content, /Refusing to delete the workspace folder/);
    assert.match((await call(runner, 'delete_file', { path: 'inner-link.ts' })).content, /symbolic link/);
    assert.match((await call(runner, 'delete_file', { path: 'gone.txt' })).content, /does not exist/);
  });

  it('undo restores exactly what was modified, created and deleted', async () => {
    const runner = runnerFor([ws.root]);
    const before = await snapshot(ws.root);
    const results = [
      await call(runner, 'edit_file', { path: 'crlf.txt', oldText: 'beta', newText: 'BETA' }),
      await call(runner, 'write_file', { path: 'src/app.ts', content: 'replaced\n' }),
      await call(runner, 'create_directory', { path: 'made/here' }),
      await call(runner, 'write_file', { path: 'made/here/new.ts', content: 'new\n' }),
      await call(runner, 'write_file', { path: 'fresh/dir/file.txt', content: 'fresh' }),
      await call(runner, 'edit_file', { path: 'src/app.ts', oldText: 'replaced', newText: 'twice' }),
      await call(runner, 'delete_file', { path: 'latin1.txt' }),
      await call(runner, 'delete_file', { path: 'empty-dir' }),
    ];
    for (const r of results) assert.equal(r.status, 'ok', r.content);
    assert.notDeepEqual(await snapshot(ws.root), before);
    const undo = await runner.undo(results.map((r) => r.change as AppliedChange));
    assert.deepEqual(undo.conflicts, []);
    assert.equal(undo.restored.length, 8);
    assert.deepEqual(await snapshot(ws.root), before);
  });

  it('undo leaves files the user changed afterwards, unless forced', async () => {
    const runner = runnerFor([ws.root]);
    const r = await call(runner, 'write_file', { path: 'README.md', content: 'agent\n' });
    await fs.writeFile(path.join(ws.root, 'README.md'), 'user edit\n');
    const undo = await runner.undo([r.change as AppliedChange]);
    assert.deepEqual(undo.conflicts, [{ path: 'README.md', reason: 'changed since the agent modified it' }]);
    assert.equal(await read(ws, 'README.md'), 'user edit\n');
    await runner.undo([r.change as AppliedChange], { force: true });
    assert.equal(await read(ws, 'README.md'), '# App\n');
  });

  describe('approval', () => {
    const asking = (decide: (req: ApprovalRequest) => Promise<{ approved: boolean; reason?: string }>): ApprovalPolicy => ({ read: 'auto', write: 'ask', approve: decide });

    it('shows the proposed change and leaves the file unchanged when rejected', async () => {
      const runner = runnerFor([ws.root]);
      const seen: ApprovalRequest[] = [];
      const r = await call(runner, 'edit_file', { path: 'README.md', oldText: 'App', newText: 'Hacked' }, asking(async (req) => {
        seen.push(req);
        return { approved: false, reason: 'keep the title' };
      }));
      assert.equal(r.status, 'rejected');
      assert.equal(r.isError, true);
      assert.match(r.content, /rejected .*nothing was changed\. Reason: keep the title\. Do not retry/);
      assert.equal(r.change, undefined);
      assert.equal(await read(ws, 'README.md'), '# App\n');
      assert.equal(seen.length, 1);
      assert.deepEqual({ ...seen[0]?.change, beforeDigest: '' }, {
        tool: 'edit_file', path: 'README.md', absolute: path.join(ws.root, 'README.md'), kind: 'modify',
        before: '# App\n', after: '# Hacked\n', beforeDigest: '', summary: 'Edit README.md (replace 1 line with 1 line)',
        shown: 'Edit README.md (replace 1 line with 1 line)',
      });
    });

    it('applies when approved; does not ask for reads under an auto read policy', async () => {
      const runner = runnerFor([ws.root]);
      let asked = 0;
      const policy = asking(async () => (asked++, { approved: true }));
      assert.equal((await call(runner, 'write_file', { path: 'ok.txt', content: 'ok' }, policy)).status, 'ok');
      assert.equal((await call(runner, 'read_file', { path: 'ok.txt' }, policy)).status, 'ok');
      assert.equal(asked, 1);
      assert.equal(await read(ws, 'ok.txt'), 'ok');
    });

    it('refuses to apply over a file that changed while the user was deciding', async () => {
      const runner = runnerFor([ws.root]);
      const r = await call(runner, 'write_file', { path: 'README.md', content: 'agent' }, asking(async () => {
        await fs.writeFile(path.join(ws.root, 'README.md'), 'user typed meanwhile');
        return { approved: true };
      }));
      assert.equal(r.status, 'error');
      assert.match(r.content, /changed after this change was proposed/);
      assert.equal(await read(ws, 'README.md'), 'user typed meanwhile');
    });
  });

  describe('Restricted Mode', () => {
    it('offers only read tools and refuses write tools', async () => {
      assert.deepEqual(toolDefinitions({ trusted: false }).map((d) => d.name), ['read_file', 'list_directory', 'find_files', 'search_text']);
      assert.equal(toolDefinitions({ trusted: true }).length, 8);
      const runner = runnerFor([ws.root], { trusted: false });
      assert.equal(runner.definitions().length, 4);
      const before = await snapshot(ws.root);
      for (const [name, args] of [['write_file', { path: 'x.txt', content: 'x' }], ['edit_file', { path: 'README.md', oldText: 'App', newText: 'X' }], ['create_directory', { path: 'd' }], ['delete_file', { path: 'README.md' }]] as const) {
        const r = await call(runner, name, args);
        assert.equal(r.status, 'unavailable');
        assert.match(r.content, /Restricted Mode/);
      }
      assert.deepEqual(await snapshot(ws.root), before);
      assert.equal((await call(runner, 'read_file', { path: 'README.md' })).status, 'ok');
      runner.update({ trusted: true });
      assert.equal((await call(runner, 'write_file', { path: 'x.txt', content: 'x' })).status, 'ok');
    });
  });
});
