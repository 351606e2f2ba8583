// Where a request to @team goes and where a hand-off's suggestion points: plain functions of the team's names,
// kept apart from the participant code so that they run (and are tested) without VS Code.
import { builtinAgents } from '../../core/agents/builtin';
import type { HandOff } from '../../core/agents/handoff';

interface TeamNames {
  team: { readonly agents: readonly { readonly name: string }[] };
}

/** "@team data-eng: task", "@team @data-eng task" or "@team data-eng task": the agent named first, and the rest. */
export function routeToAgent(prompt: string, deps: TeamNames): { agent: string; text: string } | undefined {
  const match = /^\s*@?([A-Za-z][\w-]*)\s*:?\s*([\s\S]*)$/.exec(prompt);
  const agent = match && deps.team.agents.find((a) => a.name.toLowerCase() === match[1]!.toLowerCase());
  return agent ? { agent: agent.name, text: match[2] ?? '' } : undefined;
}

/** The participant a hand-off is suggested to: a built-in agent is asked directly, a custom one through @team. */
export function followupTarget(handOff: HandOff): { prompt: string; participant: string } {
  const builtin = builtinAgents.some((a) => a.name === handOff.agent);
  return builtin
    ? { prompt: handOff.task, participant: `agentChat.${handOff.agent}` }
    : { prompt: `${handOff.agent}: ${handOff.task}`, participant: 'agentChat.team' };
}
