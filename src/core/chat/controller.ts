// Owns the active conversation: takes what the user asks, streams the answer into it, and tells
// every open view what changed. Views never hold state the host does not have.
import type { Logger } from '../log';
import type { ChatMessage, ChatProvider } from '../providers/types';
import type { AgentInfo, HostToWebview, SetupInfo, WebviewToHost } from '../protocol/messages';
import { route } from '../agents/routing';
import { newId } from '../util/ids';
import { streamAnswer } from './answer-stream';
import type { ChatMessageRecord } from './message';
import type { ConversationStore } from './store';

export interface ResolvedModel {
  provider: ChatProvider;
  model: string;
  maxTokens: number;
  temperature?: number;
}

export interface ChatControllerDeps {
  store: ConversationStore;
  /** The provider to use now, or what the user must set up first. */
  resolveModel(agent: string): Promise<ResolvedModel | { setup: SetupInfo }>;
  systemPrompt(agent: string): string;
  agents(): AgentInfo[];
  defaultAgent(): string;
  modelLabel(): string;
  post(message: HostToWebview): void;
  log: Logger;
  pageSize?: number;
}

export class ChatController {
  private conversationId: string | undefined;
  /** The loaded tail of the active conversation, oldest first. */
  private messages: ChatMessageRecord[] = [];
  private hasOlder = false;
  private running: { abort: AbortController; done: Promise<void> } | undefined;

  constructor(private readonly deps: ChatControllerDeps) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  async handle(msg: WebviewToHost): Promise<void> {
    switch (msg.type) {
      case 'ready':
        return this.deps.post(await this.snapshot());
      case 'send':
        return this.send(msg.text);
      case 'stop':
        return this.stop();
      case 'retry':
      case 'continue':
        return this.resend(msg.messageId, msg.type === 'continue');
      case 'loadOlder': {
        const page = await this.deps.store.pageBefore(await this.activeId(), msg.beforeId, this.pageSize);
        this.messages.unshift(...page.messages);
        this.hasOlder = page.hasOlder;
        return this.deps.post({ type: 'olderMessages', messages: page.messages, hasOlder: page.hasOlder });
      }
      case 'newChat':
        return this.newChat();
      case 'listConversations':
        return this.postConversations();
      case 'switchConversation':
        return this.switchTo(msg.id);
      case 'renameConversation':
      case 'deleteConversation':
      case 'exportConversation':
      case 'copyCode':
      case 'insertCode':
      case 'openLink':
      case 'command':
      case 'painted':
        return; // Handled by the extension glue, which owns the editor and the clipboard.
    }
  }

  async snapshot(): Promise<HostToWebview> {
    const id = await this.activeId();
    const summary = (await this.deps.store.list()).find((c) => c.id === id) ?? { id, title: 'New chat', updatedAt: Date.now(), messageCount: 0 };
    return {
      type: 'snapshot',
      conversation: summary,
      messages: this.messages.slice(-this.pageSize),
      hasOlder: this.hasOlder || this.messages.length > this.pageSize,
      agents: this.deps.agents(),
      defaultAgent: this.deps.defaultAgent(),
      model: this.deps.modelLabel(),
    };
  }

  /** Sends `prompt` to `agent` and streams the answer. Resolves with the settled answer (undefined when setup is needed). */
  async ask(agent: string, prompt: string): Promise<ChatMessageRecord | undefined> {
    if (this.running) await this.stop();
    const resolved = await this.deps.resolveModel(agent);
    if ('setup' in resolved) {
      this.deps.post({ type: 'setup', setup: resolved.setup, model: this.deps.modelLabel() });
      return undefined;
    }
    const conversationId = await this.activeId();
    const user: ChatMessageRecord = { id: newId('m'), role: 'user', author: 'user', text: prompt, status: 'complete', createdAt: Date.now() };
    await this.add(conversationId, user);
    if (this.messages.length === 1) await this.deps.store.rename(conversationId, titleFrom(prompt));
    return this.answer(conversationId, agent, resolved, user.id);
  }

  /** A message typed in the chat: routed by its mentions, answered by each agent in turn. */
  async send(text: string): Promise<void> {
    const { agents, unknown } = route(text, this.deps.agents().map((a) => a.name), this.deps.defaultAgent());
    if (unknown.length) {
      const known = this.deps.agents().map((a) => `@${a.name}`).join(', ');
      this.deps.post({ type: 'error', error: { kind: 'internal', message: `No agent named ${unknown.map((u) => `@${u}`).join(', ')}.`, hint: `Agents: ${known}.` } });
      return;
    }
    const [first, ...rest] = agents;
    const answer = await this.ask(first!, text);
    for (const agent of rest) {
      if (answer?.status !== 'complete') break;
      await this.answerAgain(agent);
    }
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.abort.abort();
    await running.done;
  }

