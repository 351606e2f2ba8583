// How big a request may get, and the first, free way to shrink it: old tool results become one-line notes.
// (The second way, a summary written by a model, is compaction-summary.ts; the last resort is trimToBudget.)
import type { ChatMessage, ResolvedModel, ToolDefinition } from '../providers/types';
import { trimToBudget } from './model-context';

export interface CompactionSettings {
  /** Share of the model's window a request may fill before the conversation is compacted. */
  threshold: number;
  /** Model of the same provider that writes summaries; undefined: the agent's own. */
  model?: string;
}

export const defaultCompaction: CompactionSettings = { threshold: 0.8 };

/** A cheap stand-in for a tokenizer, the same for every vendor: about four characters a token. */
export const charsPerToken = 4;

export function estimateTokens(messages: readonly ChatMessage[], overheadTokens = 0): number {
  return overheadTokens + Math.ceil(JSON.stringify(messages).length / charsPerToken);
}

/** The system prompt and tool list, which every request carries. */
export function overheadTokens(system: string, tools: readonly ToolDefinition[]): number {
  return Math.ceil((system.length + JSON.stringify(tools).length) / charsPerToken);
}

/**
 * Most tokens one request may have: the threshold's share of the window, leaving room for the answer.
 * A model without a known window gets `agentChat.contextCharacters` as its window.
 */
export function requestLimit(resolved: Pick<ResolvedModel, 'facts' | 'maxTokens'>, settings: CompactionSettings, contextChars: number): number {
  const window = resolved.facts?.contextWindow ?? Math.floor(contextChars / charsPerToken);
  const threshold = Number.isFinite(settings.threshold) && settings.threshold > 0 && settings.threshold < 1 ? settings.threshold : defaultCompaction.threshold;
  return Math.max(256, Math.floor(Math.min(window * threshold, window - resolved.maxTokens)));
}

/**
 * Replaces tool results with a one-line note, oldest first, until the request fits in `limitTokens`.
 * The latest round's results (the model has not answered them yet) are always kept.
 */
export function elideToolResults(context: readonly ChatMessage[], overhead: number, limitTokens: number): { messages: ChatMessage[]; elided: number } {
  const messages = [...context];
  let size = estimateTokens(messages, overhead);
  let latestCall = messages.length - 1;
  while (latestCall >= 0 && !(messages[latestCall]!.role === 'assistant' && hasCalls(messages[latestCall]!))) latestCall--;
  let elided = 0;
  for (let i = 0; i < latestCall && size > limitTokens; i++) {
    const m = messages[i]!;
    if (m.role !== 'tool' || m.content.startsWith(elisionMark)) continue;
    const note = elisionNote(m.toolName, m.content);
    size -= Math.floor((JSON.stringify(m.content).length - JSON.stringify(note).length) / charsPerToken);
    messages[i] = { ...m, content: note };
    elided++;
  }
  return { messages, elided };
}

function hasCalls(m: ChatMessage): boolean {
  return m.role === 'assistant' && (m.toolCalls?.length ?? 0) > 0;
}

const elisionMark = '[Earlier result of ';

function elisionNote(tool: string, content: string): string {
  const first = content.split('\n', 1)[0]!.slice(0, 120);
  return `${elisionMark}${tool} left out to save context (${content.length.toLocaleString('en-US')} characters; it began: ${JSON.stringify(first)}). Call the tool again if you need it.]`;
}

/** Whether the request fits once old tool results are elided. */
export function fitsAfterElision(context: readonly ChatMessage[], overhead: number, limitTokens: number): boolean {
  return estimateTokens(elideToolResults(context, overhead, limitTokens).messages, overhead) <= limitTokens;
}

/** What is sent: old tool results elided, then (only if that is not enough) the oldest messages left out. */
export function fitContext(context: readonly ChatMessage[], overhead: number, limitTokens: number): ChatMessage[] {
  const { messages } = elideToolResults(context, overhead, limitTokens);
  if (estimateTokens(messages, overhead) <= limitTokens) return messages;
  return trimToBudget(messages, Math.max(1000, (limitTokens - overhead) * charsPerToken));
}
