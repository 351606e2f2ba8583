// The conversation's running total, summed from what each answer stored, and the context meter's reading.
import { addUsage } from '../models/cost';
import type { ChatMessageRecord, TokenUsage } from '../protocol/chat-message';
import type { ConversationUsage } from '../protocol/messages';

export function conversationUsage(messages: readonly ChatMessageRecord[], context?: ConversationUsage['context']): ConversationUsage {
  let total: TokenUsage | undefined;
  let cost: number | undefined;
  let costPartial = false;
  for (const m of messages) {
    const turn = m.meta?.turnUsage;
    if (!turn) continue;
    total = addUsage(total, turn);
    if (m.meta?.cost === undefined) costPartial = true;
    else cost = (cost ?? 0) + m.meta.cost;
  }
  return { ...(total ? { total } : {}), ...(cost === undefined ? {} : { cost }), ...(costPartial && cost !== undefined ? { costPartial } : {}), ...(context ? { context } : {}) };
}
