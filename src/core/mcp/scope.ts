// Which tools one agent is offered: its `tools` list from `agentChat.agents` (patterns over our tools
// and MCP tools), and a one-line summary per teammate for the orchestrator's prompt.
import type { Tool } from '../tools/types';
import { toolAllowed, type ToolRef } from './patterns';

/** The MCP server and tool behind a tool, when it is one. */
export function mcpRefOf(tool: Tool): ToolRef['mcp'] {
  return 'mcp' in tool ? (tool as { mcp: ToolRef['mcp'] }).mcp : undefined;
}

/** The filter for an agent's tool list (undefined: no list, every tool). `lookup` finds a tool by the name the model sees. */
export function agentToolFilter(patterns: readonly string[] | undefined, lookup: (name: string) => Tool | undefined): ((name: string) => boolean) | undefined {
  if (!patterns) return undefined;
  return (name) => {
    const tool = lookup(name);
    const mcp = tool && mcpRefOf(tool);
    return toolAllowed(patterns, mcp ? { name, mcp } : { name });
  };
}

/** "read_file, search_text, mcp:github/*" or "all tools": what a teammate can use, for the orchestrator. */
export function toolListSummary(patterns: readonly string[] | undefined): string {
  return patterns ? (patterns.length ? patterns.join(', ') : 'no tools') : 'all tools';
}
