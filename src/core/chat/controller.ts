// Owns the active conversation: takes what the user asks, runs the agents' turns (tool rounds,
// hand-offs), and tells every open view what changed. Views never hold state the host does not have.
import { route } from '../agents/routing';
import type { Logger } from '../log';
import type { AgentInfo, HostToWebview, SetupInfo } from '../protocol/messages';
import type { ResolvedModel } from '../providers/types';
import type { ApprovalDecision, ApprovalRequest } from '../tools/runner';
import type { UndoResult } from '../tools/changes';
import type { AppliedChange } from '../tools/types';
import type { ToolHost } from './agent-turn';
import { ApprovalBroker } from './approvals';
import { ConversationState } from './conversation-state';
import type { ChatMessageRecord } from '../protocol/chat-message';
import type { AttachmentRecord } from '../protocol/attachments';
import type { SettleIo } from './turn-settle';
import type { TurnWiring } from './turn-wiring';
import { Compactor } from './compactor';
import { answerQuestion, runTurns, userQuestion, type ChatLimits, type TurnRunner } from './question-turns';
import { UndoKeeper, type UndoTools } from './undo-keeper';
import type { ConversationStore, UndoArchive } from './store';
import type { ToolScope } from './tool-scope';
import { inEnglish, type Translate } from '../protocol/translate';

export interface ChatControllerDeps {
  store: ConversationStore & UndoArchive;
  /** The provider to use now for `agent`, or what the user must set up first. */
  resolveModel(agent: string): Promise<ResolvedModel | { setup: SetupInfo }>;
  systemPrompt(agent: string, tools: string[]): Promise<string> | string;
  /** The file in the active editor as the user shares it (the composer's file chip), sent with each question. */
  activeFile?(): { path: string; language: string } | undefined;
  agents(): AgentInfo[];
  defaultAgent(): string;
  modelLabel(): string;
  post(message: HostToWebview): void;
  log: Logger;
  /** File-system tools; absent when no folder is open. */
  tools?(): (ToolHost & UndoTools) | undefined;
  /** Per-agent tool lists, sources still starting, *Always allow* answers. */
  toolScope?: ToolScope;
  /** Shows a proposed change (a diff editor) while the user decides. */
  preview?(request: ApprovalRequest, where: { messageId: string; toolCallId: string }): Promise<void>;
  /** Read at the start of each message, so changed settings apply from the next one. */
  limits(): ChatLimits;
  /** The user chose *Always allow* on a call: remember its key for this workspace. */
  alwaysAllow?(key: string): Promise<void> | void;
  /** A command's raw output as it arrives (for *Open full output*). */
  keepOutput?(toolCallId: string, chunk: string): void;
  /** Seconds a hand-off offer counts down before it runs (0: it waits for Run now). */
  handOffCountdownSeconds?(): number;
  pageSize?: number;
  /** How long an answer's placeholder may wait for its first text (core/chat/deferred-placeholder.ts). */
  placeholderWaitMs?: number;
  /** The user's language for the notes core writes for the chat (vscode.l10n.t on the host; English when absent). */
  t?: Translate;
}

export type { ChatLimits } from './question-turns';

export class ChatController {
  private readonly state: ConversationState;
  /** Tool calls waiting for Approve / Reject: `approvals.decide(toolCallId, decision)` answers one. */
  readonly approvals = new ApprovalBroker();
  private readonly undoKeeper: UndoKeeper;
  private readonly compactor: Compactor;
  /** What runs a question's turns (core/chat/question-turns.ts). */
  private readonly turns: TurnRunner & { state: ConversationState; placeholderWaitMs?: number };
  /** The answer in progress; `answered` once the views were told it is over and only its settling runs. */
  private running: { abort: AbortController; done: Promise<void>; answered: boolean } | undefined;
  /** Answers whose request waits to be sent again, with what ends the wait (*Retry now*). */
  private readonly waits = new Map<string, () => boolean>();

  constructor(private readonly deps: ChatControllerDeps) {
    this.state = new ConversationState(deps.store, deps.post, deps.pageSize ?? 50, deps.t);
    this.undoKeeper = new UndoKeeper(deps.store, deps.log, deps.t);
    this.compactor = new Compactor({ ...deps, messages: () => this.state.messages, totals: () => this.state.usage, add: (m) => this.state.add(m), tools: (agent) => deps.tools?.()?.definitions(deps.toolScope?.filter(agent)) ?? [] });
    const wiring: TurnWiring = { ...deps, state: this.state, undoKeeper: this.undoKeeper, waits: this.waits, save: (m) => this.save(m), approve: (r, where, signal) => this.approve(r, where, signal) };
    const settleIo: SettleIo = { state: this.state, compactor: this.compactor, undoKeeper: this.undoKeeper, save: (m) => this.save(m), post: deps.post, log: deps.log, agentNames: () => deps.agents().map((a) => a.name) };
    this.turns = { ...deps, state: this.state, compactor: this.compactor, wiring, settleIo, limits: () => deps.limits(), resolveModel: (agent) => deps.resolveModel(agent) };
  }

