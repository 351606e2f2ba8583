// How records add up to a message's latest state, read forwards (export, rebuild) or backwards
// from the end of the log (paging), where only the records after the newest full state matter.
import type { ChatMessageRecord } from '../protocol/chat-message';
import type { CheckpointRecord, HistoryRecord, StreamWriter } from './records';

export interface MessageState {
  message: ChatMessageRecord;
  /** Time of the newest record about this message: how long a stream has been silent. */
  lastAt: number;
  writer?: StreamWriter;
}

/** Applies a checkpoint to `m` in place. */
export function apply(m: ChatMessageRecord, r: CheckpointRecord): void {
  // A finished message keeps its final text; a checkpoint past a gap (a lost line) cannot be placed.
  if (m.status !== 'streaming' || r.from > m.text.length) return;
  m.text = m.text.slice(0, r.from) + r.text;
}

function writerOf(r: HistoryRecord): StreamWriter | undefined {
  return r.t === 'message' && r.pid !== undefined ? { pid: r.pid, host: r.host ?? '' } : undefined;
}

interface Pending {
  /** Updates newer than `anchor` (or than anything seen), newest first. */
  newer: CheckpointRecord[];
  /** The newest full state (a `completed` record) with the newer updates applied. */
  anchor?: ChatMessageRecord;
  lastAt: number;
}

/**
 * Consumes records newest first. A message is resolved when its `message` record (its position in
 * the conversation) is reached; messages resolve in conversation order, newest first.
 */
export class BackwardFold {
  private readonly pending = new Map<string, Pending>();
  /** Ids resolved so far (older records about them are history already applied). */
  readonly done = new Set<string>();
  /** Resolved and not yet handed out, newest first. */
  readonly resolved: (MessageState & { id: string })[] = [];

  add(r: HistoryRecord): void {
    switch (r.t) {
      case 'message': {
        const id = r.message.id;
        if (this.done.has(id)) return;
        const p = this.pending.get(id);
        this.pending.delete(id);
        this.done.add(id);
        const message = p?.anchor ?? replay(r.message, p?.newer ?? []);
        this.resolved.push({ id, message, lastAt: p?.lastAt ?? r.at, writer: writerOf(r) });
        return;
      }
      case 'completed': {
        const p = this.entry(r.message.id, r.at);
        if (p && !p.anchor) {
          p.anchor = replay(r.message, p.newer);
          p.newer = [];
        }
        return;
      }
      case 'checkpoint': {
        const p = this.entry(r.messageId, r.at);
        if (p && !p.anchor) p.newer.push(r);
        return;
      }
      case 'created':
      case 'renamed':
      case 'editApplied':
      case 'editUndone':
      case 'usage':
        return; // Not about a message's content.
    }
  }

  private entry(id: string, at: number): Pending | undefined {
    if (this.done.has(id)) return undefined;
    let p = this.pending.get(id);
    if (!p) this.pending.set(id, (p = { newer: [], lastAt: at }));
    return p;
  }
}

/** Records are freshly parsed and used once, so states are built in place, without copies. */
function replay(m: ChatMessageRecord, newerFirst: CheckpointRecord[]): ChatMessageRecord {
  for (let i = newerFirst.length - 1; i >= 0; i--) apply(m, newerFirst[i]!);
  return m;
}

/** Consumes records oldest first; `messages()` gives every message's latest state in order. */
export class ForwardFold {
  private readonly states = new Map<string, MessageState>();

  add(r: HistoryRecord): void {
    switch (r.t) {
      case 'message':
        if (!this.states.has(r.message.id)) this.states.set(r.message.id, { message: r.message, lastAt: r.at, writer: writerOf(r) });
        return;
      case 'completed': {
        const s = this.states.get(r.message.id);
        if (s) Object.assign(s, { message: r.message, lastAt: r.at });
        return;
      }
      case 'checkpoint': {
        const s = this.states.get(r.messageId);
        if (s) {
          apply(s.message, r);
          s.lastAt = r.at;
        }
        return;
      }
      case 'created':
      case 'renamed':
      case 'editApplied':
      case 'editUndone':
      case 'usage':
        return;
    }
  }

  messages(): MessageState[] {
    return [...this.states.values()];
  }
}
