// Who a typed message is for, so the composer can keep the addressee beside the text instead of in it.
import { findMentions } from '../core/protocol/mentions';

export interface Addressed {
  /** The text to send: without a leading @name when that is its only mention. */
  text: string;
  /** The agent the leading mention named, when it was taken out of the text. */
  agent?: string;
  /** The first known agent the text mentions anywhere (what the picker shows). */
  first?: string;
}

export function addressOf(text: string, agentNames: readonly string[]): Addressed {
  const known = new Map(agentNames.map((n) => [n.toLowerCase(), n]));
  const mentioned = findMentions(text).flatMap((m) => known.get(m) ?? []);
  const first = mentioned[0];
  const leading = /^@([A-Za-z][\w-]*)(?:\s+|$)/.exec(text);
  const agent = leading ? known.get(leading[1]!.toLowerCase()) : undefined;
  // Several agents named: the mentions route the message, so they stay in the text.
  if (!agent || new Set(mentioned).size > 1) return { text, ...(first ? { first } : {}) };
  return { text: text.slice(leading![0].length).trim(), agent, first: agent };
}
