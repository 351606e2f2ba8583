// A message's attachments are stored with it and read back exactly (so a reloaded conversation sends the
// model what was sent the first time); a damaged attachment costs only itself.
import assert from 'node:assert/strict';
import { FileConversationStore } from '../../../src/core/history/file-store';
import { repairMessage } from '../../../src/core/history/validate';
import type { AttachmentRecord } from '../../../src/core/protocol/attachments';
import { msg, removeRoot, tempRoot } from './helpers';

const attachments: AttachmentRecord[] = [
  { kind: 'file', path: 'src/app.ts', label: 'src/app.ts', language: 'typescript', content: 'export const app = 1;' },
  { kind: 'selection', path: 'src/app.ts', range: { startLine: 2, endLine: 3 }, label: 'src/app.ts:2-3', content: 'a\nb', note: 'only lines 2-2 of 2-3 attached' },
  { kind: 'problems', label: 'Problems (no problems)', content: 'No problems reported in the workspace.' },
  { kind: 'terminal', label: 'Terminal output', content: '', note: 'not attached: no command has run' },
];

describe('stored attachments', () => {
  let root: string;
  beforeEach(async () => (root = await tempRoot()));
  afterEach(() => removeRoot(root));

  it('round-trip with the user message through a new store', async () => {
    const a = new FileConversationStore(root);
    const c = await a.create('With context');
    const q = msg('Why does this fail?', { attachments });
    await a.appendMessage(c.id, q);
    await a.dispose();
    const b = new FileConversationStore(root);
    const page = await b.lastPage(c.id, 10);
    await b.dispose();
    assert.deepEqual(page.messages[0]?.attachments, attachments);
  });

  it('keeps well-formed attachments and drops malformed ones, naming the field', () => {
    const good: Record<string, unknown> = { ...msg('q'), attachments: structuredClone(attachments) };
    assert.deepEqual(repairMessage(good)?.repaired, []);
    assert.deepEqual(good.attachments, attachments);
    const bad: Record<string, unknown> = {
      ...msg('q'),
      attachments: [attachments[0], { kind: 'folder', label: 'x', content: '' }, { kind: 'file', label: 'y' }, { ...attachments[1], range: { startLine: 5, endLine: 1 } }, 'text'],
    };
    assert.deepEqual(repairMessage(bad)?.repaired, ['attachments']);
    assert.deepEqual(bad.attachments, [attachments[0]]);
    const notList: Record<string, unknown> = { ...msg('q'), attachments: { kind: 'file' } };
    assert.deepEqual(repairMessage(notList)?.repaired, ['attachments']);
    assert.equal(notList.attachments, undefined);
  });
});
