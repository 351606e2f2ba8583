// What VS Code's mcp.json files tell us, worked out without VS Code: the servers each file names, the
// id VS Code gives each (to ask it to start one), which server a VS Code MCP tool belongs to (by its name,
// or by the prefix its tools got when we started it), and the
// one list of servers where a name configured in both places appears once.

import { parseJsonc } from '../jsonc';

/** Where an mcp.json lies: a workspace folder's `.vscode/mcp.json`, or the user's (local or remote) one. */
export type McpJsonPlace = { kind: 'folder'; index: number } | { kind: 'user'; remote: boolean };

/** A server configured in one of VS Code's mcp.json files. */
export interface VsCodeServerRef {
  name: string;
  /** VS Code's own id for it, which its `workbench.mcp.startServer` command takes. */
  definitionId: string;
  place: 'workspace' | 'user';
}

/** The servers of one mcp.json text; none when it cannot be read. */
export function serverRefs(text: string, place: McpJsonPlace): VsCodeServerRef[] {
  return serverNames(text).map((name) => ({ name, definitionId: definitionId(name, place), place: place.kind === 'folder' ? 'workspace' : 'user' }));
}

/**
 * VS Code 1.104–1.139 name a configured server `mcp.config.<file>.<server>`, where the file is `ws<n>` for
 * the n-th folder's `.vscode/mcp.json`, `usrlocal` for the user's and `usrremote` for the remote user's.
 * An internal id: a wrong guess makes the start command do nothing, and the list then offers VS Code's own.
 */
export function definitionId(name: string, place: McpJsonPlace): string {
  const file = place.kind === 'folder' ? `ws${place.index}` : place.remote ? 'usrremote' : 'usrlocal';
  return `mcp.config.${file}.${name}`;
}

/**
 * Which configured server a VS Code MCP tool name (`mcp_<server>_<tool>`) belongs to. VS Code lowercases the
 * server name, replaces other characters by "_", keeps at most 13 of them and numbers a repeated prefix.
 */
export function splitToolName(name: string, servers: readonly string[], learned: ReadonlyMap<string, string> = new Map()): { server: string; tool: string } {
  for (const [prefix, server] of learned) if (name.startsWith(prefix)) return { server, tool: name.slice(prefix.length) };
  const rest = name.replace(/^mcp_/, '');
  const prefix = (s: string) => s.toLowerCase().replace(/[^a-z0-9_.-]+/g, '_').slice(0, 13);
  const byLength = [...servers].sort((a, b) => prefix(b).length - prefix(a).length);
  for (const server of byLength) {
    const match = new RegExp(`^${escape(prefix(server))}\\d*_`).exec(rest.toLowerCase());
    if (match) return { server, tool: rest.slice(match[0].length) };
  }
  const cut = rest.indexOf('_');
  return cut > 0 ? { server: rest.slice(0, cut), tool: rest.slice(cut + 1) } : { server: 'vscode', tool: rest };
}

/**
 * The prefix VS Code gave the tools of a server that just started (`mcp_<label>_`, the label often taken from
 * the server's own title rather than its name in mcp.json): the longest prefix they share, up to an "_".
 */
export function sharedToolPrefix(names: readonly string[]): string | undefined {
  if (names.length < 2) return undefined;
  let prefix = names[0]!;
  for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.slice(0, prefix.lastIndexOf('_') + 1);
  return /^mcp_.+_$/.test(prefix) ? prefix : undefined;
}

/** One row per server name: ours first (they win), then VS Code's in the order given, each name once. */
export function listedOnce<O extends { name: string }, V extends { name: string }>(ours: readonly O[], vscode: readonly V[]): { ours: O[]; vscode: V[] } {
  const seen = new Set(ours.map((o) => o.name));
  const theirs: V[] = [];
  for (const v of vscode) {
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    theirs.push(v);
  }
  return { ours: [...ours], vscode: theirs };
}

/** The keys of `servers` in an mcp.json text (JSON with comments); [] when it cannot be read. */
export function serverNames(text: string): string[] {
  if (!text.trim()) return [];
  try {
    const parsed = parseJsonc(text) as { servers?: unknown };
    return parsed.servers && typeof parsed.servers === 'object' && !Array.isArray(parsed.servers) ? Object.keys(parsed.servers) : [];
  } catch {
    return [];
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
