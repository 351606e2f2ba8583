// get_problems over a real temporary workspace, with problems shaped as VS Code's language features
// report them (TypeScript, ESLint, the JSON service): confined, protected files left out, most severe
// first, capped with a note.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { toolDefinitions } from '../../../src/core/tools/runner';
import type { DiagnosticsSource, Problem } from '../../../src/core/tools/diagnostics';
import { call, makeWorkspace, runnerFor, writeTree, type TempWorkspace } from './helpers';

class FedDiagnostics implements DiagnosticsSource {
  constructor(public list: Problem[]) {}
  problems(): Problem[] {
    return this.list;
  }
}

describe('get_problems', () => {
  let ws: TempWorkspace;
  let diagnostics: FedDiagnostics;
  const at = (rel: string) => path.join(ws.root, rel);

  beforeEach(async () => {
    ws = await makeWorkspace();
    await writeTree(ws.root, { 'config.json': '{ "a": 1 "b": 2 }\n', 'src/util.ts': 'let unused = 1;\n', '.env': 'KEY=sk-live-123\n' });
    diagnostics = new FedDiagnostics([
      { path: at('src/util.ts'), line: 1, column: 5, severity: 'warning', source: 'eslint', code: 'no-unused-vars', message: "'unused' is assigned a value but never used." },
      { path: at('src/app.ts'), line: 2, column: 13, severity: 'error', source: 'ts', code: '2322', message: "Type 'string' is not assignable to type 'number'." },
      { path: at('config.json'), line: 1, column: 11, severity: 'error', source: 'json', message: 'Expected comma' },
      { path: at('.env'), line: 1, column: 1, severity: 'error', source: 'dotenv', message: 'Bad value sk-live-123' },
      { path: path.join(ws.outside, 'secret.txt'), line: 1, column: 1, severity: 'error', message: 'TOP-SECRET-OUTSIDE' },
      { path: at('src/app.ts'), line: 1, column: 1, severity: 'hint', source: 'ts', code: '6133', message: "'x' is declared but its value is never read.\n  More detail." },
    ]);
  });
  afterEach(() => ws.cleanup());

  it('lists the workspace problems most severe first, workspace-relative, with source and code', async () => {
    const r = await call(runnerFor([ws.root], { diagnostics }), 'get_problems', {});
    assert.equal(r.status, 'ok', r.content);
    assert.equal(
      r.content,
      [
        'Problems in the workspace (2 errors, 1 warning, 1 hint):',
        'config.json:1:11 error [json] Expected comma',
        "src/app.ts:2:13 error [ts 2322] Type 'string' is not assignable to type 'number'.",
        "src/util.ts:1:5 warning [eslint no-unused-vars] 'unused' is assigned a value but never used.",
        "src/app.ts:1:1 hint [ts 6133] 'x' is declared but its value is never read. More detail.",
      ].join('\n'),
    );
  });

  it('never lists problems of protected files or of files outside the workspace', async () => {
    const r = await call(runnerFor([ws.root], { diagnostics }), 'get_problems', {});
    assert.doesNotMatch(r.content, /sk-live|TOP-SECRET|\.env|outside/);
  });

  it('narrows to a file or a folder, and refuses paths outside the workspace or protected ones', async () => {
    const runner = runnerFor([ws.root], { diagnostics });
    const file = await call(runner, 'get_problems', { path: 'config.json' });
    assert.equal(file.content, 'Problems in config.json (1 error):\nconfig.json:1:11 error [json] Expected comma');
    const folder = await call(runner, 'get_problems', { path: 'src' });
    assert.match(folder.content, /^Problems in src \(1 error, 1 warning, 1 hint\):/);
    assert.doesNotMatch(folder.content, /config\.json/);
    const clean = await call(runner, 'get_problems', { path: 'README.md' });
    assert.equal(clean.content, 'No problems reported in README.md.');
    for (const bad of ['../outside/secret.txt', path.join(ws.outside, 'secret.txt'), 'link-dir', '.env']) {
      const r = await call(runner, 'get_problems', { path: bad });
      assert.equal(r.status, 'error', bad);
      assert.doesNotMatch(r.content, /TOP-SECRET|sk-live/);
    }
  });

  it('caps the list by count and by characters, saying how many were left out', async () => {
    diagnostics.list = Array.from({ length: 500 }, (_, i) => ({ path: at('src/app.ts'), line: i + 1, column: 1, severity: i % 2 ? 'warning' : 'error', message: `problem ${i}` }));
    const byCount = await call(runnerFor([ws.root], { diagnostics }), 'get_problems', {});
    const lines = byCount.content.split('\n');
    assert.equal(lines.length, 1 + 200 + 1);
    assert.equal(lines.at(-1), '[300 more not shown (250 errors, 250 warnings in all). Ask for one file or folder to see its problems.]');
    assert.ok(lines.slice(1, 201).every((l) => l.includes(' error ')), 'the errors come first');

    diagnostics.list = Array.from({ length: 100 }, (_, i) => ({ path: at('src/app.ts'), line: i + 1, column: 1, severity: 'error', message: 'x'.repeat(2000) }));
    const byChars = await call(runnerFor([ws.root], { diagnostics }), 'get_problems', {});
    assert.ok(byChars.content.length < 21_000, String(byChars.content.length));
    assert.match(byChars.content, /line cut/);
    assert.match(byChars.content, /\[\d+ more not shown \(100 errors in all\)/);
  });

  it('is offered only where there are diagnostics, to trusted and untrusted workspaces alike', () => {
    assert.ok(!toolDefinitions({ trusted: true }).some((d) => d.name === 'get_problems'));
    assert.ok(toolDefinitions({ trusted: false, diagnostics }).some((d) => d.name === 'get_problems'));
    assert.ok(runnerFor([ws.root], { diagnostics, trusted: false }).definitions().some((d) => d.name === 'get_problems'));
  });
});
