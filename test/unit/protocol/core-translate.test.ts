// Text core makes for the user goes through the translator it is handed (core/protocol/translate.ts): each function
// is run with a pseudo-translation that turns every letter it translates into an accented one, so a word of English
// left in its output is a string that skipped the translator. Without a translator, the English is unchanged.
import * as assert from 'node:assert/strict';
import { attachmentKindName, attachmentKinds, attachmentLabel, type AttachmentRecord } from '../../../src/core/protocol/attachments';
import type { ChatMessageRecord, TokenUsage } from '../../../src/core/protocol/chat-message';
import { toMarkdown } from '../../../src/core/history/export-markdown';
import { usageLine } from '../../../src/core/protocol/usage-text';
import { englishLeft, pseudo } from './pseudo-translation';

const usage: TokenUsage = { inputTokens: 1200, outputTokens: 56, cacheReadTokens: 3000, cacheWriteTokens: 400 };

describe("core's user-facing text goes through the translator it is given", () => {
  it('finds English the pseudo-translation did not reach (guards the check itself)', () => {
    assert.deepEqual(englishLeft(pseudo('{0} read from cache', 'x')), []);
    assert.deepEqual(englishLeft(`${pseudo('{0} in', 5)} out`), ['out']);
  });

  it('attachment kinds and labels', () => {
    for (const kind of attachmentKinds) assert.deepEqual(englishLeft(attachmentKindName(kind, pseudo)), [], kind);
    assert.deepEqual(englishLeft(attachmentLabel({ kind: 'problems' }, pseudo)), []);
    assert.deepEqual(englishLeft(attachmentLabel({ kind: 'terminal' }, pseudo)), []);
    assert.equal(attachmentLabel({ kind: 'selection', path: 'src/app.ts', range: { startLine: 3, endLine: 7 } }, pseudo), 'src/app.ts:3-7');
  });

  it('token and cost lines, short and long', () => {
    assert.deepEqual(englishLeft(usageLine(usage, 0.0123, true, pseudo)), []);
    assert.deepEqual(englishLeft(usageLine({ ...usage, estimated: true }, undefined, false, pseudo)), []);
  });

  it("the Markdown export's own words", () => {
    const attachment = (kind: AttachmentRecord['kind'], label: string): AttachmentRecord => ({ kind, label, content: '' });
    const messages: ChatMessageRecord[] = [
      { id: 'u1', role: 'user', author: 'user', text: '1', status: 'complete', createdAt: 0,
        attachments: [attachment('file', '2'), attachment('selection', '2:1-2'), attachment('problems', '3'), attachment('terminal', '4')] },
      { id: 'a1', role: 'assistant', author: 'qa', text: '5', status: 'complete', createdAt: 1, replyTo: 'u1',
        toolCalls: [{ id: 't1', name: 'read_file', argumentsText: '{}', status: 'done', summary: '6' }, { id: 't2', name: 'list', argumentsText: '{}', status: 'done', result: '7' }],
        error: { kind: 'auth', message: '8', hint: '9' }, meta: { turnUsage: usage, cost: 0.5 } },
      { id: 's1', role: 'assistant', author: 'qa', text: '', status: 'complete', createdAt: 2, compaction: { summary: '10', messages: 2 } },
      ...(['streaming', 'interrupted', 'error'] as const).map((status, i) => ({ id: `m${i}`, role: 'assistant', author: 'qa', text: '11', status, createdAt: 3 })),
      { id: 'a2', role: 'assistant', author: 'qa', text: '12', status: 'complete', createdAt: 4,
        toolCalls: (['streaming', 'pending', 'awaitingApproval', 'running', 'error', 'rejected', 'cancelled'] as const).map((status, i) => ({ id: `c${i}`, name: 'list', argumentsText: '{}', status })) },
    ] as ChatMessageRecord[];
    // Data, not the export's words: the agent's name, tool names, the time's "UTC".
    const data = ['@qa', 'read_file', 'list', 'UTC'];
    assert.deepEqual(englishLeft(toMarkdown('0', messages, pseudo), data), []);
    assert.deepEqual(englishLeft(toMarkdown('', [messages[0]!], pseudo), data), []);
  });

  it('keeps the English exactly without a translator', () => {
    assert.equal(attachmentKindName('terminal'), 'Terminal output');
    assert.equal(attachmentLabel({ kind: 'problems' }), 'Problems');
    assert.equal(usageLine(usage, 0.0123, true), '4,600 in · 56 out · 3,000 read from cache · 400 written to cache · 1,200 uncached · $0.012');
    assert.match(toMarkdown('', []), /^# Untitled chat\n\n_0 messages, exported from Agent Chat._\n$/);
  });
});
