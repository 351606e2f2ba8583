// The one-line summaries of tool calls the user sees ("Read src/app.ts (lines 1-2 of 2)") are in the user's language:
// each tool is run by a real ToolRunner on a temporary workspace with a pseudo-translation, and its summary must
// keep no English word outside its data, while the content the model reads stays English.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DiagnosticsSource, Problem } from '../../../src/core/tools/diagnostics';
import type { ApprovalPolicy } from '../../../src/core/tools/runner';
import { call, makeWorkspace, runnerFor, type TempWorkspace } from '../tools/helpers';
import { englishLeft, pseudo } from './pseudo-translation';

describe('tool summaries go through the translator', () => {
  let ws: TempWorkspace;
  beforeEach(async () => (ws = await makeWorkspace()));
  afterEach(() => ws.cleanup());

  /** Data in the summaries: paths, patterns, the query and tool names. */
  const data = ['src/app.ts', 'src/', 'README.md', '**/*.ts', '*.nothing', 'console', 'zzznothing', 'read_file', 'write_file', 'list_directory', 'get_problems', 'no/such/file.ts'];

  it('reading, listing, finding, searching and problems, with results and without', async () => {
    const problems: Problem[] = [
      { path: path.join(ws.root, 'src/app.ts'), line: 1, column: 1, severity: 'error', message: 'x' },
      { path: path.join(ws.root, 'src/app.ts'), line: 2, column: 1, severity: 'warning', message: 'y' },
      { path: path.join(ws.root, 'src/app.ts'), line: 2, column: 1, severity: 'information', message: 'z' },
    ];
    let list = problems;
    const diagnostics: DiagnosticsSource = { problems: () => list };
    const runner = runnerFor([ws.root], { t: pseudo, diagnostics });
    const calls: [string, Record<string, unknown>][] = [
      ['read_file', { path: 'src/app.ts' }],
      ['list_directory', { path: 'src' }],
      ['find_files', { pattern: '**/*.ts' }],
      ['find_files', { pattern: '*.nothing' }],
      ['search_text', { query: 'console' }],
      ['search_text', { query: 'zzznothing' }],
      ['get_problems', {}],
      ['get_problems', { path: 'src/app.ts' }],
      ['read_file', { pathx: 1 }],
      ['read_file', { path: 'no/such/file.ts' }],
    ];
    for (const [name, args] of calls) {
      const r = await call(runner, name, args);
      // A tool's own error is worded for the user too (the model's English is in `content`).
      assert.deepEqual(englishLeft(r.summary, data), [], `${name} ${JSON.stringify(args)}: ${r.summary}`);
    }
    list = [];
    assert.deepEqual(englishLeft((await call(runner, 'get_problems', {})).summary, data), []);
    assert.deepEqual(englishLeft((await call(runner, 'get_problems', { path: 'src/app.ts' })).summary, data), []);
    // The model's side is unchanged.
    assert.match((await call(runner, 'read_file', { path: 'src/app.ts' })).content, /^src\/app\.ts \(lines 1-2 of 2\):/);
  });

  it('a rejected call and a tool refused in Restricted Mode', async () => {
    const reject: ApprovalPolicy = { read: 'ask', write: 'ask', approve: async () => ({ approved: false }) };
    const runner = runnerFor([ws.root], { t: pseudo });
    assert.deepEqual(englishLeft((await call(runner, 'read_file', { path: 'src/app.ts' }, reject)).summary, data), []);
    assert.deepEqual(englishLeft((await call(runner, 'write_file', { path: 'README.md', content: '1' }, reject)).summary, data), []);
    const restricted = runnerFor([ws.root], { t: pseudo, trusted: false });
    assert.deepEqual(englishLeft((await call(restricted, 'write_file', { path: 'README.md', content: '1' })).summary, data), []);
  });

  it('keeps the English exactly without a translator', async () => {
    const r = await call(runnerFor([ws.root]), 'read_file', { path: 'src/app.ts' });
    assert.equal(r.summary, 'Read src/app.ts (lines 1-2 of 2)');
  });
});
