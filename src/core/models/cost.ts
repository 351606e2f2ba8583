// Usage arithmetic: sums over an answer's rounds, and what they cost at a model's prices.
import type { TokenUsage } from '../protocol/chat-message';
import type { UsageTotals } from '../protocol/messages';
import type { ModelFacts } from './table';

export function addUsage(a: TokenUsage | undefined, b: TokenUsage | undefined): TokenUsage | undefined {
  if (!a) return b && { ...b };
  if (!b) return { ...a };
  const sum: TokenUsage = { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens };
  const read = (a.cacheReadTokens ?? 0) + (b.cacheReadTokens ?? 0);
  const write = (a.cacheWriteTokens ?? 0) + (b.cacheWriteTokens ?? 0);
  if (read) sum.cacheReadTokens = read;
  if (write) sum.cacheWriteTokens = write;
  // A sum with any estimated part is an estimate.
  if (a.estimated || b.estimated) sum.estimated = true;
  return sum;
}

/** Every prompt token the model read, cached or not. */
export function promptTokens(u: TokenUsage): number {
  return u.inputTokens + (u.cacheReadTokens ?? 0) + (u.cacheWriteTokens ?? 0);
}

/**
 * US dollars, or undefined when a needed price is unknown (an unknown model, cache tokens without a
 * cache price): a cost is shown only when it is right. Local models cost nothing.
 */
export function costOf(usage: TokenUsage, facts: ModelFacts | undefined): number | undefined {
  if (facts?.local) return 0;
  const p = facts?.prices;
  if (!p) return undefined;
  const read = usage.cacheReadTokens ?? 0;
  const write = usage.cacheWriteTokens ?? 0;
  if ((read && p.cacheRead === undefined) || (write && p.cacheWrite === undefined)) return undefined;
  const micro = usage.inputTokens * p.input + usage.outputTokens * p.output + read * (p.cacheRead ?? 0) + write * (p.cacheWrite ?? 0);
  return micro / 1_000_000;
}

/** `totals` with one more answer's usage and cost (undefined cost: its price is unknown). */
export function addToTotals(totals: UsageTotals, usage: TokenUsage, cost: number | undefined): UsageTotals {
  const out: UsageTotals = { total: addUsage(totals.total, usage)! };
  // A cost is only ever shown for what is known; `costPartial` says some answer had no price.
  const known = cost === undefined ? totals.cost : (totals.cost ?? 0) + cost;
  if (known !== undefined) out.cost = known;
  if (totals.costPartial || cost === undefined) out.costPartial = true;
  return out;
}
