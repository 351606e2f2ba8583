// What a message's attachments send to the model: read from a real temporary workspace under the read
// tools' rules (confined, secrets never read, binary refused), capped with a note, and how they read in
// the model's copy of the message.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { capText } from '../../../src/core/attachments/cap';
import { withAttachments } from '../../../src/core/attachments/for-model';
import { fuzzyFiles } from '../../../src/core/attachments/fuzzy';
import { defaultAttachmentLimits, resolveAttachments, type AttachmentSources } from '../../../src/core/attachments/resolve';
import { modelContext } from '../../../src/core/chat/model-context';
import type { ChatMessageRecord } from '../../../src/core/protocol/chat-message';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { makeWorkspace, secretText, writeTree, type TempWorkspace } from '../tools/helpers';

describe('attachments', () => {
  let ws: TempWorkspace;
  let sources: AttachmentSources;

  beforeEach(async () => {
    ws = await makeWorkspace();
    await writeTree(ws.root, {
      '.env': 'API_KEY=sk-live-123\n',
      'config/.env.local': 'API_KEY=sk-live-456\n',
      'big.txt': Array.from({ length: 5000 }, (_, i) => `line ${i + 1} ${'x'.repeat(20)}`).join('\n'),
      'image.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'docs/fence.md': 'Use ```ts\ncode\n``` blocks.\n',
    });
    await fs.symlink(path.join(ws.root, '.env'), path.join(ws.root, 'notes.txt'));
    sources = { fs: new NodeToolFileSystem([ws.root]), secrets: {} };
  });
  afterEach(() => ws.cleanup());

  it('attaches a file with its path and language, and a selection by its lines', async () => {
    const [file, selection] = await resolveAttachments(
      [{ kind: 'file', path: 'src/app.ts' }, { kind: 'selection', path: './src/app.ts', range: { startLine: 2, endLine: 9 } }],
      sources,
    );
    assert.deepEqual(file, { kind: 'file', path: 'src/app.ts', label: 'src/app.ts', language: 'typescript', content: 'export const app = 1;\nconsole.log(app);' });
    assert.deepEqual(selection, {
      kind: 'selection', path: 'src/app.ts', range: { startLine: 2, endLine: 2 }, label: 'src/app.ts:2-2', language: 'typescript', content: 'console.log(app);',
    });
  });

  it('takes an open editor\'s text (unsaved edits) and language when there is one', async () => {
    const open = { ...sources, openDocument: (abs: string) => (abs === path.join(ws.root, 'src/app.ts') ? { text: 'let edited = 2;\n', language: 'typescript' } : undefined) };
    const [file] = await resolveAttachments([{ kind: 'file', path: 'src/app.ts' }], open);
    assert.equal(file?.content, 'let edited = 2;');
  });

  it('never reads a protected file, through a link either, nor anything outside the workspace', async () => {
    const refs = [
      { kind: 'file', path: '.env' }, { kind: 'file', path: 'config/.env.local' }, { kind: 'file', path: 'notes.txt' },
      { kind: 'file', path: '../outside/secret.txt' }, { kind: 'file', path: path.join(ws.outside, 'secret.txt') }, { kind: 'file', path: 'link-file.txt' },
      { kind: 'selection', path: 'link-dir/secret.txt', range: { startLine: 1, endLine: 1 } }, { kind: 'file', path: '../app-evil/x.txt' },
    ] as const;
    const out = await resolveAttachments(refs, sources);
    assert.equal(out.length, refs.length);
    for (const a of out) {
      assert.equal(a.content, '', a.label);
      assert.match(a.note ?? '', /^not attached: /, a.label);
    }
    assert.doesNotMatch(JSON.stringify(out), /sk-live|TOP-SECRET/);
    assert.match(out[0]?.note ?? '', /protected file/);
    assert.match(out[3]?.note ?? '', /outside the workspace/);
  });

  it('refuses binary files and missing ones with a note', async () => {
    const [png, missing] = await resolveAttachments([{ kind: 'file', path: 'image.png' }, { kind: 'file', path: 'nope.ts' }], sources);
    assert.equal(png?.note, 'not attached: image.png is a binary file');
    assert.equal(missing?.note, 'not attached: nope.ts does not exist');
  });

  it('caps each item with a note, and all of a message\'s items together', async () => {
    const [big] = await resolveAttachments([{ kind: 'file', path: 'big.txt' }], sources);
    assert.ok(big && big.content.length <= defaultAttachmentLimits.maxChars);
    assert.ok(big.content.startsWith('line 1 '));
    assert.match(big.note ?? '', /^only lines 1-\d+ of 1-5000 attached \(20,000-character limit\); read_file can read the rest$/);

    const many = await resolveAttachments(Array.from({ length: 7 }, () => ({ kind: 'file' as const, path: 'big.txt' })), sources);
    assert.ok(many.reduce((n, a) => n + a.content.length, 0) <= defaultAttachmentLimits.totalChars);
    assert.equal(many.at(-1)?.content, '');
    assert.match(many.at(-1)?.note ?? '', /attachments reached 100,000 characters/);
  });

  it('attaches the workspace problems and the last terminal command, each capped', async () => {
    const withMore: AttachmentSources = {
      ...sources,
      diagnostics: { problems: () => [{ path: path.join(ws.root, 'src/app.ts'), line: 1, column: 14, severity: 'error', source: 'ts', code: '2322', message: 'Type mismatch.' }] },
      lastTerminalRun: () => ({ command: 'npm test', output: `ok\n${'y'.repeat(30_000)}\nTOTAL 3 passed`, exitCode: 1 }),
    };
    const [problems, terminal] = await resolveAttachments([{ kind: 'problems' }, { kind: 'terminal' }], withMore);
    assert.deepEqual(problems, { kind: 'problems', label: 'Problems (1 error)', content: 'src/app.ts:1:14 error [ts 2322] Type mismatch.' });
    assert.equal(terminal?.label, 'Terminal: npm test');
    assert.ok(terminal?.content.startsWith('$ npm test (exit code 1)\nok\n'));
    assert.ok((terminal?.content.length ?? 0) <= defaultAttachmentLimits.maxChars);
    assert.match(terminal?.note ?? '', /overlong line/);
    const [none] = await resolveAttachments([{ kind: 'terminal' }], sources);
    assert.match(none?.note ?? '', /^not attached: no command has run/);
  });

  it('say plainly when a terminal command came with no output, and why', async () => {
    const shown: string[] = [];
    const t = (message: string): string => (shown.push(message), `«${message}»`);
    const quiet = (exitCode?: number): AttachmentSources => ({ ...sources, t, lastTerminalRun: () => ({ command: 'echo hi', output: '\n', ...(exitCode === undefined ? {} : { exitCode }) }) });
    const [ended] = await resolveAttachments([{ kind: 'terminal' }], quiet(0));
    assert.equal(ended?.content, '$ echo hi (exit code 0)\n');
    assert.match(ended?.note ?? '', /^no output was captured: VS Code passes on only what a command prints after its start .* ask the user to paste it/);
    assert.match(ended?.shownNote ?? '', /^«no output was captured: .*Paste its output into your message/);
    const [running] = await resolveAttachments([{ kind: 'terminal' }], quiet());
    assert.equal(running?.note, 'no output yet: the command is still running');
    assert.equal(running?.shownNote, '«no output yet: the command is still running»');
    const [printed] = await resolveAttachments([{ kind: 'terminal' }], { ...sources, lastTerminalRun: () => ({ command: 'echo hi', output: 'hi', exitCode: 0 }) });
    assert.equal(printed?.note, undefined);
  });

  it('reach the model after the user\'s text, in fences their content cannot close', async () => {
    const attachments = await resolveAttachments([{ kind: 'file', path: 'docs/fence.md' }, { kind: 'file', path: '.env' }], sources);
    const user: ChatMessageRecord = { id: 'm1', role: 'user', author: 'user', text: 'Review this', status: 'complete', createdAt: 1, attachments };
    const [sent] = modelContext([user], 'backend');
    assert.equal(
      sent?.content,
      [
        'Review this',
        '',
        'Attached file: docs/fence.md (markdown)',
        '````markdown',
        'Use ```ts',
        'code',
        '``` blocks.',
        '````',
        '',
        'Attached file: .env',
        "[not attached: Path '.env' is a protected file (matches '.env': credentials and git internals are not readable or writable by agents). The user can allow it in the Agent Chat settings; do not try to reach it another way]",
      ].join('\n'),
    );
    assert.equal(withAttachments('plain', undefined), 'plain');
  });

  it('caps text by whole lines, cutting overlong ones', () => {
    assert.deepEqual(capText('a\nb\nc', { maxChars: 4, maxLineChars: 10 }, 7), {
      content: 'a\nb',
      note: 'only lines 7-8 of 7-9 attached (4-character limit); read_file can read the rest',
      shownNote: 'only lines 7-8 of 7-9 attached (limit: 4 characters)',
    });
    const long = capText('z'.repeat(50), { maxChars: 100, maxLineChars: 10 });
    assert.equal(long.note, '1 overlong line cut');
    assert.ok(long.content.startsWith('zzzzzzzzzz… [line cut, 50 chars]'));
  });

  it('ranks file matches: the file name first, then word starts and runs', () => {
    const paths = ['src/app.ts', 'src/api/parse-app.ts', 'test/unit/app.test.ts', 'docs/a/p/p.md', 'src/server.ts', secretText];
    assert.deepEqual(fuzzyFiles(paths, 'app', 3), ['src/app.ts', 'test/unit/app.test.ts', 'src/api/parse-app.ts']);
    assert.deepEqual(fuzzyFiles(paths, 'srvts', 5), ['src/server.ts']);
    assert.deepEqual(fuzzyFiles(paths, '', 2), ['src/app.ts', 'docs/a/p/p.md'], 'shortest first');
    assert.deepEqual(fuzzyFiles(paths, 'zzz', 5), []);
  });
});
