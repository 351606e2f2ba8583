// What the views are told the conversation used: the whole conversation's totals as the history keeps
// them, and the context meter's reading.
import type { ConversationUsage, UsageTotals } from '../protocol/messages';

/** What the views show: `costPartial` only beside a cost (with none known there is nothing to qualify). */
export function conversationUsage(totals: UsageTotals, context?: ConversationUsage['context']): ConversationUsage {
  const { total, cost, costPartial } = totals;
  return { ...(total ? { total } : {}), ...(cost === undefined ? {} : { cost }), ...(costPartial && cost !== undefined ? { costPartial } : {}), ...(context ? { context } : {}) };
}