  private async answer(conversationId: string, agent: string, resolved: ResolvedModel, replyTo: string): Promise<ChatMessageRecord> {
    const reply: ChatMessageRecord = {
      id: newId('m'),
      role: 'assistant',
      author: agent,
      text: '',
      status: 'streaming',
      createdAt: Date.now(),
      replyTo,
      meta: { provider: resolved.provider.id, model: resolved.model },
    };
    const request = {
      model: resolved.model,
      system: this.deps.systemPrompt(agent),
      messages: this.modelContext(agent),
      maxTokens: resolved.maxTokens,
      temperature: resolved.temperature,
    };
    await this.add(conversationId, reply);
    const abort = new AbortController();
    let finished!: () => void;
    this.running = { abort, done: new Promise((r) => (finished = r)) };
    this.deps.post({ type: 'busy', busy: true });
    try {
      const { message } = await streamAnswer(resolved.provider, request, reply, abort.signal, {
        post: this.deps.post,
        checkpoint: (text) => void this.deps.store.checkpoint(conversationId, reply.id, text).catch((e) => this.deps.log.error('checkpoint failed', e)),
        log: this.deps.log,
      });
      await this.deps.store.completeMessage(conversationId, message);
      this.deps.post({ type: 'messageCompleted', message: { ...message } });
      const m = message.meta;
      this.deps.log.info(`${m?.provider}/${m?.model} @${agent}: ${message.status}, first token ${m?.firstTokenMs ?? '-'} ms, ${m?.durationMs} ms, ${m?.usage?.outputTokens ?? '?'} tokens out`);
    } finally {
      this.running = undefined;
      finished();
      this.deps.post({ type: 'busy', busy: false });
    }
    return { ...reply };
  }

  /** Another agent answers the same (latest) user message. */
  private async answerAgain(agent: string): Promise<void> {
    const resolved = await this.deps.resolveModel(agent);
    const lastUser = [...this.messages].reverse().find((m) => m.role === 'user');
    if ('setup' in resolved || !lastUser) return;
    await this.answer(await this.activeId(), agent, resolved, lastUser.id);
  }

  /** Retry (from scratch) or continue (after max tokens) an answer, as the same agent. */
  private async resend(messageId: string, continueText: boolean): Promise<void> {
    const target = this.messages.find((m) => m.id === messageId);
    if (!target || target.role !== 'assistant') return;
    const prompt = continueText ? 'Continue exactly where you stopped.' : this.messages.find((m) => m.id === target.replyTo)?.text;
    if (prompt) await this.ask(target.author, prompt);
  }

  /**
   * The conversation as `agent` sees it, oldest first. Its own answers are assistant turns; the
   * other agents' answers reach it as attributed user-side text, so it never mistakes a colleague's
   * words for its own (and the request never ends on an assistant turn).
   */
  private modelContext(agent: string): ChatMessage[] {
    const out: ChatMessage[] = [];
    for (const m of this.messages) {
      if (m.role === 'user') out.push({ role: 'user', content: m.text });
      else if (!m.text || m.status === 'streaming') continue;
      else if (m.author === agent) out.push({ role: 'assistant', content: m.text });
      else out.push({ role: 'user', content: `@${m.author} answered:\n\n${m.text}` });
    }
    return out;
  }

  private async add(conversationId: string, message: ChatMessageRecord): Promise<void> {
    // Persist first: if the window dies right after, the message is still there.
    await this.deps.store.appendMessage(conversationId, message);
    this.messages.push(message);
    this.deps.post({ type: 'messageAdded', message: { ...message } });
  }

  async postConversations(): Promise<void> {
    this.deps.post({ type: 'conversations', items: await this.deps.store.list(), activeId: await this.activeId() });
  }

  async switchTo(id: string): Promise<void> {
    if (id === this.conversationId) return;
    await this.stop();
    const page = await this.deps.store.lastPage(id, this.pageSize);
    this.conversationId = id;
    this.messages = page.messages;
    this.hasOlder = page.hasOlder;
    this.deps.post(await this.snapshot());
  }

  async renameConversation(id: string, title: string): Promise<void> {
    await this.deps.store.rename(id, title.trim() || 'Untitled');
    if (id === this.conversationId) this.deps.post(await this.snapshot());
    await this.postConversations();
  }

  /** Deletes a conversation; deleting the open one opens the next most recent (or a new one). */
  async deleteConversation(id: string): Promise<void> {
    if (id === this.conversationId) await this.stop();
    await this.deps.store.delete(id);
    if (id === this.conversationId) {
      this.conversationId = undefined;
      await this.activeId();
      this.deps.post(await this.snapshot());
    }
    await this.postConversations();
  }

  /** The open conversation's id (creating one if there is none yet). */
  currentConversationId(): Promise<string> {
    return this.activeId();
  }

  private async newChat(): Promise<void> {
    await this.stop();
    const summary = await this.deps.store.create('New chat');
    this.conversationId = summary.id;
    this.messages = [];
    this.hasOlder = false;
    this.deps.post(await this.snapshot());
  }

  private async activeId(): Promise<string> {
    if (this.conversationId) return this.conversationId;
    const [latest] = await this.deps.store.list();
    const summary = latest ?? (await this.deps.store.create('New chat'));
    this.conversationId = summary.id;
    const page = await this.deps.store.lastPage(summary.id, this.pageSize);
    this.messages = page.messages;
    this.hasOlder = page.hasOlder;
    return summary.id;
  }

  private get pageSize(): number {
    return this.deps.pageSize ?? 50;
  }
}

function titleFrom(prompt: string): string {
  const line = prompt.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'New chat';
}
