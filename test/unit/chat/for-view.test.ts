// What the chat page receives of a stored message: attachments named (kind, label, path, lines, note) for its
// chips but without what they held, and no reasoning; the stored record itself keeps everything.
import assert from 'node:assert/strict';
import { forView } from '../../../src/core/chat/conversation-state';
import type { ChatMessageRecord } from '../../../src/core/protocol/chat-message';

describe('the page copy of a message', () => {
  it('keeps the attachments as chips need them, without their content', () => {
    const stored: ChatMessageRecord = {
      id: 'u1', role: 'user', author: 'user', text: 'Why?', status: 'complete', createdAt: 1,
      attachments: [
        { kind: 'selection', path: 'src/server.ts', range: { startLine: 3, endLine: 9 }, label: 'src/server.ts:3-9', language: 'typescript', content: 'const secretish = 1;' },
        { kind: 'terminal', label: 'Terminal output', content: '', note: 'not attached: no command has run' },
      ],
    };
    const shown = forView(stored);
    assert.deepEqual(shown.attachments, [
      { kind: 'selection', path: 'src/server.ts', range: { startLine: 3, endLine: 9 }, label: 'src/server.ts:3-9', language: 'typescript', content: '' },
      { kind: 'terminal', label: 'Terminal output', content: '', note: 'not attached: no command has run' },
    ]);
    assert.equal(stored.attachments?.[0]?.content, 'const secretish = 1;', 'the stored record is left whole');
    assert.ok(!JSON.stringify(shown).includes('secretish'));
  });

  it('leaves the reasoning out and adds no attachments to a message without them', () => {
    const answer: ChatMessageRecord = {
      id: 'a1', role: 'assistant', author: 'backend', text: 'Because.', status: 'complete', createdAt: 2,
      reasoning: [{ type: 'thinking', thinking: 'hidden', signature: 's' }],
    };
    assert.deepEqual(forView(answer), { id: 'a1', role: 'assistant', author: 'backend', text: 'Because.', status: 'complete', createdAt: 2 });
  });
});
