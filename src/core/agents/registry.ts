// The live agent list: the built-in team, changed or extended by the user's `agentChat.agents` setting.
import { builtinAgents, type AgentDefinition } from './builtin';

export const agentNamePattern = /^[A-Za-z][\w-]*$/;

export interface AgentSettingEntry {
  name?: unknown;
  description?: unknown;
  systemPrompt?: unknown;
  provider?: unknown;
  model?: unknown;
  temperature?: unknown;
  tools?: unknown;
  icon?: unknown;
}

export interface AgentList {
  agents: AgentDefinition[];
  /** Entries of the setting that could not be used, with why (shown once in the log). */
  problems: string[];
}

const providers = new Set(['anthropic', 'openai', 'ollama', 'vscode']);

/** Built-ins first, in their order; a user entry with a built-in's name changes that agent. */
export function buildAgentList(userEntries: readonly AgentSettingEntry[] = []): AgentList {
  const agents = builtinAgents.map((a) => ({ ...a }));
  const problems: string[] = [];
  for (const [i, entry] of userEntries.entries()) {
    const name = typeof entry.name === 'string' ? entry.name.replace(/^@/, '').trim() : '';
    if (!agentNamePattern.test(name)) {
      problems.push(`agentChat.agents[${i}]: "name" must be a word like "data-eng" (letters, digits, - and _).`);
      continue;
    }
    const existing = agents.find((a) => a.name.toLowerCase() === name.toLowerCase());
    const systemPrompt = typeof entry.systemPrompt === 'string' ? entry.systemPrompt : existing?.systemPrompt;
    if (!systemPrompt) {
      problems.push(`agentChat.agents[${i}] (@${name}): a new agent needs a "systemPrompt".`);
      continue;
    }
    const agent: AgentDefinition = {
      ...existing,
      name: existing?.name ?? name,
      description: typeof entry.description === 'string' ? entry.description : (existing?.description ?? `Custom agent @${name}`),
      systemPrompt,
    };
    if (typeof entry.provider === 'string' && providers.has(entry.provider)) agent.provider = entry.provider as AgentDefinition['provider'];
    if (typeof entry.model === 'string' && entry.model.trim()) agent.model = entry.model.trim();
    // A codicon name only (letters, digits, dashes): it becomes a class name in the chat page.
    if (typeof entry.icon === 'string' && /^[a-z][a-z0-9-]{0,40}$/.test(entry.icon)) agent.icon = entry.icon;
    if (typeof entry.temperature === 'number' && entry.temperature >= 0 && entry.temperature <= 2) agent.temperature = entry.temperature;
    if (Array.isArray(entry.tools) && entry.tools.every((t) => typeof t === 'string')) agent.tools = entry.tools as string[];
    else if (entry.tools !== undefined) problems.push(`agentChat.agents[${i}] (@${name}): "tools" must be a list of tool patterns; the agent gets every tool.`);
    if (existing) agents[agents.indexOf(existing)] = agent;
    else agents.push(agent);
  }
  return { agents, problems };
}
