import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ToolRunResult } from '../../../src/core/tools/runner';
import { call, makeWorkspace, runnerFor, writeTree, type TempWorkspace } from './helpers';

/**
 * Runs search_text calls one after another through one runner (a 150 ms regex budget) in a worker thread,
 * and fails if they have not all returned within a generous deadline (the worker is then ended).
 */
function searchesOnAnotherThread(root: string, searches: Record<string, unknown>[]): Promise<(ToolRunResult | undefined)[]> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { call, runnerFor } = require(workerData.helpers);
    (async () => {
      const runner = runnerFor([workerData.root], { limits: { regexBudgetMs: 150 } });
      const results = [];
      for (const args of workerData.searches) results.push(await call(runner, 'search_text', args));
      return results;
    })().then((results) => parentPort.postMessage(results), (err) => parentPort.postMessage({ failed: String(err) }));`;
  const worker = new Worker(source, { eval: true, workerData: { root, searches, helpers: join(__dirname, 'helpers.js') } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error('search_text froze: no result after 10 s'));
    }, 10_000);
    worker.once('message', (m: ToolRunResult[] | { failed: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if ('failed' in m) reject(new Error(m.failed));
      else resolve(m);
    });
    worker.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

describe('tools: read tools', () => {
  let ws: TempWorkspace;
  before(async () => {
    ws = await makeWorkspace();
    const long = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    await writeTree(ws.root, {
      'long.txt': `${long}\n`,
      'crlf.txt': '\uFEFFone\r\ntwo\r\n',
      'empty.txt': '',
      'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]),
      'src/util/strings.ts': 'export function Hello() {}\nexport const hello = 1;\n',
      'src/util/index.tsx': 'hello world\n',
      'src/big.txt': `${'hello '.repeat(200)}\n`,
      'node_modules/dep/index.ts': 'hello from a dependency\n',
      'docs/a.md': 'x',
      'docs/b.md': 'x',
      'docs/c.txt': 'x',
      'catastrophic.txt': `${'a'.repeat(40)}!\n`,
    });
  });
  after(() => ws.cleanup());

  describe('read_file', () => {
    it('returns numbered lines with a header', async () => {
      const r = await call(runnerFor([ws.root]), 'read_file', { path: 'src/app.ts' });
      assert.equal(r.status, 'ok');
      assert.equal(r.content, 'src/app.ts (lines 1-2 of 2):\n1\texport const app = 1;\n2\tconsole.log(app);');
      assert.equal(r.summary, 'Read src/app.ts (lines 1-2 of 2)');
    });

    it('reads a line range, strips CR and a BOM from what it shows', async () => {
      const runner = runnerFor([ws.root]);
      assert.match((await call(runner, 'read_file', { path: 'long.txt', startLine: 9, endLine: 11 })).content, /lines 9-11 of 30\):\n 9\tline 9\n10\tline 10\n11\tline 11$/);
      assert.equal((await call(runner, 'read_file', { path: 'crlf.txt' })).content, 'crlf.txt (lines 1-2 of 2):\n1\tone\n2\ttwo');
      assert.match((await call(runner, 'read_file', { path: 'long.txt', startLine: 31 })).content, /past the end .* 30 lines/);
      assert.match((await call(runner, 'read_file', { path: 'long.txt', startLine: 5, endLine: 4 })).content, /must not be before/);
    });

    it('truncates long files with a note saying how to continue', async () => {
      const r = await call(runnerFor([ws.root], { limits: { readMaxLines: 10 } }), 'read_file', { path: 'long.txt' });
      assert.equal(r.status, 'ok');
      assert.match(r.content, /\n10\tline 10\n\[Truncated at line 10 of 30\. Call read_file with startLine=11 to continue\.\]$/);
      const bytes = await call(runnerFor([ws.root], { limits: { readMaxChars: 50 } }), 'read_file', { path: 'long.txt' });
      assert.match(bytes.content, /startLine=\d+ to continue/);
    });

    it('refuses binary files, directories and missing files clearly', async () => {
      const runner = runnerFor([ws.root]);
      assert.match((await call(runner, 'read_file', { path: 'image.png' })).content, /binary file/);
      assert.match((await call(runner, 'read_file', { path: 'src' })).content, /is a directory; use list_directory/);
      assert.match((await call(runner, 'read_file', { path: 'nope.ts' })).content, /does not exist\. Use list_directory or find_files/);
      assert.match((await call(runner, 'read_file', { path: 'empty.txt' })).content, /is empty/);
    });
  });

  describe('list_directory', () => {
    it('lists sorted entries, directories with /, links marked', async () => {
      const r = await call(runnerFor([ws.root]), 'list_directory', {});
      const lines = r.content.split('\n');
      assert.match(lines[0] ?? '', /^\. \(\d+ entries\):$/);
      assert.ok(lines.includes('src/'));
      assert.ok(lines.includes('inner-link.ts (symlink)'));
      assert.ok(lines.includes('link-dir/ (symlink)'));
      const names = lines.slice(1);
      assert.deepEqual(names, [...names].sort());
      assert.equal((await call(runnerFor([ws.root]), 'list_directory', { path: 'docs' })).content, 'docs/ (3 entries):\na.md\nb.md\nc.txt');
    });

    it('bounds the listing with a note', async () => {
      const r = await call(runnerFor([ws.root], { limits: { listMaxEntries: 2 } }), 'list_directory', { path: 'docs' });
      assert.equal(r.content, 'docs/ (3 entries):\na.md\nb.md\n[Showing 2 of 3 entries. Use find_files to narrow down.]');
    });

    it('refuses files and missing directories', async () => {
      const runner = runnerFor([ws.root]);
      assert.match((await call(runner, 'list_directory', { path: 'README.md' })).content, /not a directory; use read_file/);
      assert.match((await call(runner, 'list_directory', { path: 'nope' })).content, /does not exist/);
    });
  });

  describe('find_files', () => {
    it('matches globs with **, *, ?, {a,b}, skipping node_modules and not following links', async () => {
      const runner = runnerFor([ws.root]);
      const ts = await call(runner, 'find_files', { pattern: '**/*.ts' });
      assert.equal(ts.content.split('\n').slice(1).join(','), 'inner-link.ts,src/app.ts,src/util/strings.ts');
      assert.equal((await call(runner, 'find_files', { pattern: '*.md' })).content.split('\n').slice(1).join(','), 'README.md,docs/a.md,docs/b.md');
      assert.match((await call(runner, 'find_files', { pattern: 'util/*.{ts,tsx}', path: 'src' })).content, /src\/util\/index\.tsx\nsrc\/util\/strings\.ts/);
      assert.match((await call(runner, 'find_files', { pattern: 'docs/?.md' })).content, /2 files/);
      assert.match((await call(runner, 'find_files', { pattern: '*.xyz' })).content, /^No files match/);
      assert.match((await call(runner, 'find_files', { pattern: 'src/{a,b' })).content, /Invalid glob/);
    });

    it('bounds results with a note', async () => {
      const r = await call(runnerFor([ws.root], { limits: { findMaxResults: 2 } }), 'find_files', { pattern: '**' });
      assert.match(r.content, /^2\+ files matching/);
      assert.match(r.content, /\[Showing the first 2 matches/);
    });
  });

  describe('search_text', () => {
    it('finds plain text case-insensitively by default, as path:line: text', async () => {
      const r = await call(runnerFor([ws.root]), 'search_text', { query: 'HELLO', path: 'src/util' });
      assert.equal(r.content, "3 matches for 'HELLO':\nsrc/util/index.tsx:1: hello world\nsrc/util/strings.ts:1: export function Hello() {}\nsrc/util/strings.ts:2: export const hello = 1;");
      const cs = await call(runnerFor([ws.root]), 'search_text', { query: 'Hello', caseSensitive: true, path: 'src/util' });
      assert.match(cs.content, /^1 match for/);
    });

    it('searches with regular expressions, an include glob, and skips binaries, big files and node_modules', async () => {
      const runner = runnerFor([ws.root], { limits: { searchMaxFileBytes: 1000 } });
      const r = await call(runner, 'search_text', { query: '^export (const|function) \\w+', regex: true, include: '*.ts' });
      assert.match(r.content, /src\/app\.ts:1: export const app = 1;/);
      assert.match(r.content, /src\/util\/strings\.ts:2:/);
      const all = await call(runner, 'search_text', { query: 'hello' });
      assert.doesNotMatch(all.content, /node_modules|big\.txt/);
      assert.match(all.content, /\[Skipped \d+ binary, large/);
      assert.match((await call(runner, 'search_text', { query: 'PNG' })).content, /^No matches for 'PNG' in \d+ files\./);
    });

    it('reports an invalid regex as a tool error', async () => {
      const r = await call(runnerFor([ws.root]), 'search_text', { query: 'foo(', regex: true });
      assert.equal(r.status, 'error');
      assert.match(r.content, /^Invalid regular expression 'foo\(': .*Fix it or set regex to false\.$/);
    });

    it('stops a catastrophically backtracking regex instead of freezing', async () => {
      // On its own thread: without the budget this regex blocks its thread for hours, and only another
      // thread can notice and report that instead of hanging the suite.
      const [r, after] = await searchesOnAnotherThread(ws.root, [
        { query: '(a+)+$', regex: true, path: 'catastrophic.txt' },
        { query: 'aaa!', path: 'catastrophic.txt' },
      ]);
      assert.equal(r?.status, 'error');
      assert.match(r?.content ?? '', /^The regular expression '\(a\+\)\+\$' took too long \(over 150 ms\)/);
      assert.match(after?.content ?? '', /^1 match/, 'the same runner goes on working afterwards');
    });

    it('bounds matches with a note', async () => {
      const r = await call(runnerFor([ws.root], { limits: { searchMaxMatches: 2 } }), 'search_text', { query: 'line' });
      assert.match(r.content, /^2\+ matches for 'line':\nlong\.txt:1: line 1\nlong\.txt:2: line 2\n\[Showing the first 2 matches/);
    });
  });
});
