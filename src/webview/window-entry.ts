// One message of the windowed transcript: its record while off the page, its view while on it, and the
// height it had when last measured; and what decides that it must stay on the page.
import type { ChatMessageRecord } from '../core/protocol/chat-message';
import type { MessageView } from './message-view';

/** One message: its view while on the page, else its record; its height as last measured. */
export interface Entry {
  record: ChatMessageRecord;
  view?: MessageView;
  height?: number;
  continued: boolean;
}

/** A new entry; an answer continues the one before when the same agent answers in the same turn. */
export function newEntry(record: ChatMessageRecord, previous: ChatMessageRecord | undefined): Entry {
  const continued = record.role === 'assistant' && !!record.turnId && previous?.turnId === record.turnId && previous.author === record.author;
  return { record, continued };
}

/** The latest state of a message, on the page or not. */
export function latestRecord(e: Entry): ChatMessageRecord {
  return e.view ? e.view.current : e.record;
}

/** Streaming, awaiting an approval or holding the focus: such a message never leaves the page. */
export function mustStay(e: Entry): boolean {
  const v = e.view;
  if (!v) return false;
  return v.status === 'streaming' || v.toolCalls.some((c) => c.status === 'awaitingApproval') || v.element.contains(document.activeElement);
}
