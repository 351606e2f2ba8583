// The Markdown export lists what each question attached: kind, label, and the content sent, in a fenced block
// that nothing inside it can close early (checked by reading the export back with a CommonMark parser).
import assert from 'node:assert/strict';
import { toMarkdown } from '../../../src/core/history/export-markdown';
import type { AttachmentRecord } from '../../../src/core/protocol/attachments';
import { msg } from './helpers';

const tricky = 'const md = `inline`;\n```\nnot the end\n````\nstill inside';
const attachments: AttachmentRecord[] = [
  { kind: 'file', path: 'src/app.ts', label: 'src/app.ts', language: 'typescript', content: tricky },
  { kind: 'selection', path: 'src/app.ts', range: { startLine: 3, endLine: 9 }, label: 'src/app.ts:3-9', content: 'a\nb\n' },
  { kind: 'problems', label: 'Problems', content: 'src/app.ts:3 error TS2304' },
  { kind: 'terminal', label: 'Terminal output', content: '', note: 'not attached: no command has run' },
];

describe('Markdown export: attachments', () => {
  it("lists a question's attachments with their kind, label and content in fences longer than any backtick run", async () => {
    const question = msg('Why does this fail?', { createdAt: Date.UTC(2025, 0, 2, 3, 4), attachments });
    const answer = msg('Because.', { role: 'assistant', createdAt: Date.UTC(2025, 0, 2, 3, 5) });
    const md = toMarkdown('With context', [question, answer]);

    assert.match(md, /Why does this fail\?\n\n\*\*Attached file:\*\* `src\/app\.ts`\n\n`````typescript\n/);
    assert.match(md, /\*\*Attached selection:\*\* `src\/app\.ts:3-9`\n\n```\na\nb\n```\n/);
    assert.match(md, /\*\*Attached problems:\*\* `Problems`\n/);
    assert.match(md, /\*\*Attached terminal output:\*\* `Terminal output` \(not attached: no command has run\)\n\n## @backend/);

    const { lexer } = await import('marked'); // an ES module
    const blocks = lexer(md).filter((t) => t.type === 'code');
    assert.deepEqual(blocks.map((b) => ('lang' in b ? [b.lang, b.text] : [])), [
      ['typescript', tricky],
      ['', 'a\nb'],
      ['', 'src/app.ts:3 error TS2304'],
    ], 'each content reads back whole, as one block');
    assert.ok(md.indexOf('Attached') > md.indexOf('Why does this fail?') && md.lastIndexOf('Attached') < md.indexOf('## @backend'), 'under the question');
  });

  it('leaves a message without attachments as it was', () => {
    const md = toMarkdown('Plain', [msg('Hello', { createdAt: 0 })]);
    assert.doesNotMatch(md, /Attached/);
    assert.match(md, /## You · 1970-01-01 00:00 UTC\n\nHello\n$/);
  });
});
