// What is read back from disk is checked in full before use: logs and index.json can be damaged by
// a crash, edited by hand, or written by a hostile repository's files, and a field of the wrong type
// must cost that field (or that one record), never the whole conversation or the whole history.
import { attachmentKinds, isLineRange, type AttachmentKind } from '../protocol/attachments';

/** Conversation ids become file names: nothing that could reach outside the history folder. */
export function isConversationId(id: unknown): id is string {
  return typeof id === 'string' && /^[\w-]{1,128}$/.test(id);
}

export function assertConversationId(id: unknown): asserts id is string {
  if (!isConversationId(id)) throw new Error(`Invalid conversation id ${JSON.stringify(id)}`);
}

export type Obj = Record<string, unknown>;

export function isObject(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isCount = (x: unknown): x is number => isNumber(x) && Number.isInteger(x) && x >= 0;

const roles = new Set(['user', 'assistant']);
const messageStatuses = new Set(['streaming', 'complete', 'interrupted', 'error']);
const toolStatuses = new Set(['streaming', 'pending', 'awaitingApproval', 'running', 'done', 'error', 'rejected', 'cancelled']);
const stopReasons = new Set(['end', 'tool_use', 'max_tokens', 'cancelled', 'refusal', 'content_filter', 'context_window', 'pause_turn', 'other']);
const handOffStates = new Set(['offered', 'accepted', 'dismissed']);

/** Drops the optional fields of `o` whose value fails their check; returns the names dropped. */
export function dropInvalid(o: Obj, checks: Readonly<Record<string, (x: unknown) => boolean>>): string[] {
  const dropped: string[] = [];
  for (const [key, ok] of Object.entries(checks)) {
    if (o[key] !== undefined && !ok(o[key])) {
      delete o[key];
      dropped.push(key);
    }
  }
  return dropped;
}

const toolKinds = new Set(['read', 'write', 'command', 'mcp']);
const isApprovalCard = (x: unknown) => isObject(x) && isString(x.title) && (x.detail === undefined || isString(x.detail)) && typeof x.canAlwaysAllow === 'boolean';
const isLinesRead = (x: unknown) => isObject(x) && isNumber(x.start) && isNumber(x.end) && isNumber(x.total);
const toolCallChecks = { kind: (x: unknown) => toolKinds.has(x as string), approval: isApprovalCard, output: isString, exitCode: isNumber, durationMs: isNumber, lineRange: isLinesRead };

function isToolCall(x: unknown): x is Obj {
  if (!isObject(x) || !isString(x.id) || !isString(x.name) || !isString(x.argumentsText) || !toolStatuses.has(x.status as string)) return false;
  return (x.result === undefined || isString(x.result)) && (x.summary === undefined || isString(x.summary)) && (x.rejectedReason === undefined || isString(x.rejectedReason)) && (x.diffStat === undefined || isDiffStat(x.diffStat));
}

/** A tool call's optional display fields of the wrong type cost only themselves. */
function repairToolCalls(calls: Obj[]): boolean {
  return calls.map((c) => dropInvalid(c, toolCallChecks).length > 0).some(Boolean);
}
const isDiffStat = (x: unknown) => isObject(x) && isString(x.path) && isNumber(x.added) && isNumber(x.removed);

const isError = (x: unknown) => isObject(x) && isString(x.kind) && isString(x.message) && (x.hint === undefined || isString(x.hint)) && (x.retryAt === undefined || isNumber(x.retryAt));
export const isUsage = (x: unknown): boolean =>
  isObject(x) && isNumber(x.inputTokens) && isNumber(x.outputTokens)
  && (x.cacheReadTokens === undefined || isNumber(x.cacheReadTokens)) && (x.cacheWriteTokens === undefined || isNumber(x.cacheWriteTokens));
const isActiveFile = (x: unknown) => isObject(x) && isString(x.path) && isString(x.language);
const isCompaction = (x: unknown) => isObject(x) && isString(x.summary) && isString(x.upTo) && isCount(x.messages);
const isHandOff = (x: unknown) => isObject(x) && isString(x.agent) && isString(x.task) && handOffStates.has(x.state as string);
const isReasoningBlock = (x: unknown) =>
  isObject(x) && ((x.type === 'thinking' && isString(x.thinking) && isString(x.signature)) || (x.type === 'redacted_thinking' && isString(x.data)));
const isReasoning = (x: unknown) => Array.isArray(x) && x.every(isReasoningBlock);
const optional = (x: unknown, check: (y: unknown) => boolean) => x === undefined || check(x);
const isAttachment = (x: unknown) =>
  isObject(x) && attachmentKinds.includes(x.kind as AttachmentKind) && isString(x.label) && isString(x.content) &&
  optional(x.path, isString) && optional(x.range, isLineRange) && optional(x.language, isString) && optional(x.note, isString) && optional(x.shownNote, isString);
/** Dates `Date` can represent (an export formats them). */
const isTime = (x: unknown): x is number => isNumber(x) && Math.abs(x) <= 8.64e15;
const metaChecks = {
  provider: isString, model: isString, usage: isUsage, turnUsage: isUsage, cost: isNumber, firstTokenMs: isNumber, durationMs: isNumber,
};

/**
 * Checks a stored message in place. Its identity, role and text must be right (else undefined: the
 * record is skipped); a wrong optional field is dropped or reset (its name is returned), the rest kept.
 */
export function repairMessage(m: unknown): { repaired: string[] } | undefined {
  if (!isObject(m) || !isString(m.id) || !isString(m.text) || !roles.has(m.role as string)) return undefined;
  const repaired: string[] = [];
  const fix = (key: string, value: unknown) => {
    m[key] = value;
    repaired.push(key);
  };
  if (!isString(m.author)) fix('author', m.role === 'user' ? 'user' : 'unknown');
  if (!messageStatuses.has(m.status as string)) fix('status', 'interrupted');
  if (!isTime(m.createdAt)) fix('createdAt', 0);
  if (Array.isArray(m.toolCalls) && !m.toolCalls.every(isToolCall)) fix('toolCalls', m.toolCalls.filter(isToolCall));
  if (Array.isArray(m.toolCalls) && repairToolCalls(m.toolCalls as Obj[])) repaired.push('toolCalls');
  if (Array.isArray(m.attachments) && !m.attachments.every(isAttachment)) fix('attachments', m.attachments.filter(isAttachment));
  repaired.push(...dropInvalid(m, {
    replyTo: isString, toolCalls: Array.isArray, deltaSeq: isCount, error: isError, stopReason: (x) => stopReasons.has(x as string),
    turnId: isString, handedOffBy: isString, undoableChanges: isCount, notice: isString, meta: isObject,
    handOff: isHandOff, reasoning: isReasoning, attachments: Array.isArray, compaction: isCompaction, activeFile: isActiveFile,
  }));
  if (isObject(m.meta)) repaired.push(...dropInvalid(m.meta, metaChecks).map((k) => `meta.${k}`));
  return { repaired };
}

export interface CheckedEntry {
  entry: Obj;
  repaired: string[];
}

const isCounted = (c: unknown) => isObject(c) && isNumber(c.ino) && isCount(c.to);
/** A wrong total is dropped: the next index write counts it again from the log. */
const isTotals = (u: unknown) => isObject(u) && optional(u.total, isUsage) && optional(u.cost, isNumber) && optional(u.costPartial, (x) => typeof x === 'boolean');
const isStream = (s: unknown) => isObject(s) && isString(s.messageId) && isNumber(s.pid) && isString(s.host);

/**
 * Checks one index.json entry. An entry without a valid id is refused (undefined); wrong fields are
 * repaired from what is there, so the conversation stays listed and its log stays reachable.
 */
export function checkEntry(raw: unknown): CheckedEntry | undefined {
  if (!isObject(raw) || !isConversationId(raw.id)) return undefined;
  const e: Obj = { ...raw };
  const repaired: string[] = [];
  const fix = (key: string, value: unknown) => {
    e[key] = value;
    repaired.push(key);
  };
  if (!isString(e.title)) fix('title', 'Untitled chat');
  if (!isNumber(e.updatedAt)) fix('updatedAt', isNumber(e.createdAt) ? e.createdAt : 0);
  if (!isNumber(e.createdAt)) e.createdAt = e.updatedAt; // Older indexes had no createdAt.
  if (!isCount(e.messageCount)) {
    fix('messageCount', 0);
    delete e.counted; // Counted again from the log on the next write.
  }
  if (Array.isArray(e.streaming) && !e.streaming.every(isStream)) fix('streaming', e.streaming.filter(isStream));
  repaired.push(...dropInvalid(e, { agent: isString, streaming: Array.isArray, deletedAt: isNumber, counted: isCounted, usage: isTotals }));
  return { entry: e, repaired };
}
