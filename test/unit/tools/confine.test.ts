import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { resolveInWorkspace } from '../../../src/core/tools/confine';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { call, makeWorkspace, runnerFor, secretText, snapshot, writeTree, type TempWorkspace } from './helpers';

/** Paths a model (or a prompt injection) might send to get out of the workspace. */
function hostilePaths(ws: TempWorkspace): [string, string][] {
  const { root, outside } = ws;
  return [
    ['parent traversal', '../outside/secret.txt'],
    ['deep traversal', '../../../../../../../../etc/passwd'],
    ['traversal after a folder', 'src/../../outside/secret.txt'],
    ['dot then traversal', './../outside/secret.txt'],
    ['dot segments and traversal', 'src/./../../outside/secret.txt'],
    ['bare ..', '..'],
    ['absolute system path', '/etc/passwd'],
    ['absolute path outside', path.join(outside, 'secret.txt')],
    ['absolute path with traversal', `${root}/../outside/secret.txt`],
    ['sibling prefix, absolute', path.join(`${root}-evil`, 'x.txt')],
    ['sibling prefix, relative', '../app-evil/x.txt'],
    ['file symlink pointing out', 'link-file.txt'],
    ['dir symlink pointing out', 'link-dir/secret.txt'],
    ['new file through a dir symlink', 'link-dir/new.txt'],
    ['dangling symlink pointing out', 'dangling.txt'],
    ['URL-encoded traversal', '%2e%2e%2foutside%2fsecret.txt'],
    ['URL-encoded dots, upper case', '%2E%2E/outside/secret.txt'],
    ['half-encoded slash', '..%2Foutside/secret.txt'],
    ['URL-encoded backslash', '..%5coutside%5csecret.txt'],
    ['URL-encoded NUL', 'src/app.ts%00.png'],
    ['NUL byte', 'a\0b.txt'],
    ['NUL byte before an extension', 'src/app.ts\0.png'],
    ['control characters', 'a\x1b[31m.txt'],
    ['longer than 4096 characters', `${'a/'.repeat(2100)}x.txt`],
    ['segment longer than 255', `${'x'.repeat(256)}.txt`],
    ['file URL', 'file:///etc/passwd'],
    ['file URL to the outside file', `file://${outside}/secret.txt`],
    ['https URL', 'https://example.com/secret.txt'],
    ['vscode-remote URI', 'vscode-remote://ssh-remote+host/etc/passwd'],
    ['home expansion', '~/.ssh/id_rsa'],
    ['other user home', '~root/.bashrc'],
    ['Windows drive, backslashes', 'C:\\Windows\\win.ini'],
    ['Windows drive, forward slashes', 'c:/Windows/win.ini'],
    ['Windows drive-relative', 'C:secret.txt'],
    ['UNC path', '\\\\server\\share\\secret.txt'],
    ['UNC path, forward slashes', '//server/share/secret.txt'],
    ['Win32 device path', '\\\\?\\C:\\secret.txt'],
    ['Win32 device namespace', '\\\\.\\PhysicalDrive0'],
    ['device name CON', 'CON'],
    ['device name with extension', 'nul.txt'],
    ['device name in a folder', 'src/COM1.ts'],
    ['device name LPT9', 'lpt9'],
    ['device name, double extension', 'aux.tar.gz'],
    ['device name with trailing space', 'con .txt'],
    ['alternate data stream', 'README.md:hidden'],
    ['default data stream', 'README.md::$DATA'],
    ['trailing dot', 'notes.txt.'],
    ['trailing space', 'notes.txt '],
    ['folder with trailing dot', 'src./app.ts'],
    ['backslash traversal', '..\\outside\\secret.txt'],
    ['backslash traversal after a folder', 'src\\..\\..\\outside\\secret.txt'],
    ['mixed separators', 'src/..\\../outside/secret.txt'],
  ];
}