  /** With nothing configured, the chat opens on the setup screen instead of waiting for a failed send. */
  async showSetupIfNeeded(): Promise<void> {
    const resolved = await this.deps.resolveModel(this.deps.defaultAgent());
    if ('setup' in resolved) this.deps.post({ type: 'setup', setup: resolved.setup, model: this.deps.modelLabel() });
  }

  /** After a key or a setting changed: the setup screen goes once a provider can be used (or comes back). */
  async refreshSetup(): Promise<void> {
    const resolved = await this.deps.resolveModel(this.deps.defaultAgent());
    this.deps.post({ type: 'setup', setup: 'setup' in resolved ? resolved.setup : undefined, model: this.deps.modelLabel() });
  }

  /** What the turn ending with `messageId` changed and can still undo (for Review). */
  async turnChanges(messageId: string): Promise<readonly AppliedChange[]> {
    const turnId = this.state.messages.find((m) => m.id === messageId)?.turnId;
    if (!turnId) return [];
    return (await this.deps.store.turnEdits(await this.state.activeId(), turnId)).changes;
  }

  /** Stops what runs and opens a new, empty conversation. */
  async newChat(): Promise<void> {
    await this.stop();
    await this.state.newConversation();
    this.deps.post(await this.snapshot());
  }

  /** Opens another conversation (stopping the answer of the current one). */
  async switchTo(id: string): Promise<void> {
    if (id === (await this.state.activeId())) return;
    await this.stop();
    await this.state.open(id);
    this.deps.post(await this.snapshot());
  }

  /** Posts the list of conversations; `open` asks the views to show it. */
  listConversations(open = false): Promise<void> {
    return this.state.postList(open);
  }

  /** Posts the page of messages before `beforeId`. */
  loadOlder(beforeId: string): Promise<void> {
    return this.state.loadOlder(beforeId);
  }

  /**
   * Asks the same agent the same question again, from scratch; while the answer's request waits to be
   * sent again (a rate limit, an overloaded server), sends that request now instead.
   */
  retry(messageId: string): Promise<void> {
    if (this.waits.get(messageId)?.()) return Promise.resolve();
    return this.resend(messageId, false);
  }

  /** Asks the agent to go on with an answer cut off at the token limit. */
  continueAnswer(messageId: string): Promise<void> {
    return this.resend(messageId, true);
  }

  async renameConversation(id: string, title: string): Promise<void> {
    await this.state.rename(id, title);
    if (id === (await this.state.activeId())) this.deps.post(await this.snapshot());
  }

  async deleteConversation(id: string): Promise<void> {
    if (id === (await this.state.activeId())) await this.stop();
    if (await this.state.delete(id)) this.deps.post(await this.snapshot());
  }

  /** The open conversation's id (creating one when there is none). */
  currentConversationId(): Promise<string> {
    return this.state.activeId();
  }

  async snapshot(): Promise<HostToWebview> {
    const view = await this.state.view();
    return {
      type: 'snapshot',
      ...view,
      agents: this.deps.agents(),
      defaultAgent: this.deps.defaultAgent(),
      model: this.deps.modelLabel(),
      usage: this.compactor.usage(view.conversation.id),
      handOffCountdownSeconds: this.deps.handOffCountdownSeconds?.() ?? 0,
    };
  }

  /** A message typed in the chat: routed by its mentions (else to `agent`), answered by each agent in turn. */
  async send(text: string, agent?: string, attachments?: AttachmentRecord[]): Promise<ChatMessageRecord | undefined> {
    const names = this.deps.agents().map((a) => a.name);
    const chosen = agent && names.includes(agent) ? agent : this.deps.defaultAgent();
    const { agents, unknown } = route(text, names, chosen);
    if (unknown.length) {
      const t = this.deps.t ?? inEnglish;
      const [asked, known] = [unknown.map((u) => `@${u}`).join(', '), names.map((n) => `@${n}`).join(', ')];
      const error = { kind: 'internal' as const, message: t('No agent named {0}.', asked), hint: t('Agents: {0}.', known) };
      this.deps.post({ type: 'error', error });
      return undefined;
    }
    return this.ask(agents, text, attachments);
  }

  /**
   * Sends `prompt` to the agents (in order) and runs their turns, including hand-offs.
   * Resolves with the last answer (undefined when setup is needed).
   */
  async ask(agents: string | string[], prompt: string, attachments?: AttachmentRecord[]): Promise<ChatMessageRecord | undefined> {
    const queue = (Array.isArray(agents) ? agents : [agents]).map((a) => a.replace(/^@/, ''));
    if (this.running) await this.stop();
    const first = await this.deps.resolveModel(queue[0]!);
    if ('setup' in first) {
      this.deps.post({ type: 'setup', setup: first.setup, model: this.deps.modelLabel() });
      return undefined;
    }
    const user = userQuestion(prompt, attachments, this.deps.activeFile?.());
    return this.exclusive((signal, answered) => answerQuestion(this.turns, queue, first, user, signal, answered));
  }

