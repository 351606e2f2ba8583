// The host's check of what the chat page sends: every message type the page can send passes as sent,
// and anything else (wrong shape, unknown type, not an object) is refused rather than half-handled.
import assert from 'node:assert/strict';
import type { WebviewToHost } from '../../../src/core/protocol/messages';
import { parseWebviewMessage } from '../../../src/core/protocol/validate';

/** One sample per message type; keyed by type, so a new type without a sample does not compile. */
const samples: { [K in WebviewToHost['type']]: Extract<WebviewToHost, { type: K }> } = {
  ready: { type: 'ready', hasSnapshot: true },
  send: { type: 'send', text: 'hello', agent: 'backend' },
  stop: { type: 'stop' },
  retry: { type: 'retry', messageId: 'm1' },
  continue: { type: 'continue', messageId: 'm1' },
  loadOlder: { type: 'loadOlder', beforeId: 'm1' },
  copyCode: { type: 'copyCode', code: 'x' },
  insertCode: { type: 'insertCode', code: 'x' },
  applyCode: { type: 'applyCode', code: 'x', path: 'src/a.ts' },
  openLink: { type: 'openLink', href: 'https://example.com' },
  newChat: { type: 'newChat' },
  approveTool: { type: 'approveTool', toolCallId: 't1', approved: false, reason: 'not that file', always: false },
  openToolOutput: { type: 'openToolOutput', toolCallId: 't1' },
  undoTurn: { type: 'undoTurn', messageId: 'm1' },
  runHandOff: { type: 'runHandOff', messageId: 'm1' },
  dismissHandOff: { type: 'dismissHandOff', messageId: 'm1' },
  showDiff: { type: 'showDiff', messageId: 'm1', toolCallId: 't1' },
  openFile: { type: 'openFile', path: 'src/app.ts', line: 12 },
  reviewTurn: { type: 'reviewTurn', messageId: 'm1' },
  setApiKey: { type: 'setApiKey', provider: 'anthropic' },
  shareActiveFile: { type: 'shareActiveFile', share: false },
  listConversations: { type: 'listConversations' },
  switchConversation: { type: 'switchConversation', id: 'c1' },
  renameConversation: { type: 'renameConversation', id: 'c1' },
  deleteConversation: { type: 'deleteConversation', id: 'c1' },
  exportConversation: { type: 'exportConversation', id: 'c1' },
  command: { type: 'command', command: 'setApiKey' },
  searchFiles: { type: 'searchFiles', query: 'app' },
  attachSelection: { type: 'attachSelection' },
};

describe('protocol: messages from the chat page', () => {
  for (const sample of Object.values(samples)) {
    it(`accepts ${sample.type} as sent`, () => {
      assert.deepEqual(parseWebviewMessage(structuredClone(sample)), sample);
    });
  }

  it('accepts optional fields left out, and drops fields a type does not have', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'approveTool', toolCallId: 't', approved: true }), { type: 'approveTool', toolCallId: 't', approved: true });
    assert.deepEqual(parseWebviewMessage({ type: 'stop', extra: { nested: 1 }, __proto__: { text: 'x' } }), { type: 'stop' });
  });

  it('refuses a line number that is not a finite number', () => {
    for (const line of ['3', Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(parseWebviewMessage({ type: 'openFile', path: 'a.ts', line }), undefined);
  });

  it('refuses anything that is not a message of a known shape', () => {
    const bad: unknown[] = [
      undefined, null, 'send', 42, [], ['send'],
      {}, { type: 7 }, { type: 'explode' }, { type: 'toString' }, { type: '__proto__' }, { type: 'constructor' },
      { type: 'send' }, { type: 'send', text: 5 }, { type: 'send', text: ['a'] },
      { type: 'approveTool', toolCallId: 't', approved: 'yes' }, { type: 'approveTool', toolCallId: 't', approved: true, reason: 3 },
      { type: 'applyCode', code: 'x' }, { type: 'command', command: 'deleteEverything' }, { type: 'command' },
      { type: 'painted', messageId: 'm', seq: Number.NaN, at: 1 }, { type: 'painted', messageId: 'm', seq: 1, at: Infinity },
      { type: 'ready', hasSnapshot: 'true' },
      { type: 'send', text: 'x', agent: 3 }, { type: 'runHandOff' }, { type: 'dismissHandOff', messageId: 1 },
    ];
    for (const value of bad) assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value) ?? String(value));
  });

  it('accepts attachment references, keeping only their fields', () => {
    const attachments = [
      { kind: 'file', path: 'src/app.ts' },
      { kind: 'selection', path: 'src/app.ts', range: { startLine: 2, endLine: 4 } },
      { kind: 'problems' },
      { kind: 'terminal' },
    ];
    const sent = { type: 'send', text: 'look', attachments: [...attachments.slice(0, 3), { kind: 'terminal', content: 'forged', label: 'x' }] };
    assert.deepEqual(parseWebviewMessage(sent), { type: 'send', text: 'look', attachments });
  });

  it('refuses a send whose attachments are malformed or too many', () => {
    const bad: unknown[] = [
      'src/app.ts', [{ kind: 'folder', path: 'src' }], [{ kind: 'file' }], [{ kind: 'file', path: '' }], [{ kind: 'file', path: 7 }],
      [{ kind: 'selection', path: 'a.ts' }], [{ kind: 'selection', path: 'a.ts', range: { startLine: 3, endLine: 2 } }],
      [{ kind: 'selection', path: 'a.ts', range: { startLine: 0, endLine: 2 } }], [{ kind: 'selection', path: 'a.ts', range: { startLine: 1.5, endLine: 2 } }],
      [null], [['file']], Array.from({ length: 21 }, () => ({ kind: 'problems' })),
    ];
    for (const attachments of bad) assert.equal(parseWebviewMessage({ type: 'send', text: 'x', attachments }), undefined, JSON.stringify(attachments));
  });
});
