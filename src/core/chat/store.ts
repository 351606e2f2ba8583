// Where conversations live, as three interfaces: the conversations themselves, the archive of file
// changes kept for undo, and maintenance. The chat talks only to these; core/history implements them.
import type { ConversationSummary, UsageTotals } from '../protocol/messages';
import type { AppliedChange } from '../tools/types';
import type { ChatMessageRecord, TokenUsage } from '../protocol/chat-message';
import type { Translate } from '../protocol/translate';

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
  /** Keeps what an agent turn used, once, when it settles (`cost` undefined: its price is unknown). */
  recordUsage(conversationId: string, messageId: string, usage: TokenUsage, cost: number | undefined): Promise<void>;
  /** What all of the conversation's answers used, not only the page loaded. */
  usageTotals(conversationId: string): Promise<UsageTotals>;
  rename(conversationId: string, title: string): Promise<void>;
  delete(conversationId: string): Promise<void>;
  /**
   * The whole conversation as Markdown: title, then each message with author, time and text (its own words by `t`,
   * its counts grouped as `locale` groups them).
   */
  exportMarkdown(conversationId: string, t?: Translate, locale?: string): Promise<string>;
  /** Writes everything buffered (call on deactivate). */
  flush(): Promise<void>;
}

/** The file changes agent turns applied, kept with their conversation so a turn can be undone after a reload. */
export interface UndoArchive {
  /** Keeps a change an agent applied (with the file's previous bytes) so its turn can be undone later. */
  saveEdit(conversationId: string, edit: { messageId: string; turnId: string; change: AppliedChange }): Promise<void>;
  turnEdits(conversationId: string, turnId: string): Promise<TurnEdits>;
  /** Marks edits as undone, so they are not offered (or restored) again. */
  editsUndone(conversationId: string, messageId: string, editIds: string[]): Promise<void>;
}

/** Housekeeping the extension runs on activation and on the user's request, never the chat itself. */
export interface StoreMaintenance {
  /** Run on activation: settles answers left streaming by a window that died. */
  recoverInterrupted(): Promise<RecoveryReport>;
  /** Deletes the least recently updated conversations beyond `maxConversations`; returns their ids. */
  applyRetention(maxConversations: number): Promise<string[]>;
  /** Deletes every conversation. */
  clearAll(): Promise<void>;
}
