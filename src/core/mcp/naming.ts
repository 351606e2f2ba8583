// Names for MCP tools as the model sees them: unique, the same on every run, and valid for every
// vendor (`^[a-zA-Z0-9_-]{1,64}$`), e.g. `mcp_github_create_issue`.

export const toolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;
const maxLength = 64;

/**
 * `mcp_<server>_<tool>` with other characters replaced by `_`. When that changed anything (two tools could
 * meet on the same name) or is too long, a short hash of the original server and tool names is appended,
 * so the result depends on those names only, never on the order tools were listed in.
 */
export function mcpToolName(server: string, tool: string): string {
  const plain = `mcp_${clean(server)}_${clean(tool)}`;
  const exact = clean(server) === server && clean(tool) === tool && server !== '' && tool !== '';
  if (exact && plain.length <= maxLength) return plain;
  const suffix = `_${shortHash(`${server}\u0000${tool}`)}`;
  return plain.slice(0, maxLength - suffix.length) + suffix;
}

function clean(part: string): string {
  return part.replace(/[^a-zA-Z0-9_-]/g, '_');
}

/** FNV-1a (32 bits) in base 36: short, stable, and good enough to tell a handful of look-alike names apart. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}