  /** Summarizes the conversation for the model now (the Compact Conversation command). */
  async compactNow(): Promise<boolean> {
    const resolved = await this.deps.resolveModel(this.deps.defaultAgent());
    if (this.running || 'setup' in resolved) return false;
    return (await this.exclusive(async (s) => ((await this.compactor.run(this.deps.defaultAgent(), resolved, s, undefined, true)).compacted ? this.state.messages.at(-1) : undefined))) !== undefined;
  }

  /**
   * Runs `work` as the one answer in progress: Stop aborts it, and the views show busy meanwhile. The views
   * are told it is over as soon as `answered` is called (the composer then takes the next question); what
   * runs after that is bookkeeping, which the next question waits for (stop() does not abort it).
   */
  private async exclusive(work: (signal: AbortSignal, answered: () => void) => Promise<ChatMessageRecord | undefined>): Promise<ChatMessageRecord | undefined> {
    const abort = new AbortController();
    let finished!: () => void;
    const running = { abort, done: new Promise<void>((r) => (finished = r)), answered: false };
    this.running = running;
    this.deps.post({ type: 'busy', busy: true });
    const answered = (): void => {
      if (running.answered) return;
      running.answered = true;
      this.deps.post({ type: 'busy', busy: false });
    };
    try {
      return await work(abort.signal, answered);
    } finally {
      this.running = undefined;
      finished();
      answered();
    }
  }

  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    if (!running.answered) running.abort.abort();
    await running.done;
  }

  /** Asks the user about one tool call (waiting before the diff opens: an early Approve counts); remembers *Always allow*. */
  private async approve(request: ApprovalRequest, where: { messageId: string; toolCallId: string }, signal: AbortSignal): Promise<ApprovalDecision> {
    const decision = this.approvals.wait(where.toolCallId, signal);
    void this.deps.preview?.(request, where).catch((e: unknown) => this.deps.log.error('diff preview failed', e));
    const decided = await decision;
    const key = decided.approved && decided.always ? request.alwaysAllowKey : undefined;
    // Each kind keeps its own list (revoked from its own place): MCP tools in the servers list, commands in theirs.
    if (key) await (request.display === 'mcp' ? this.deps.toolScope?.alwaysAllow(key) : this.deps.alwaysAllow?.(key));
    return decided;
  }

  /** Runs the hand-off the answer `messageId` offers, as the next turn of the same question. */
  async runHandOff(messageId: string): Promise<ChatMessageRecord | undefined> {
    const offering = await this.decideHandOff(messageId, 'accepted');
    if (!offering?.handOff || !offering.replyTo) return undefined;
    if (this.running) await this.stop();
    const replyTo = offering.replyTo;
    const chain = [...new Set(this.state.messages.filter((m) => m.role === 'assistant' && m.replyTo === replyTo).map((m) => m.author))];
    const agent = offering.handOff.agent;
    // An offer from before the team changed (or a damaged record) must not invent an agent.
    if (!this.deps.agents().some((a) => a.name === agent)) return undefined;
    return this.exclusive((signal, answered) => runTurns(this.turns, [agent], replyTo, signal, answered, { handedOffBy: offering.author, chain }));
  }

  /** Drops the hand-off the answer `messageId` offers. */
  async dismissHandOff(messageId: string): Promise<void> {
    await this.decideHandOff(messageId, 'dismissed');
  }

  /** Marks an offered hand-off as run or dismissed; undefined when there is none still open. */
  private async decideHandOff(messageId: string, state: 'accepted' | 'dismissed'): Promise<ChatMessageRecord | undefined> {
    const message = this.state.messages.find((m) => m.id === messageId);
    if (message?.handOff?.state !== 'offered') return undefined;
    const decided = { ...message, handOff: { ...message.handOff, state } };
    await this.save(decided);
    return decided;
  }

  private save(message: ChatMessageRecord): Promise<void> {
    return this.state.complete(message);
  }

  /** Undoes the file changes of the turn that `messageId` belongs to (also after a reload). */
  async undo(messageId: string): Promise<UndoResult | undefined> {
    const message = this.state.messages.find((m) => m.id === messageId);
    const tools = this.deps.tools?.();
    if (!message || !tools) return undefined;
    return this.undoKeeper.undo(await this.state.activeId(), message, tools, (m) => this.save(m));
  }

  /** Retry (from scratch) or continue (after max tokens) an answer, as the same agent. */
  private async resend(messageId: string, continueText: boolean): Promise<void> {
    const target = this.state.messages.find((m) => m.id === messageId);
    if (!target || target.role !== 'assistant') return;
    const prompt = continueText ? 'Continue exactly where you stopped.' : this.state.messages.find((m) => m.id === target.replyTo)?.text;
    if (prompt) await this.ask(target.author, prompt);
  }
}
