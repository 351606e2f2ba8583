// Who is speaking: each agent's avatar (a codicon) and colour (one of the theme's chart colours), used in
// message headers, @mentions in text and the @ popup. Built-in agents have fixed ones; custom agents
// choose an icon in the agents setting and get a colour from their name, so it stays the same everywhere.
import type { AgentInfo } from '../core/protocol/messages';
import { el } from './dom';

/** The chart colours every theme defines (`--vscode-charts-<name>`), High Contrast included. */
const palette = ['blue', 'purple', 'green', 'orange', 'yellow', 'red'] as const;
export type AgentColor = (typeof palette)[number];

const builtin: Readonly<Record<string, { icon: string; color: AgentColor }>> = {
  orchestrator: { icon: 'organization', color: 'purple' },
  backend: { icon: 'server', color: 'blue' },
  frontend: { icon: 'browser', color: 'green' },
  qa: { icon: 'beaker', color: 'orange' },
  devops: { icon: 'rocket', color: 'yellow' },
};

let known = new Map<string, AgentInfo>();

/** The team as the host last described it (icons of custom agents, who counts as an agent in text). */
export function setTeam(agents: readonly AgentInfo[]): void {
  known = new Map(agents.map((a) => [a.name.toLowerCase(), a]));
}

/** The agent of that name (any case), if the team has one. */
export function teamMember(name: string): AgentInfo | undefined {
  return known.get(name.toLowerCase());
}

export function agentIcon(name: string): string {
  const icon = teamMember(name)?.icon ?? builtin[name]?.icon;
  return icon && /^[a-z][a-z0-9-]*$/.test(icon) ? icon : 'hubot';
}

export function agentColor(name: string): AgentColor {
  const fixed = builtin[name]?.color;
  if (fixed) return fixed;
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length]!;
}

/** The round avatar with the agent's codicon, in its colour. */
export function avatar(name: string): HTMLElement {
  return el('span', { class: 'avatar', 'data-agent-color': agentColor(name), 'aria-hidden': 'true' }, el('span', { class: `codicon codicon-${agentIcon(name)}` }));
}

/** "@name" in the agent's colour (for headers, chips and mentions in text). */
export function agentName(name: string, className = 'agent-name'): HTMLElement {
  return el('span', { class: className, 'data-agent-color': agentColor(name) }, `@${name}`);
}

/**
 * Marks @mentions of team members in rendered text (not in code or links) so they show in the agent's
 * colour. Text nodes only: nothing becomes HTML.
 */
export function markMentions(root: ParentNode): void {
  if (!known.size) return;
  const doc = (root as Node).ownerDocument ?? document;
  const walker = doc.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest('code, pre, a, .mention') ? NodeFilter.FILTER_REJECT : /@[A-Za-z]/.test(n.nodeValue ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  for (const node of nodes) splitMentions(node);
}

function splitMentions(node: Text): void {
  const text = node.nodeValue ?? '';
  const parts: (string | Node)[] = [];
  let last = 0;
  for (const m of text.matchAll(/(^|[^\w@])@([A-Za-z][\w-]*)/g)) {
    const agent = teamMember(m[2]!);
    if (!agent) continue;
    const at = m.index + m[1]!.length;
    parts.push(text.slice(last, at), agentName(agent.name, 'mention'));
    last = at + 1 + m[2]!.length;
  }
  if (!last) return;
  parts.push(text.slice(last));
  node.replaceWith(...parts.filter((p) => p !== ''));
}
