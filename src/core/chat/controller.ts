// Owns the active conversation: takes what the user asks, runs the agents' turns (tool rounds,
// hand-offs), and tells every open view what changed. Views never hold state the host does not have.
import { route } from '../agents/routing';
import type { Logger } from '../log';
import type { AgentInfo, HostToWebview, SetupInfo } from '../protocol/messages';
import type { ResolvedModel } from '../providers/types';
import type { ApprovalDecision, ApprovalRequest } from '../tools/runner';
import type { UndoResult } from '../tools/changes';
import type { AppliedChange } from '../tools/types';
import { newId } from '../util/ids';
import { runAgentTurn, type ToolHost } from './agent-turn';
import { ApprovalBroker } from './approvals';
import { ConversationState } from './conversation-state';
import type { ChatMessageRecord } from '../protocol/chat-message';
import type { AttachmentRecord } from '../protocol/attachments';
import { settleTurn, type SettleIo } from './turn-settle';
import { DeferredPlaceholder } from './deferred-placeholder';
import { turnIo, turnOptions, type TurnWiring } from './turn-wiring';
import type { CompactionSettings } from './compaction';
import { Compactor } from './compactor';
import { UndoKeeper, type UndoTools } from './undo-keeper';
import type { ConversationStore, UndoArchive } from './store';
import type { ToolScope } from './tool-scope';

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
}

/** How far one message may go: tool rounds, hand-offs, how much conversation the model sees, what runs unasked. */
export interface ChatLimits {
  maxToolRounds: number;
  maxHandOffs: number;
  contextChars: number;
  autoApprove: { read: boolean; write: boolean };
  compaction?: CompactionSettings;
}

export class ChatController {
  private readonly state: ConversationState;
  /** Tool calls waiting for Approve / Reject: `approvals.decide(toolCallId, decision)` answers one. */
  readonly approvals = new ApprovalBroker();
  private readonly undoKeeper: UndoKeeper;
  private readonly compactor: Compactor;
  private readonly settleIo: SettleIo;
  private readonly wiring: TurnWiring;
  /** The answer in progress; `answered` once the views were told it is over and only its settling runs. */
  private running: { abort: AbortController; done: Promise<void>; answered: boolean } | undefined;
  /** Answers whose request waits to be sent again, with what ends the wait (*Retry now*). */
  private readonly waits = new Map<string, () => boolean>();

  constructor(private readonly deps: ChatControllerDeps) {
    this.state = new ConversationState(deps.store, deps.post, deps.pageSize ?? 50);
    this.undoKeeper = new UndoKeeper(deps.store, deps.log);
    this.compactor = new Compactor({ ...deps, messages: () => this.state.messages, totals: () => this.state.usage, add: (m) => this.state.add(m), tools: (agent) => deps.tools?.()?.definitions(deps.toolScope?.filter(agent)) ?? [] });
    this.wiring = { ...deps, state: this.state, undoKeeper: this.undoKeeper, waits: this.waits, save: (m) => this.save(m), approve: (r, where, signal) => this.approve(r, where, signal) };
    this.settleIo = { state: this.state, compactor: this.compactor, undoKeeper: this.undoKeeper, save: (m) => this.save(m), post: deps.post, log: deps.log, agentNames: () => deps.agents().map((a) => a.name) };
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
      const error = { kind: 'internal' as const, message: `No agent named ${unknown.map((u) => `@${u}`).join(', ')}.`, hint: `Agents: ${names.map((n) => `@${n}`).join(', ')}.` };
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
    const activeFile = this.deps.activeFile?.();
    const user: ChatMessageRecord = {
      id: newId('m'), role: 'user', author: 'user', text: prompt, status: 'complete', createdAt: Date.now(),
      ...(attachments?.length ? { attachments } : {}), ...(activeFile ? { activeFile } : {}),
    };
    return this.exclusive(async (signal, answered) => {
      // A summary goes in before the question, so everything above it is what it stands in for.
      const { note } = await this.compactor.run(queue[0]!, first, signal, prompt);
      // The question is shown with its answer's placeholder (and first text): one paint on the page, not two.
      // A turn that is slow to start (tools still loading, a model that thinks) shows it after the short wait.
      const question = new DeferredPlaceholder(await this.state.addQuestion(user), this.deps.placeholderWaitMs);
      try {
        return await this.runTurns(queue, user.id, signal, answered, { note, beforeFirstAnswer: () => question.reveal() });
      } finally {
        question.reveal();
      }
    });
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

  /**
   * Runs each queued agent. An answer that ends with a hand-off line gets the offer attached; it runs
   * only when the user says so (`runHandOff`), continuing this message's chain. Once the last answer is
   * over, `answered` frees the composer before that turn is settled (usage, undo, the offer).
   */
  private async runTurns(queue: string[], replyTo: string, signal: AbortSignal, answered: () => void, from: { handedOffBy?: string; chain?: string[]; note?: string; beforeFirstAnswer?: () => void } = {}): Promise<ChatMessageRecord | undefined> {
    const limits = this.deps.limits();
    const chain = [...(from.chain ?? [])];
    let last: ChatMessageRecord | undefined;
    let handedOffBy = from.handedOffBy;
    while (queue.length && !signal.aborted) {
      const agent = queue.shift()!;
      const resolved = await this.deps.resolveModel(agent);
      if ('setup' in resolved) break;
      chain.push(agent);
      await this.deps.toolScope?.ready();
      const budget = await this.compactor.budget(agent, resolved);
      const rounds = await runAgentTurn(turnOptions(this.wiring, { agent, resolved, system: budget.system, replyTo, handedOffBy, limits, signal }), turnIo(this.wiring, budget, from.beforeFirstAnswer));
      if (!rounds.length) break;
      if (!queue.length || signal.aborted || rounds.at(-1)!.status !== 'complete') answered();
      last = await settleTurn(this.settleIo, { agent, rounds, budget, note: from.note, chain, queued: queue, maxHandOffs: limits.maxHandOffs });
      from.note = undefined;
      if (last.status !== 'complete') break;
      handedOffBy = undefined;
    }
    return last && { ...last };
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
    return this.exclusive((signal, answered) => this.runTurns([agent], replyTo, signal, answered, { handedOffBy: offering.author, chain }));
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
