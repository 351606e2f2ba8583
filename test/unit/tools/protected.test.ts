import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { autoApprove, call, makeWorkspace, runnerFor, snapshot, writeTree, type TempWorkspace } from './helpers';

describe('tools: protected files and folders', () => {
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
  });
  afterEach(() => ws.cleanup());

  it('protects the new default credential files from reads and writes', async () => {
    const names = [
      '.npmrc', '.netrc', '.aws/credentials', 'deploy/.aws/credentials', '.pypirc', '.git-credentials', '.ssh/id_ecdsa',
      'certs/client.p12', 'certs/client.pfx', '.envrc', '.docker/config.json', '.kube/config', 'infra/prod.tfstate',
      'infra/prod.tfstate.backup', '.dev.vars', 'worker/.dev.vars.staging',
    ];
    await writeTree(ws.root, Object.fromEntries(names.map((n) => [n, 'TOKEN=abc\n'])));
    const runner = runnerFor([ws.root]);
    for (const name of names) {
      const read = await call(runner, 'read_file', { path: name });
      assert.equal(read.status, 'error', name);
      assert.match(read.content, /is a protected file \(matches/, name);
      assert.equal((await call(runner, 'write_file', { path: name, content: 'x' })).status, 'error', name);
    }
    const search = await call(runner, 'search_text', { query: 'TOKEN' });
    assert.match(search.content, /^No matches/);
  });

  it('lets agents read but never write the .vscode files that run code or redirect keys', async () => {
    const files = ['.vscode/settings.json', '.vscode/tasks.json', '.vscode/launch.json', '.vscode/mcp.json', '.vscode/extensions.json', 'app.code-workspace'];
    await writeTree(ws.root, Object.fromEntries(files.map((f) => [f, '{}\n'])));
    await fs.symlink(path.join(ws.root, '.vscode', 'settings.json'), path.join(ws.root, 'cfg.json'));
    const before = await snapshot(ws.root);
    const runner = runnerFor([ws.root]);
    for (const f of files) {
      assert.equal((await call(runner, 'read_file', { path: f })).status, 'ok', f);
      const attempts = [
        await call(runner, 'write_file', { path: f, content: '{"agentChat.anthropic.baseUrl":"https://attacker.example/"}' }),
        await call(runner, 'edit_file', { path: f, oldText: '{}', newText: '{"x":1}' }),
        await call(runner, 'delete_file', { path: f }),
      ];
      for (const r of attempts) {
        assert.equal(r.status, 'error', `${f}: ${r.content}`);
        assert.match(r.content, /is protected from changes .*redirect the API key.*Tell the user the exact change/, f);
      }
    }
    const viaLink = await call(runner, 'write_file', { path: 'cfg.json', content: '{"agentChat.secrets.allowAll":true}' });
    assert.match(viaLink.content, /protected from changes/);
    assert.equal((await call(runner, 'write_file', { path: 'sub/.vscode/tasks.json', content: '{}' })).status, 'error');
    assert.deepEqual(await snapshot(ws.root), before);
    const allowed = runnerFor([ws.root], { allowedSecretGlobs: ['.vscode/tasks.json'] });
    assert.equal((await call(allowed, 'write_file', { path: '.vscode/tasks.json', content: '{"version":"2.0.0"}\n' })).status, 'ok');
  });

  describe('a user-protected folder', () => {
    beforeEach(async () => {
      await writeTree(ws.root, { 'private/keys.txt': 'PRIVATE-KEY-MATERIAL\n', 'private/deep/more.txt': 'PRIVATE-KEY-MATERIAL\n' });
      await fs.symlink(path.join(ws.root, 'private'), path.join(ws.root, 'public'));
    });

    it('is not searched through a folder link, nor its names listed or found', async () => {
      const runner = runnerFor([ws.root], { secretGlobs: ['private/**'] });
      for (const args of [{ query: 'PRIVATE-KEY' }, { query: 'PRIVATE-KEY', path: 'public' }, { query: 'PRIVATE-KEY', path: 'public/deep' }]) {
        const r = await call(runner, 'search_text', args);
        assert.ok(!r.content.includes('PRIVATE-KEY-MATERIAL') && !/keys\.txt|more\.txt/.test(r.content), `${JSON.stringify(args)}: ${r.content}`);
      }
      for (const dir of ['private', 'public', 'public/deep', 'private/deep']) {
        const r = await call(runner, 'list_directory', { path: dir });
        assert.equal(r.status, 'error', dir);
        assert.match(r.content, /is a protected (folder|file) \(matches 'private\/\*\*'/, dir);
      }
      for (const args of [{ pattern: '**' }, { pattern: '*.txt' }, { pattern: '**', path: 'public' }]) {
        const r = await call(runner, 'find_files', args);
        assert.ok(!/keys\.txt|more\.txt/.test(r.content), `${JSON.stringify(args)}: ${r.content}`);
      }
      assert.match((await call(runner, 'read_file', { path: 'public/keys.txt' })).content, /protected file/);
    });

    it('still lists and searches folders that are not protected', async () => {
      const runner = runnerFor([ws.root], { secretGlobs: ['private/*.key'] });
      assert.equal((await call(runner, 'list_directory', { path: 'private' })).status, 'ok');
      assert.match((await call(runner, 'search_text', { query: 'PRIVATE-KEY', path: 'public' })).content, /public\/keys\.txt:1/);
    });
  });

  it('refuses to change a file with other hard links, which may be outside', async () => {
    await fs.link(path.join(ws.outside, 'secret.txt'), path.join(ws.root, 'shared.txt'));
    const before = await snapshot(ws.outside);
    const runner = runnerFor([ws.root]);
    const write = await call(runner, 'write_file', { path: 'shared.txt', content: 'overwritten\n' });
    assert.equal(write.status, 'error');
    assert.match(write.content, /has 2 hard links .*possibly outside the workspace/);
    assert.equal((await call(runner, 'edit_file', { path: 'shared.txt', oldText: 'TOP', newText: 'X' })).status, 'error');
    assert.deepEqual(await snapshot(ws.outside), before);
  });

  it('undo does not write through a path that became a link to .env', async () => {
    await writeTree(ws.root, { 'notes.txt': 'original\n', '.env': 'API_KEY=real\n' });
    const runner = runnerFor([ws.root]);
    const r = await call(runner, 'write_file', { path: 'notes.txt', content: 'API_KEY=real\n' }, autoApprove);
    assert.ok(r.change);
    // The file is replaced by a link to .env, whose content matches what the change left.
    await fs.rm(path.join(ws.root, 'notes.txt'));
    await fs.symlink(path.join(ws.root, '.env'), path.join(ws.root, 'notes.txt'));
    for (const force of [false, true]) {
      const undo = await runner.undo([r.change], { force });
      assert.deepEqual(undo.restored, []);
      assert.match(undo.conflicts[0]?.reason ?? '', /protected file \(matches '\.env'/);
    }
    assert.equal(await fs.readFile(path.join(ws.root, '.env'), 'utf8'), 'API_KEY=real\n');
  });

  it('names a symbolic link loop as one', async () => {
    await fs.symlink(path.join(ws.root, 'loop-b'), path.join(ws.root, 'loop-a'));
    await fs.symlink(path.join(ws.root, 'loop-a'), path.join(ws.root, 'loop-b'));
    const runner = runnerFor([ws.root]);
    for (const p of ['loop-a', 'loop-a/x.txt']) {
      const r = await call(runner, 'read_file', { path: p });
      assert.match(r.content, /goes through a symbolic link loop/, p);
      assert.doesNotMatch(r.content, /permission/);
    }
  });
});
