// Finds which agents a message is addressed to. A mention is "@name" at a word boundary
// (not inside an e-mail address or a path), matched exactly against the live agent list.
import { findMentions } from '../protocol/mentions';

export interface Route {
  /** Agents to answer, in the order they were first mentioned; the default when none was. */
  agents: string[];
  /** Mentions that name no agent, reported to the user rather than ignored. */
  unknown: string[];
}

export function route(text: string, agentNames: readonly string[], defaultAgent: string): Route {
  const known = new Map(agentNames.map((n) => [n.toLowerCase(), n]));
  const agents: string[] = [];
  const unknown: string[] = [];
  for (const name of findMentions(text)) {
    const agent = known.get(name);
    if (agent) {
      if (!agents.includes(agent)) agents.push(agent);
    } else if (!unknown.includes(name)) unknown.push(name);
  }
  return { agents: agents.length ? agents : [defaultAgent], unknown };
}
