import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Glob, pathMatcher } from '../../../src/core/tools/glob';
import type { ApprovalPolicy } from '../../../src/core/tools/runner';
import { validateArgs, type JsonSchema } from '../../../src/core/tools/schema';
import { call, makeWorkspace, runnerFor, type TempWorkspace } from './helpers';

describe('tools: arguments', () => {
  let ws: TempWorkspace;
  before(async () => {
    ws = await makeWorkspace();
  });
  after(() => ws.cleanup());

  it('turns bad arguments into tool errors the model can fix', async () => {
    const runner = runnerFor([ws.root]);
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['read_file', {}, /^Invalid arguments for read_file: missing required property 'path'\.$/],
      ['read_file', { path: 5 }, /'path' must be a string, got the integer 5/],
      ['read_file', { path: 'README.md', startLine: '2' }, /'startLine' must be an integer, got the string "2"/],
      ['read_file', { path: 'README.md', startLine: 0 }, /'startLine' must be at least 1, got 0/],
      ['read_file', { path: 'README.md', startLine: 1.5 }, /must be an integer, got the number 1\.5/],
      ['read_file', { path: 'README.md', encoding: 'utf8' }, /unknown property 'encoding' \(allowed: path, startLine, endLine\)/],
      ['read_file', { path: '' }, /'path' must not be empty/],
      ['write_file', { path: 'x.txt' }, /missing required property 'content'/],
      ['write_file', { path: null, content: 'x' }, /'path' must be a string, got null/],
      ['search_text', { query: 'x', regex: 'yes' }, /'regex' must be a boolean/],
      ['edit_file', { path: 'a', oldText: '', newText: 'b' }, /'oldText' must not be empty/],
      ['no_such_tool', {}, /^Unknown tool 'no_such_tool'\. Available tools: read_file, /],
    ];
    for (const [name, args, expected] of cases) {
      const r = await call(runner, name, args);
      assert.equal(r.status, 'error', `${name} ${JSON.stringify(args)}`);
      assert.match(r.content, expected);
    }
    assert.equal((await call(runner, 'read_file', { path: 'README.md', startLine: null })).status, 'ok', 'null optional = absent');
  });

  it('refuses __proto__, constructor and prototype keys, and asks about exactly what the tool uses', async () => {
    const asked: Record<string, unknown>[] = [];
    const ask: ApprovalPolicy = { read: 'ask', write: 'ask', approve: async (req) => (asked.push(req.args), { approved: true }) };
    const runner = runnerFor([ws.root]);
    // As a provider parses them: JSON.parse makes "__proto__" an own property.
    const hostile = [
      '{"__proto__":{"path":"README.md"}}',
      '{"path":"README.md","__proto__":{"startLine":1}}',
      '{"constructor":{"path":"README.md"}}',
      '{"path":"README.md","prototype":1}',
      '{"__proto__":{"path":"x.txt","content":"pwned"}}',
    ];
    for (const [i, json] of hostile.entries()) {
      const r = await call(runner, i === 4 ? 'write_file' : 'read_file', JSON.parse(json) as Record<string, unknown>, ask);
      assert.equal(r.status, 'error', json);
      assert.match(r.content, /property name '(__proto__|constructor|prototype)' is not allowed/, json);
    }
    assert.deepEqual(asked, [], 'nothing reaches the approval prompt');
    await assert.rejects(fs.stat(path.join(ws.root, 'x.txt')));
    const nested = validateArgs({ type: 'object', properties: { o: { type: 'object' } } }, JSON.parse('{"o":{"__proto__":{"a":1}}}'));
    assert.deepEqual(nested.ok ? [] : nested.errors, ["property name 'o.__proto__' is not allowed"]);
    const valid = validateArgs({ type: 'object', properties: { path: { type: 'string' } } }, { path: 'a' });
    assert.ok(valid.ok && Object.getPrototypeOf(valid.value) === null, 'arguments carry no prototype');
    assert.equal((await call(runner, 'read_file', { path: 'README.md' }, ask)).status, 'ok');
    assert.deepEqual(JSON.stringify(asked), '[{"path":"README.md"}]', 'the prompt shows the arguments the tool reads');
  });

  it('validates enums, ranges and nested shapes', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { mode: { enum: ['a', 'b'] }, n: { type: 'number', maximum: 3 }, tags: { type: 'array', items: { type: 'string' } } },
      additionalProperties: false,
    };
    assert.deepEqual(validateArgs(schema, { mode: 'a', n: 3, tags: ['x'] }), { ok: true, value: Object.assign(Object.create(null), { mode: 'a', n: 3, tags: ['x'] }) });
    const bad = validateArgs(schema, { mode: 'c', n: 4, tags: ['x', 1] });
    assert.deepEqual(bad.ok ? [] : bad.errors, ["'mode' must be one of \"a\", \"b\", got the string \"c\"", "'n' must be at most 3, got 4", "'tags[1]' must be a string, got the integer 1"]);
    assert.equal(validateArgs(schema, []).ok, false);
  });

  it('translates globs', () => {
    const yes = (g: string, p: string) => assert.ok(new Glob(g).matches(p), `${g} should match ${p}`);
    const no = (g: string, p: string) => assert.ok(!new Glob(g).matches(p), `${g} should not match ${p}`);
    yes('**/*.ts', 'a.ts');
    yes('**/*.ts', 'a/b/c.ts');
    no('**/*.ts', 'a/b/c.tsx');
    yes('src/**', 'src/a/b');
    yes('src/**/x.ts', 'src/x.ts');
    no('*.ts', 'a/b.ts');
    yes('?.md', 'a.md');
    no('?.md', 'ab.md');
    yes('*.{ts,tsx}', 'a.tsx');
    yes('{src,test}/**/*.ts', 'test/unit/a.ts');
    yes('[ab].txt', 'b.txt');
    no('[!ab].txt', 'a.txt');
    yes('a+b(c).txt', 'a+b(c).txt');
    no('a.txt', 'abtxt');
    assert.ok(pathMatcher('*.ts')('deep/dir/file.ts'));
    assert.ok(pathMatcher('./src/*.ts')('src/a.ts'));
    assert.throws(() => new Glob('{a,b'), /unbalanced/);
  });
});
