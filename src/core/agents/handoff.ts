// Hand-off: an agent's final answer that mentions a teammate with a task passes the turn on.
import { findMentions } from './routing';

export interface HandOff {
  agent: string;
  /** The line that carried the mention: the task as the agent phrased it. */
  task: string;
}

/**
 * The first teammate mentioned with a task in `text`, unless that teammate is already in `chain`
 * (no loops: nobody hands back to someone who already had this message) or the chain is at `maxDepth`.
 */
export function findHandOff(text: string, from: string, agentNames: readonly string[], chain: readonly string[], maxDepth: number): HandOff | undefined {
  if (chain.length > maxDepth) return undefined;
  const known = new Map(agentNames.map((n) => [n.toLowerCase(), n]));
  for (const line of withoutCode(text).split('\n')) {
    for (const mention of findMentions(line)) {
      const agent = known.get(mention);
      if (!agent || agent === from || chain.includes(agent)) continue;
      // A bare mention ("thanks, @qa") is not a task; ask for a few words after it.
      const after = line.slice(line.toLowerCase().indexOf(`@${mention}`) + mention.length + 1).replace(/^[\s:,-]+/, '');
      if (after.split(/\s+/).filter(Boolean).length >= 2) return { agent, task: line.trim() };
    }
  }
  return undefined;
}

function withoutCode(text: string): string {
  return text.replace(/```[\s\S]*?(```|$)|~~~[\s\S]*?(~~~|$)|`[^`\n]*`/g, ' ');
}
