import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Glob, GlobBudgetError, maxGlobLength, pathMatcher } from '../../../src/core/tools/glob';
import { call, makeWorkspace, runnerFor, type TempWorkspace } from './helpers';

describe('tools: glob matching', () => {
  it('matches the whole syntax: stars, globstars, ?, braces, classes, escapes', () => {
    const cases: [string, string, boolean][] = [
      ['**', 'a/b/c', true],
      ['**/x.ts', 'x.ts', true],
      ['**/x.ts', 'a/b/x.ts', true],
      ['a/**/b', 'a/b', true],
      ['a/**/b', 'a/x/y/b', true],
      ['a/**/b', 'ab', false],
      ['a**b', 'a/x/b', true],
      ['a*b', 'a/x/b', false],
      ['*', '', true],
      ['?', '/', false],
      ['{a,{b,c}}.ts', 'c.ts', true],
      ['{a,}x', 'x', true],
      ['{[,]x,y}', ',x', true],
      ['a,b}', 'a,b}', true],
      ['[a-c]', 'b', true],
      ['[a-c]', 'd', false],
      ['[!a-c]', 'd', true],
      ['[^a]', '/', false],
      ['[-a]', '-', true],
      ['[a', '[a', true],
      ['\\*', '*', true],
      ['\\*', 'x', false],
      ['a.b', 'axb', false],
      ['(a|b)+$', '(a|b)+$', true],
      ['😀?', '😀x', true],
    ];
    for (const [glob, p, expected] of cases) assert.equal(new Glob(glob).matches(p), expected, `${glob} vs ${p}`);
    assert.ok(new Glob('[A-Z].ENV', { caseInsensitive: true }).matches('x.env'));
    assert.ok(!new Glob('[A-Z].ENV').matches('x.env'));
    assert.throws(() => new Glob('[z-a]'), /invalid range/);
    assert.throws(() => new Glob('x'.repeat(maxGlobLength + 1)), /longer than/);
  });

  it('matches patterns that make a backtracking matcher explode, in steps linear in the path', () => {
    // Took 17 s per name when globs were translated to regular expressions.
    const hostile = [
      ['*a*a*a*a*a*a*a*a*b', 'a'.repeat(44)],
      ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(4000)],
      ['**a**a**a**a**a**a**a**a**b', `${'a/'.repeat(2000)}`],
      ['{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}{a,a}b', 'a'.repeat(3000)],
      ['**/**/**/**/**/**/**/**/**/**/x', `${'d/'.repeat(2000)}y`],
    ];
    for (const [glob, name] of hostile) {
      const g = new Glob(glob as string);
      assert.equal(g.matches(name as string), false, glob);
      // Each character visits at most every state once (plus one for the round).
      const states = (glob as string).length * 4 + 2;
      assert.ok(g.steps <= ((name as string).length + 1) * (states + 1), `${glob}: ${g.steps} steps`);
    }
  });

  it('stops a glob that exceeds its budget with a clear error', () => {
    const budget = { remaining: 1000 };
    const match = pathMatcher('*a*a*a*a*b', { budget });
    assert.throws(() => match('a'.repeat(500)), GlobBudgetError);
  });

  describe('in the tools', () => {
    let ws: TempWorkspace;
    before(async () => {
      ws = await makeWorkspace();
      await fs.writeFile(path.join(ws.root, `${'a'.repeat(44)}.txt`), 'needle\n');
    });
    after(() => ws.cleanup());

    it('find_files and search_text include finish on hostile patterns', async () => {
      const runner = runnerFor([ws.root]);
      const find = await call(runner, 'find_files', { pattern: '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b' });
      assert.equal(find.status, 'ok');
      assert.match(find.content, /^No files match/);
      const search = await call(runner, 'search_text', { query: 'needle', include: '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b' });
      assert.equal(search.status, 'ok');
      assert.match(search.content, /^No matches/);
      assert.match((await call(runner, 'find_files', { pattern: '*a*a*a*.txt' })).content, /aaaa\.txt/);
    });

    it('reports a glob that spends the call\'s budget as an error the model can act on', async () => {
      const runner = runnerFor([ws.root], { limits: { globMaxSteps: 50 } });
      const r = await call(runner, 'find_files', { pattern: '*a*a*a*a*b' });
      assert.equal(r.status, 'error');
      assert.match(r.content, /too costly to match/);
    });
  });
});
