// How much one agent's next request may carry, worked out once per turn: the system prompt and tools it
// always sends, the limit the model's window and the compaction threshold allow, and the context that fits.
import type { ChatMessageRecord } from '../protocol/chat-message';
import type { ChatMessage, ResolvedModel, ToolDefinition } from '../providers/types';
import { charsPerToken, defaultCompaction, estimateTokens, fitContext, overheadTokens, requestLimit, type CompactionSettings } from './compaction';
import { modelContext } from './model-context';

export class RequestBudget {
  readonly overhead: number;
  readonly limit: number;
  readonly window: number;

  constructor(
    readonly agent: string,
    readonly system: string,
    readonly tools: readonly ToolDefinition[],
    resolved: Pick<ResolvedModel, 'facts' | 'maxTokens'>,
    limits: { contextChars: number; compaction?: CompactionSettings },
  ) {
    this.overhead = overheadTokens(system, tools);
    this.limit = requestLimit(resolved, limits.compaction ?? defaultCompaction, limits.contextChars);
    this.window = resolved.facts?.contextWindow ?? Math.floor(limits.contextChars / charsPerToken);
  }

  /** What the model gets of `messages`: the summary and what follows it, old tool results elided if needed, trimmed as a last resort. */
  context(messages: readonly ChatMessageRecord[]): ChatMessage[] {
    return fitContext(modelContext(messages, this.agent), this.overhead, this.limit);
  }

  /** The context meter's reading: the next request's size, before anything is elided. */
  meter(messages: readonly ChatMessageRecord[]): { tokens: number; window: number; limit: number } {
    return { tokens: estimateTokens(modelContext(messages, this.agent), this.overhead), window: this.window, limit: this.limit };
  }
}