describe('tools: hostile paths', () => {
  let ws: TempWorkspace;
  before(async () => {
    ws = await makeWorkspace();
  });
  after(() => ws.cleanup());

  it('refuses every one through read_file, and leaks nothing', async () => {
    const runner = runnerFor([ws.root]);
    for (const [label, p] of hostilePaths(ws)) {
      const r = await call(runner, 'read_file', { path: p });
      assert.equal(r.status, 'error', `${label}: ${r.content}`);
      assert.match(r.content, /^Path '/, `${label} should be refused by confinement: ${r.content}`);
      assert.ok(!r.content.includes(secretText), label);
    }
  });

  it('refuses every one through write_file, and nothing on disk changes', async () => {
    const runner = runnerFor([ws.root]);
    const before = await snapshot(ws.base);
    for (const [label, p] of hostilePaths(ws)) {
      const r = await call(runner, 'write_file', { path: p, content: 'pwned' });
      assert.equal(r.status, 'error', `${label}: ${r.content}`);
      assert.match(r.content, /^Path '/, `${label}: ${r.content}`);
      assert.equal(r.change, undefined);
    }
    assert.deepEqual(await snapshot(ws.base), before);
  });

  it('search_text and find_files do not follow links out of the workspace', async () => {
    const runner = runnerFor([ws.root]);
    for (const regex of [false, true]) {
      const r = await call(runner, 'search_text', { query: secretText, regex });
      assert.match(r.content, /^No matches/);
    }
    const found = await call(runner, 'find_files', { pattern: '**/*.txt' });
    assert.doesNotMatch(found.content, /secret\.txt|x\.txt/);
  });

  it('gives the model an actionable message', async () => {
    const runner = runnerFor([ws.root]);
    assert.equal((await call(runner, 'read_file', { path: '../x' })).content, "Path '../x' is outside the workspace; only files inside the workspace folder can be used.");
    assert.match((await call(runner, 'read_file', { path: 'link-file.txt' })).content, /symbolic link to a location outside/);
    assert.match((await call(runner, 'read_file', { path: 'src/app.ts:12' })).content, /startLine/);
  });

  it('allows what is inside: symlinks within the workspace, absolute paths inside, normalised traversal', async () => {
    const runner = runnerFor([ws.root]);
    for (const p of ['inner-link.ts', path.join(ws.root, 'src', 'app.ts'), 'src/../src/app.ts', 'src\\app.ts', './src//app.ts']) {
      const r = await call(runner, 'read_file', { path: p });
      assert.equal(r.status, 'ok', `${p}: ${r.content}`);
      assert.match(r.content, /export const app/);
    }
  });

  it('resolves a workspace folder that is itself reached through a symlink', async () => {
    const alias = path.join(ws.base, 'alias');
    await fs.symlink(ws.root, alias);
    const fsys = new NodeToolFileSystem([alias]);
    const ok = await resolveInWorkspace(fsys, 'src/app.ts');
    assert.ok(ok.ok);
    assert.equal(ok.relative, 'src/app.ts');
    assert.equal((await resolveInWorkspace(fsys, 'link-file.txt')).ok, false);
  });
});

describe('tools: secrets', () => {
  let ws: TempWorkspace;
  const secrets = ['.env', '.env.local', 'certs/server.pem', 'deploy.key', 'id_rsa', 'id_rsa.pub', '.ssh/id_ed25519', '.git/config', 'packages/lib/.git/HEAD', '.ENV'];
  before(async () => {
    ws = await makeWorkspace();
    const files = Object.fromEntries(secrets.filter((s) => s !== '.ENV').map((s) => [s, `SECRET ${s}`]));
    await writeTree(ws.root, { ...files, '.env.example': 'EXAMPLE=1', 'config/credentials.json': '{"token":"SECRET"}' });
    await fs.symlink(path.join(ws.root, '.env'), path.join(ws.root, 'notes-link.txt'));
  });
  after(() => ws.cleanup());

  it('refuses reading and writing them by default', async () => {
    const runner = runnerFor([ws.root]);
    for (const s of [...secrets, 'notes-link.txt', '.git']) {
      const r = await call(runner, 'read_file', { path: s });
      assert.equal(r.status, 'error', s);
      assert.match(r.content, /protected file/, s);
      assert.ok(!r.content.includes('SECRET'), s);
      assert.match((await call(runner, 'write_file', { path: s, content: 'x' })).content, /protected file/, s);
    }
    assert.match((await call(runner, 'list_directory', { path: '.git' })).content, /protected file/);
  });

  it('does not leak them through search_text', async () => {
    const r = await call(runnerFor([ws.root]), 'search_text', { query: 'SECRET ' });
    assert.match(r.content, /No matches/);
  });

  it('protects user-listed globs', async () => {
    const runner = runnerFor([ws.root], { secretGlobs: ['config/credentials.json'] });
    assert.match((await call(runner, 'read_file', { path: 'config/credentials.json' })).content, /protected file/);
  });

  it('allows them when the settings say so', async () => {
    const all = runnerFor([ws.root], { allowSecrets: true });
    assert.match((await call(all, 'read_file', { path: '.env' })).content, /SECRET \.env/);
    assert.match((await call(all, 'read_file', { path: '.git/config' })).content, /SECRET/);
    const some = runnerFor([ws.root], { allowedSecretGlobs: ['.env.example'] });
    assert.equal((await call(some, 'read_file', { path: '.env.example' })).status, 'ok');
    assert.equal((await call(some, 'read_file', { path: '.env' })).status, 'error');
  });
});

describe('tools: multi-root workspaces', () => {
  let ws: TempWorkspace;
  let lib: string;
  before(async () => {
    ws = await makeWorkspace();
    lib = path.join(ws.base, 'lib');
    await writeTree(lib, { 'index.ts': 'export {};\n' });
  });
  after(() => ws.cleanup());

  it('addresses files by folder name and lists the folders at the top', async () => {
    const runner = runnerFor([ws.root, lib]);
    assert.equal((await call(runner, 'read_file', { path: 'lib/index.ts' })).status, 'ok');
    assert.match((await call(runner, 'read_file', { path: 'src/app.ts' })).content, /'app\/', 'lib\/'/);
    assert.match((await call(runner, 'list_directory', {})).content, /app\/\nlib\//);
    const found = await call(runner, 'find_files', { pattern: '*.ts' });
    assert.match(found.content, /app\/src\/app\.ts/);
    assert.match(found.content, /lib\/index\.ts/);
  });
});
