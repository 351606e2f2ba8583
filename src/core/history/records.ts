// The on-disk vocabulary of a conversation log: one JSON object per line, each stamped with the
// format version `v` and the time `at`, so old logs can be migrated record by record on read.
import type { ChatMessageRecord, TokenUsage } from '../protocol/chat-message';
import type { AppliedChange } from '../tools/types';
import { dropInvalid, isObject, isUsage, repairMessage } from './validate';

export const FORMAT_VERSION = 1;

/** Who started a stream, so another window can tell a live answer from one whose window died. */
export interface StreamWriter {
  pid: number;
  host: string;
}

export interface CreatedRecord { v: number; t: 'created'; at: number; id: string; title: string; agent?: string }
/** A message added (a user question, or an answer's placeholder). `pid`/`host` only while streaming. */
export interface MessageAddedRecord { v: number; t: 'message'; at: number; message: ChatMessageRecord; pid?: number; host?: string }
/**
 * Text streamed so far: the message's text becomes `text[0, from) + text`. Writers append only
 * what is new since their previous checkpoint, so a long answer costs its own size, not its square.
 */
export interface CheckpointRecord { v: number; t: 'checkpoint'; at: number; messageId: string; from: number; text: string }
/** The final form of a message; replaces everything recorded about it before. */
export interface CompletedRecord { v: number; t: 'completed'; at: number; message: ChatMessageRecord }
export interface RenamedRecord { v: number; t: 'renamed'; at: number; title: string }
/**
 * A file change as kept for undo: everything but the texts shown in the diff, and with the previous
 * bytes replaced by the name of the file (beside the log) that holds them.
 */
export type StoredChange = Omit<AppliedChange, 'before' | 'after' | 'preImage'> & { preImage?: string };
/** A file change an agent turn applied, so the turn can be undone after a reload too. */
export interface EditAppliedRecord {
  v: number; t: 'editApplied'; at: number; messageId: string; turnId: string; editId: string; change: StoredChange;
}
export interface EditUndoneRecord { v: number; t: 'editUndone'; at: number; messageId: string; editId: string }
/**
 * What an agent turn used, written once when the turn settles (its last message also carries it, but may
 * be completed again later, e.g. after an undo): the index sums these into the conversation's total.
 */
export interface UsageRecord { v: number; t: 'usage'; at: number; messageId: string; usage: TokenUsage; cost?: number }

export type HistoryRecord =
  | CreatedRecord | MessageAddedRecord | CheckpointRecord | CompletedRecord | RenamedRecord
  | EditAppliedRecord | EditUndoneRecord | UsageRecord;

type WithoutStamp<T> = T extends unknown ? Omit<T, 'v' | 'at'> : never;
/** The undo archive's records, stamped when appended. */
export type ActivityRecordInput = WithoutStamp<EditAppliedRecord | EditUndoneRecord>;

/** Upgrades a record of version n to n + 1. Keyed by n. */
export type Migrations = Readonly<Record<number, (record: Record<string, unknown>) => Record<string, unknown>>>;

/** v1 is the first format; a future v2 adds `1: (r) => …` here and bumps FORMAT_VERSION. */
export const migrations: Migrations = {};

/** `repaired` names the fields of a readable record that were wrong and dropped or reset. */
export type Decoded = { ok: true; record: HistoryRecord; repaired: string[] } | { ok: false; reason: 'bad' | 'unknown' };

/**
 * Parses, migrates and shape-checks one line. Unknown record types (from a newer version, or kinds this
 * version no longer writes) are not errors: readers skip them.
 */
export function decode(line: string, table: Migrations = migrations): Decoded {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'bad' };
  }
  if (!isObject(raw)) return { ok: false, reason: 'bad' };
  let r: Record<string, unknown> = raw;
  let v = typeof r.v === 'number' ? r.v : 0;
  while (v < FORMAT_VERSION) {
    const step = table[v];
    if (!step) return { ok: false, reason: 'bad' };
    r = step(r);
    v = typeof r.v === 'number' && r.v > v ? r.v : v + 1;
  }
  if (typeof r.t !== 'string' || typeof r.at !== 'number') return { ok: false, reason: 'bad' };
  if (!known.has(r.t)) return { ok: false, reason: 'unknown' };
  const repaired = check(r);
  return repaired ? { ok: true, record: r as unknown as HistoryRecord, repaired } : { ok: false, reason: 'bad' };
}

const known = new Set(['created', 'message', 'checkpoint', 'completed', 'renamed', 'editApplied', 'editUndone', 'usage']);

/** The fields repaired, or undefined when the record cannot be used. Every field read later is checked here. */
function check(r: Record<string, unknown>): string[] | undefined {
  const ok = (valid: boolean) => (valid ? [] : undefined);
  switch (r.t) {
    case 'created':
      return ok(typeof r.id === 'string' && typeof r.title === 'string' && (r.agent === undefined || typeof r.agent === 'string'));
    case 'message': {
      const repaired = repairMessage(r.message)?.repaired;
      const isPid = (x: unknown) => Number.isInteger(x) && (x as number) > 0;
      return repaired && [...repaired, ...dropInvalid(r, { pid: isPid, host: (x) => typeof x === 'string' })];
    }
    case 'completed':
      return repairMessage(r.message)?.repaired;
    case 'checkpoint':
      return ok(typeof r.messageId === 'string' && Number.isInteger(r.from) && (r.from as number) >= 0 && typeof r.text === 'string');
    case 'renamed':
      return ok(typeof r.title === 'string');
    case 'editApplied':
      return ok(typeof r.messageId === 'string' && typeof r.turnId === 'string' && typeof r.editId === 'string' && validChange(r.change));
    case 'editUndone':
      return ok(typeof r.messageId === 'string' && typeof r.editId === 'string');
    case 'usage':
      return ok(typeof r.messageId === 'string' && isUsage(r.usage) && (r.cost === undefined || (typeof r.cost === 'number' && Number.isFinite(r.cost))));
    default:
      return undefined;
  }
}

const changeKinds = new Set(['create', 'modify', 'delete', 'mkdir', 'rmdir']);

function validChange(c: unknown): boolean {
  if (!isObject(c)) return false;
  const strings = ['tool', 'path', 'absolute', 'beforeDigest', 'afterDigest'].every((k) => typeof c[k] === 'string');
  return strings && changeKinds.has(c.kind as string) && (c.preImage === undefined || typeof c.preImage === 'string')
    && Array.isArray(c.createdDirs) && c.createdDirs.every((d) => typeof d === 'string');
}

/** One line, newline-terminated. */
export function encode(record: HistoryRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** The message a record is about, for the record types that change a message's state. */
export function messageIdOf(r: HistoryRecord): string | undefined {
  switch (r.t) {
    case 'message':
    case 'completed':
      return r.message.id;
    case 'checkpoint':
      return r.messageId;
    case 'created':
    case 'renamed':
    case 'editApplied':
    case 'editUndone':
    case 'usage':
      return undefined; // Edits and usage belong to a message but do not change it.
  }
}
