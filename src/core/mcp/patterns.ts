// Tool patterns: `agentChat.mcp.autoApprove` ("everything/echo", "github/*") and an agent's own
// tool list in `agentChat.agents[].tools` ("read_file", "mcp:github/*", "mcp:*").

/** What a pattern is matched against: a built-in tool by name, or an MCP server's tool. */
export type ToolRef = { name: string; mcp?: { server: string; tool: string } };

/** Glob with `*` only (any run of characters), case-sensitive, whole string. */
export function globMatch(pattern: string, text: string): boolean {
  const source = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${source}$`).test(text);
}

/** A pattern "server/tool" (either part may use `*`; a bare "server" means all its tools) against one MCP tool. */
export function matchesServerTool(pattern: string, server: string, tool: string): boolean {
  const slash = pattern.indexOf('/');
  if (slash < 0) return globMatch(pattern, server);
  return globMatch(pattern.slice(0, slash), server) && globMatch(pattern.slice(slash + 1), tool);
}

/** True when one of the autoApprove patterns covers this MCP tool. */
export function autoApproved(patterns: readonly string[], server: string, tool: string): boolean {
  return patterns.some((p) => matchesServerTool(p.trim(), server, tool));
}

/**
 * An agent's tool list: "mcp:server/tool" patterns cover MCP tools, any other pattern covers tools by
 * the name the model sees (so "mcp_github_*" works too). No list means every tool.
 */
export function toolAllowed(patterns: readonly string[] | undefined, ref: ToolRef): boolean {
  if (!patterns) return true;
  return patterns.some((raw) => {
    const p = raw.trim();
    if (p.startsWith('mcp:')) return !!ref.mcp && (p === 'mcp:*' || matchesServerTool(p.slice(4), ref.mcp.server, ref.mcp.tool));
    return globMatch(p, ref.name);
  });
}
