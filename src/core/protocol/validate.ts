// Messages from the chat page are checked before the host acts on them: the page shows model output,
// so what it sends is input like any other. A message of the wrong shape is dropped (and logged by the
// caller), never half-handled.
import { isAttachmentRef, maxAttachments, toRef } from './attachments';
import type { WebviewToHost } from './messages';

type Field = 'string' | 'boolean' | 'number' | 'string?' | 'boolean?' | 'number?' | 'attachments?';

/** The fields of every message type. Keyed by type, so a new message type does not compile without one. */
const shapes: { readonly [K in WebviewToHost['type']]: Readonly<Record<string, Field>> } = {
  ready: { hasSnapshot: 'boolean?' },
  send: { text: 'string', agent: 'string?', attachments: 'attachments?' },
  searchFiles: { query: 'string' },
  attachSelection: {},
  stop: {},
  retry: { messageId: 'string' },
  continue: { messageId: 'string' },
  loadOlder: { beforeId: 'string' },
  copyCode: { code: 'string' },
  insertCode: { code: 'string' },
  applyCode: { code: 'string', path: 'string' },
  openLink: { href: 'string' },
  newChat: {},
  approveTool: { toolCallId: 'string', approved: 'boolean', reason: 'string?', always: 'boolean?' },
  openToolOutput: { toolCallId: 'string' },
  undoTurn: { messageId: 'string' },
  runHandOff: { messageId: 'string' },
  dismissHandOff: { messageId: 'string' },
  showDiff: { messageId: 'string', toolCallId: 'string' },
  openFile: { path: 'string', line: 'number?' },
  reviewTurn: { messageId: 'string' },
  setApiKey: { provider: 'string?' },
  shareActiveFile: { share: 'boolean' },
  listConversations: {},
  switchConversation: { id: 'string' },
  renameConversation: { id: 'string' },
  deleteConversation: { id: 'string' },
  exportConversation: { id: 'string' },
  command: { command: 'string' },
};

const commands = new Set(['selectModel', 'setApiKey', 'showConversations', 'exportChat', 'useVscodeModel', 'openWalkthrough', 'useOllama']);

/** The message if it has the shape its type requires (extra fields are dropped), else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const type = raw.type;
  if (typeof type !== 'string' || !Object.hasOwn(shapes, type)) return undefined;
  const out: Record<string, unknown> = { type };
  for (const [name, field] of Object.entries(shapes[type as WebviewToHost['type']])) {
    const v = raw[name];
    const optional = field.endsWith('?');
    if (v === undefined && optional) continue;
    if (field === 'attachments?') {
      if (!Array.isArray(v) || v.length > maxAttachments || !v.every(isAttachmentRef)) return undefined;
      out[name] = v.map(toRef);
      continue;
    }
    const want = optional ? field.slice(0, -1) : field;
    if (typeof v !== want) return undefined;
    if (want === 'number' && !Number.isFinite(v)) return undefined;
    out[name] = v;
  }
  if (type === 'command' && !commands.has(out.command as string)) return undefined;
  return out as WebviewToHost;
}
