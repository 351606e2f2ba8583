// The open conversation: its loaded tail in memory, every change persisted first, then posted.
import { addToTotals } from '../models/cost';
import type { ConversationSummary, HostToWebview, UsageTotals } from '../protocol/messages';
import type { ChatMessageRecord } from '../protocol/chat-message';
import { inEnglish, type Translate } from '../protocol/translate';
import type { ConversationStore } from './store';

export class ConversationState {
  private id: string | undefined;
  /** The loaded tail of the open conversation, oldest first. */
  messages: ChatMessageRecord[] = [];
  private hasOlder = false;
  /** What the whole open conversation used (the history keeps it, so it is not limited to the loaded tail). */
  usage: UsageTotals = {};
  private opening: Promise<string> | undefined;

  constructor(
    private readonly store: ConversationStore,
    private readonly post: (m: HostToWebview) => void,
    private readonly pageSize: number,
    /** The user's language, for the titles a conversation gets before it has its own (stored as shown). */
    private readonly t: Translate = inEnglish,
  ) {}

  /**
   * The open conversation's id, opening the most recent one (or a new one) first. Callers that ask at
   * the same time (a view loading while a command sends) share one opening.
   */
  activeId(): Promise<string> {
    if (this.id) return Promise.resolve(this.id);
    this.opening ??= (async () => {
      try {
        const [latest] = await this.store.list();
        if (latest) await this.open(latest.id);
        else await this.newConversation();
        return this.id!;
      } finally {
        this.opening = undefined;
      }
    })();
    return this.opening;
  }

  async open(id: string): Promise<void> {
    const page = await this.store.lastPage(id, this.pageSize);
    this.id = id;
    this.messages = page.messages;
    this.hasOlder = page.hasOlder;
    this.usage = await this.store.usageTotals(id);
  }

  async newConversation(): Promise<void> {
    const summary = await this.store.create(this.t('New chat'));
    this.id = summary.id;
    this.messages = [];
    this.hasOlder = false;
    this.usage = {};
  }

  async view(): Promise<{ conversation: ConversationSummary; messages: ChatMessageRecord[]; hasOlder: boolean }> {
    const id = await this.activeId();
    const summary = (await this.store.list()).find((c) => c.id === id) ?? { id, title: this.t('New chat'), updatedAt: Date.now(), messageCount: 0 };
    return {
      conversation: summary,
      messages: this.messages.slice(-this.pageSize).map(forView),
      hasOlder: this.hasOlder || this.messages.length > this.pageSize,
    };
  }

  /** Persists a new message, then shows it: if the window dies right after, the message is still there. */
  async add(message: ChatMessageRecord): Promise<void> {
    (await this.addUnshown(message))();
    await this.nameAfter(message);
  }

  /** Persists the user's question (naming the conversation after the first); the returned function shows it. */
  async addQuestion(message: ChatMessageRecord): Promise<() => void> {
    const show = await this.addUnshown(message);
    await this.nameAfter(message);
    return show;
  }

  /** The conversation's first question gives it its title. */
  private async nameAfter(message: ChatMessageRecord): Promise<void> {
    if (message.role !== 'user' || this.messages.slice(0, -1).some((m) => m.role === 'user')) return;
    const id = await this.activeId();
    await this.store.rename(id, titleFrom(message.text) || this.t('New chat'));
    await this.postList(); // The views show the new title.
  }

  /** Persists a new message now; the returned function shows it as it was at this moment. */
  async addUnshown(message: ChatMessageRecord): Promise<() => void> {
    const id = await this.activeId();
    await this.store.appendMessage(id, message);
    this.messages.push(message);
    const shown = forView(message);
    return () => this.post({ type: 'messageAdded', message: shown });
  }

  /** Persists a message's new state and shows it. */
  async complete(message: ChatMessageRecord): Promise<void> {
    const id = await this.activeId();
    const i = this.messages.findIndex((m) => m.id === message.id);
    if (i >= 0 && this.messages[i] !== message) this.messages[i] = message;
    await this.store.completeMessage(id, message);
    this.post({ type: 'messageCompleted', message: forView(message) });
  }

  /** Keeps what a settled turn used (its last message carries it) in the history and the running total. */
  async recordUsage(last: ChatMessageRecord): Promise<void> {
    const turn = last.meta?.turnUsage;
    if (!turn) return;
    await this.store.recordUsage(await this.activeId(), last.id, turn, last.meta?.cost);
    this.usage = addToTotals(this.usage, turn, last.meta?.cost);
  }

  checkpoint(messageId: string, text: string): void {
    const id = this.id;
    if (id) void this.store.checkpoint(id, messageId, text).catch(() => undefined);
  }

  async loadOlder(beforeId: string): Promise<void> {
    const page = await this.store.pageBefore(await this.activeId(), beforeId, this.pageSize);
    this.messages.unshift(...page.messages);
    this.hasOlder = page.hasOlder;
    this.post({ type: 'olderMessages', messages: page.messages.map(forView), hasOlder: page.hasOlder });
  }

  async postList(open = false): Promise<void> {
    this.post({ type: 'conversations', items: await this.store.list(), activeId: await this.activeId(), ...(open ? { open } : {}) });
  }

  async rename(id: string, title: string): Promise<void> {
    await this.store.rename(id, title.trim() || this.t('Untitled'));
    await this.postList();
  }

  /** Deletes a conversation; deleting the open one opens the next most recent (or a new one). */
  async delete(id: string): Promise<boolean> {
    await this.store.delete(id);
    const wasOpen = id === this.id;
    if (wasOpen) {
      this.id = undefined;
      await this.activeId();
    }
    await this.postList();
    return wasOpen;
  }
}

/** The question's first line, shortened; empty when there is none. */
function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * A copy of a message for the page: without the model's reasoning, which is kept for the model and never shown,
 * and with its attachments named but emptied: the page shows their chips, and what they held (up to 100,000
 * characters a message) would only be carried along by the transcript.
 */
export function forView(message: ChatMessageRecord): ChatMessageRecord {
  const { reasoning: _reasoning, attachments, ...shown } = message;
  return attachments ? { ...shown, attachments: attachments.map((a) => ({ ...a, content: '' })) } : shown;
}
