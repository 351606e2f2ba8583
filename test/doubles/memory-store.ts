// Conversations and the undo archive in memory, for tests of the chat that need no disk; it behaves
// like the file store for the same calls (test/unit/history/store.test.ts checks that).
import type { ConversationStore, TurnEdits, UndoArchive } from '../../src/core/chat/store';
import { toMarkdown } from '../../src/core/history/export-markdown';
import { addToTotals } from '../../src/core/models/cost';
import type { ChatMessageRecord, TokenUsage } from '../../src/core/protocol/chat-message';
import type { ConversationSummary, UsageTotals } from '../../src/core/protocol/messages';
import type { AppliedChange } from '../../src/core/tools/types';
import { newId } from '../../src/core/util/ids';
import type { Translate } from '../../src/core/protocol/translate';

export class MemoryConversationStore implements ConversationStore, UndoArchive {
  private readonly conversations = new Map<
    string,
    { summary: ConversationSummary; messages: ChatMessageRecord[]; edits: { id: string; messageId: string; turnId: string; change: AppliedChange }[]; usage: UsageTotals }
  >();
  private counter = 0;

  async list() {
    return [...this.conversations.values()].map((c) => ({ ...c.summary })).sort((a, b) => b.updatedAt - a.updatedAt);
  }
  async create(title: string, _options?: { agent?: string }) {
    const summary = { id: `mem_${++this.counter}`, title, updatedAt: Date.now(), messageCount: 0 };
    this.conversations.set(summary.id, { summary, messages: [], edits: [], usage: {} });
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
  async recordUsage(id: string, _messageId: string, usage: TokenUsage, cost: number | undefined) {
    const c = this.get(id);
    c.usage = addToTotals(c.usage, usage, cost);
  }
  async usageTotals(id: string) {
    return structuredClone(this.get(id).usage);
  }
  async rename(id: string, title: string) {
    this.get(id).summary.title = title;
  }
  async delete(id: string) {
    this.conversations.delete(id);
  }
  async exportMarkdown(id: string, t?: Translate, locale?: string) {
    const c = this.get(id);
    return toMarkdown(c.summary.title, c.messages, t, locale);
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
