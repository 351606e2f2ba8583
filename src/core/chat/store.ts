// Where conversations live. The controller only talks to this interface; the history module
// provides the durable implementation, and `MemoryConversationStore` serves tests and fallbacks.
import { toMarkdown } from '../history/export-markdown';
import type { ConversationSummary } from '../protocol/messages';
import type { AppliedChange } from '../tools/types';
import { newId } from '../util/ids';
import type { ChatMessageRecord } from './message';

export interface MessagePage {
  messages: ChatMessageRecord[];
  hasOlder: boolean;
}

/** Something the user should hear about once, e.g. a conversation file that could not be read. */
export interface HistoryProblem {
  kind: 'unreadableLog';
  conversationId: string;
  message: string;
  /** Where the unreadable file was moved (it is never deleted), so it can be recovered by hand. */
  movedTo?: string;
}

export interface RecoveryReport {
  /** Answers whose window died while streaming, now marked `interrupted` with their last checkpoint. */
  interrupted: { conversationId: string; messageId: string }[];
  problems: HistoryProblem[];
}

/** The changes of one agent turn that are applied and not yet undone, as kept with the conversation. */
export interface TurnEdits {
  /** The answer the changes were recorded with. */
  messageId: string | undefined;
  editIds: string[];
  /** Oldest first, each with the file's previous bytes. */
  changes: AppliedChange[];
  /** Paths whose previous content can no longer be read; these cannot be undone. */
  lost: string[];
}

export interface ConversationStore {
  /** Newest first. */
  list(): Promise<ConversationSummary[]>;
  create(title: string, options?: { agent?: string }): Promise<ConversationSummary>;
  /** The newest `limit` messages. */
  lastPage(conversationId: string, limit: number): Promise<MessagePage>;
  /** Up to `limit` messages older than `beforeId`. */
  pageBefore(conversationId: string, beforeId: string, limit: number): Promise<MessagePage>;
  /** Persists a new message (the user's, or an answer's placeholder) before anything else happens to it. */
  appendMessage(conversationId: string, message: ChatMessageRecord): Promise<void>;
  /** Saves the text streamed so far, so a killed window loses at most a checkpoint interval. */
  checkpoint(conversationId: string, messageId: string, text: string): Promise<void>;
  /** Saves the final form of a message. */
  completeMessage(conversationId: string, message: ChatMessageRecord): Promise<void>;
  rename(conversationId: string, title: string): Promise<void>;
  delete(conversationId: string): Promise<void>;
  /** Deletes every conversation. */
  clearAll(): Promise<void>;
  /** Deletes the least recently updated conversations beyond `maxConversations`; returns their ids. */
  applyRetention(maxConversations: number): Promise<string[]>;
  /** The whole conversation as Markdown: title, then each message with author, time and text. */
  exportMarkdown(conversationId: string): Promise<string>;
  /** Keeps a change an agent applied (with the file's previous bytes) so its turn can be undone later. */
  saveEdit(conversationId: string, edit: { messageId: string; turnId: string; change: AppliedChange }): Promise<void>;
  turnEdits(conversationId: string, turnId: string): Promise<TurnEdits>;
  /** Marks edits as undone, so they are not offered (or restored) again. */
  editsUndone(conversationId: string, messageId: string, editIds: string[]): Promise<void>;
  /** Run on activation: settles answers left streaming by a window that died. */
  recoverInterrupted(): Promise<RecoveryReport>;
  /** Writes everything buffered (call on deactivate). */
  flush(): Promise<void>;
}

export class MemoryConversationStore implements ConversationStore {
  private readonly conversations = new Map<
    string,
    { summary: ConversationSummary; messages: ChatMessageRecord[]; edits: { id: string; messageId: string; turnId: string; change: AppliedChange }[] }
  >();
  private counter = 0;

  async list() {
    return [...this.conversations.values()].map((c) => ({ ...c.summary })).sort((a, b) => b.updatedAt - a.updatedAt);
  }
  async create(title: string, _options?: { agent?: string }) {
    const summary = { id: `mem_${++this.counter}`, title, updatedAt: Date.now(), messageCount: 0 };
    this.conversations.set(summary.id, { summary, messages: [], edits: [] });
    return { ...summary };
  }
  async lastPage(id: string, limit: number) {
    const all = this.get(id).messages;
    return { messages: all.slice(-limit).map(clone), hasOlder: all.length > limit };
  }
  async pageBefore(id: string, beforeId: string, limit: number) {
    const all = this.get(id).messages;
    const end = all.findIndex((m) => m.id === beforeId);
    const stop = end < 0 ? all.length : end;
    const start = Math.max(0, stop - limit);
    return { messages: all.slice(start, stop).map(clone), hasOlder: start > 0 };
  }
  async appendMessage(id: string, message: ChatMessageRecord) {
    const c = this.get(id);
    c.messages.push(clone(message));
    c.summary.messageCount = c.messages.length;
    c.summary.updatedAt = Date.now();
  }
  async checkpoint(id: string, messageId: string, text: string) {
    const m = this.get(id).messages.find((x) => x.id === messageId);
    if (m) m.text = text;
  }
  async completeMessage(id: string, message: ChatMessageRecord) {
    const c = this.get(id);
    const i = c.messages.findIndex((x) => x.id === message.id);
    if (i >= 0) c.messages[i] = clone(message);
    c.summary.updatedAt = Date.now();
  }
  async rename(id: string, title: string) {
    this.get(id).summary.title = title;
  }
  async delete(id: string) {
    this.conversations.delete(id);
  }
  async clearAll() {
    this.conversations.clear();
  }
  async applyRetention(maxConversations: number) {
    const removed = (await this.list()).slice(Math.max(0, maxConversations)).map((c) => c.id);
    for (const id of removed) this.conversations.delete(id);
    return removed;
  }
  async exportMarkdown(id: string) {
    const c = this.get(id);
    return toMarkdown(c.summary.title, c.messages);
  }
  async saveEdit(id: string, edit: { messageId: string; turnId: string; change: AppliedChange }) {
    this.get(id).edits.push({ id: newId('e'), ...edit });
  }
  async turnEdits(id: string, turnId: string): Promise<TurnEdits> {
    const edits = this.get(id).edits.filter((e) => e.turnId === turnId);
    return { messageId: edits[0]?.messageId, editIds: edits.map((e) => e.id), changes: edits.map((e) => e.change), lost: [] };
  }
  async editsUndone(id: string, _messageId: string, editIds: string[]) {
    const c = this.get(id);
    c.edits = c.edits.filter((e) => !editIds.includes(e.id));
  }
  /** Nothing outlives the process here, so nothing can be left streaming by a dead window. */
  async recoverInterrupted(): Promise<RecoveryReport> {
    return { interrupted: [], problems: [] };
  }
  async flush() {}
  private get(id: string) {
    const c = this.conversations.get(id);
    if (!c) throw new Error(`No conversation ${id}`);
    return c;
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
