// Decides when a conversation is compacted and does it: before a new question that would not fit
// (after eliding old tool results), or on request. The summary is appended to the history as its own
// record, so a reload sends the model the same context; if it cannot be written, trimming takes over.
import type { Logger } from '../log';
import type { ChatMessageRecord } from '../protocol/chat-message';
import type { ConversationUsage, UsageTotals } from '../protocol/messages';
import { conversationUsage } from './usage-totals';
import type { ResolvedModel, ToolDefinition } from '../providers/types';
import { newId } from '../util/ids';
import { estimateTokens, fitsAfterElision, type CompactionSettings } from './compaction';
import { EmptySummaryError, summarize } from './compaction-summary';
import { ProviderError } from '../providers/errors';
import { inEnglish, type Translate } from '../protocol/translate';
import { modelContext } from './model-context';
import { RequestBudget } from './request-budget';

export interface CompactionRequest {
  resolved: ResolvedModel;
  budget: RequestBudget;
  /** `agentChat.compaction.model`: who writes the summary; undefined: the agent's own model. */
  summaryModel?: string;
  /** The question about to be asked (not in the transcript yet). */
  prompt?: string;
  /** Compact even when the conversation fits (the Compact Conversation command). */
  force?: boolean;
  signal: AbortSignal;
}

export interface CompactorDeps {
  messages(): readonly ChatMessageRecord[];
  /** Appends a record to the transcript and the history. */
  add(record: ChatMessageRecord): Promise<void>;
  log: Logger;
  /** The user's language for the note when no summary could be made. */
  t?: Translate;
}

/** `compacted`: a summary was added; `note`: what the user should know when it could not be. */
export type CompactionOutcome = { compacted: boolean; note?: string };

export async function compactIfNeeded(r: CompactionRequest, deps: CompactorDeps): Promise<CompactionOutcome> {
  const messages = deps.messages();
  const covered = messages.filter((m) => !m.compaction);
  const last = messages.at(-1);
  if (!last || last.compaction || last.status === 'streaming') return { compacted: false };
  const { agent, overhead, limit } = r.budget;
  const older = modelContext(messages, agent);
  const next = r.prompt === undefined ? older : [...older, { role: 'user' as const, content: r.prompt }];
  if (!r.force && fitsAfterElision(next, overhead, limit)) return { compacted: false };
  const started = performance.now();
  try {
    const model = r.summaryModel ?? r.resolved.model;
    const summary = await summarize(r.resolved.provider, model, older, r.budget.window, r.signal, deps.t);
    const since = messages.map((m) => m.compaction !== undefined).lastIndexOf(true);
    const count = messages.slice(since + 1).filter((m) => !m.compaction).length;
    await deps.add({
      id: newId('m'), role: 'assistant', author: agent, text: '', status: 'complete', createdAt: Date.now(),
      compaction: { summary, upTo: last.id, messages: count },
      meta: { provider: r.resolved.provider.id, model },
    });
    deps.log.info(`compacted ${count} of ${covered.length} messages (~${estimateTokens(older, overhead)} tokens) in ${Math.round(performance.now() - started)} ms`);
    return { compacted: true };
  } catch (err) {
    if (r.signal.aborted) return { compacted: false };
    const reason = err instanceof Error ? err.message : String(err);
    deps.log.warn(`compaction failed, trimming instead: ${err instanceof ProviderError ? err.english : reason}`);
    const t = deps.t ?? inEnglish;
    // The reason is a provider's explanation (already in the user's language) or the empty answer's.
    const why = err instanceof EmptySummaryError ? t('the model returned an empty summary') : reason;
    return { compacted: false, note: t("The conversation no longer fits the model's window and could not be summarized ({0}), so its oldest messages were left out for the model.", why) };
  }
}

export interface CompactorHost extends CompactorDeps {
  /** The whole conversation's usage so far. */
  totals(): UsageTotals;
  systemPrompt(agent: string, tools: string[]): Promise<string> | string;
  /** The tools `agent` is offered. */
  tools(agent: string): ToolDefinition[];
  limits(): { contextChars: number; compaction?: CompactionSettings };
}

/** The controller's side of compaction: builds each turn's budget and compacts the open conversation. */
export class Compactor {
  /** The context meter's last reading, after the latest answer of conversation `id`. */
  private meter: { id: string; reading: NonNullable<ConversationUsage['context']> } | undefined;

  constructor(private readonly host: CompactorHost) {}

  /** Takes the meter's reading after an answer; returns the conversation's usage with it. */
  measure(conversationId: string, budget: RequestBudget): ConversationUsage {
    this.meter = { id: conversationId, reading: budget.meter(this.host.messages()) };
    return this.usage(conversationId);
  }

  usage(conversationId: string): ConversationUsage {
    return conversationUsage(this.host.totals(), this.meter?.id === conversationId ? this.meter.reading : undefined);
  }

  async budget(agent: string, resolved: ResolvedModel): Promise<RequestBudget> {
    const definitions = this.host.tools(agent);
    return new RequestBudget(agent, await this.host.systemPrompt(agent, definitions.map((d) => d.name)), definitions, resolved, this.host.limits());
  }

  /** Compacts when `prompt` would not fit (or always, with `force`). */
  async run(agent: string, resolved: ResolvedModel, signal: AbortSignal, prompt?: string, force = false): Promise<CompactionOutcome> {
    const summaryModel = this.host.limits().compaction?.model;
    const request: CompactionRequest = { resolved, budget: await this.budget(agent, resolved), force, signal };
    if (summaryModel) request.summaryModel = summaryModel;
    if (prompt !== undefined) request.prompt = prompt;
    return compactIfNeeded(request, this.host);
  }
}
