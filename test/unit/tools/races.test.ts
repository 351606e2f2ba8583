import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { call, makeWorkspace, runnerFor, secretText, snapshot, writeTree, type TempWorkspace } from './helpers';

/**
 * A separate process that keeps re-pointing the link `target` between `inside` (a folder in the
 * workspace) and `elsewhere`; each switch is one atomic rename, so the path always exists.
 */
function startSwapping(target: string, inside: string, elsewhere: string): ChildProcess {
  const code = `
    const fs = require('node:fs');
    const [target, inside, elsewhere] = process.argv.slice(1);
    let stop = false;
    process.on('SIGTERM', () => { stop = true; });
    (function loop() {
      for (let i = 0; i < 200; i++) {
        for (const to of [elsewhere, inside]) {
          try { fs.symlinkSync(to, target + '.next'); fs.renameSync(target + '.next', target); } catch {}
        }
      }
      if (stop) process.exit(0); else setImmediate(loop);
    })();`;
  return spawn(process.execPath, ['-e', code, target, inside, elsewhere], { stdio: 'ignore' });
}

async function stopSwapping(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe('tools: races with the file system', function () {
  this.timeout(120_000);
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
    await writeTree(ws.root, { 'real-sub/keep.txt': 'inside\n', 'real-sub/secret.txt': 'harmless\n' });
    await fs.symlink(path.join(ws.root, 'real-sub'), path.join(ws.root, 'sub'));
  });
  afterEach(() => ws.cleanup());

  it('never lands a write outside, nor reads from there, while a folder link is re-pointed outside', async () => {
    const before = await snapshot(ws.outside);
    const runner = runnerFor([ws.root]);
    const swapper = startSwapping(path.join(ws.root, 'sub'), path.join(ws.root, 'real-sub'), ws.outside);
    const outcomes = { written: 0, read: 0, refused: 0 };
    try {
      for (let i = 0; i < 600; i++) {
        const [tool, args] = [
          ['write_file', { path: `sub/f${i}.txt`, content: `attempt ${i}\n` }],
          ['create_directory', { path: `sub/d${i}` }],
          ['read_file', { path: 'sub/secret.txt' }],
        ][i % 3] as [string, Record<string, unknown>];
        const r = await call(runner, tool, args);
        assert.ok(!r.content.includes(secretText), `read outside: ${r.content}`);
        outcomes[r.status !== 'ok' ? 'refused' : tool === 'read_file' ? 'read' : 'written']++;
      }
    } finally {
      await stopSwapping(swapper);
    }
    assert.deepEqual(await snapshot(ws.outside), before, `outcomes: ${JSON.stringify(outcomes)}`);
    assert.ok(outcomes.written > 0, 'some writes went through while the folder was in place');
  });

  it('read_file finishes, refusing a FIFO, while a file is swapped for one', async () => {
    const file = path.join(ws.root, 'real-sub', 'data.txt');
    const fifo = path.join(ws.root, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(new NodeToolFileSystem([ws.root]).readFile(fifo), { code: 'ENOTREG' });
    await fs.writeFile(file, 'plain text\n');
    const runner = runnerFor([ws.root]);
    const code = `
      const fs = require('node:fs');
      const [file, fifo] = process.argv.slice(1);
      const text = file + '.text';
      fs.renameSync(file, text);
      let stop = false;
      process.on('SIGTERM', () => { stop = true; });
      (function loop() {
        for (let i = 0; i < 200; i++) {
          try { fs.renameSync(fifo, file); fs.renameSync(file, fifo); fs.linkSync(text, file); fs.unlinkSync(file); } catch {}
        }
        if (stop) process.exit(0); else setImmediate(loop);
      })();`;
    const swapper = spawn(process.execPath, ['-e', code, file, fifo], { stdio: 'ignore' });
    let refused = 0;
    try {
      while (!(await fs.stat(`${file}.text`).catch(() => undefined))) await new Promise((r) => setTimeout(r, 10));
      // At least 300 reads, and on until the swaps were seen (bounded: a hang fails the test by its timeout).
      for (let i = 0; i < 5000 && (i < 300 || refused === 0); i++) {
        if ((await call(runner, 'read_file', { path: 'real-sub/data.txt' })).status !== 'ok') refused++;
      }
    } finally {
      await stopSwapping(swapper);
    }
    assert.ok(refused > 0, 'the swaps were seen');
  });
});
