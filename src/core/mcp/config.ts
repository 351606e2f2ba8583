// Reads `agentChat.mcp.servers` (the same shape as mcp.json's `servers`): stdio servers
// `{ command, args, env, cwd }` and HTTP servers `{ url, headers }`, with `${workspaceFolder}`,
// `${userHome}` and `${env:NAME}` substituted. Entries that cannot be used are reported, not thrown.

export type McpServerConfig =
  | { name: string; type: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string }
  | { name: string; type: 'http' | 'sse'; url: string; headers: Record<string, string> };

export interface Substitutions {
  workspaceFolder?: string;
  userHome?: string;
  env: Readonly<Record<string, string | undefined>>;
}

export interface ParsedServers {
  servers: McpServerConfig[];
  /** One sentence per entry left out, for the log and the servers list. */
  problems: string[];
}

const serverNamePattern = /^[\w.-]{1,40}$/;

export function parseServers(raw: unknown, subs: Substitutions): ParsedServers {
  const servers: McpServerConfig[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { servers, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { servers, problems: ['agentChat.mcp.servers must be an object of named servers.'] };
  for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
    const parsed = parseServer(name, entry, subs);
    if (typeof parsed === 'string') problems.push(`agentChat.mcp.servers.${name}: ${parsed}`);
    else servers.push(parsed);
  }
  return { servers, problems };
}

function parseServer(name: string, entry: unknown, subs: Substitutions): McpServerConfig | string {
  if (!serverNamePattern.test(name)) return 'the name must be letters, digits, ".", "-" or "_" (at most 40).';
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return 'must be an object.';
  const e = entry as Record<string, unknown>;
  const sub = (v: string) => substitute(v, subs);
  const type = typeof e.type === 'string' ? e.type : typeof e.url === 'string' ? 'http' : 'stdio';
  if (type === 'http' || type === 'sse') {
    if (typeof e.url !== 'string' || !/^https?:\/\//.test(sub(e.url))) return '"url" must be an http(s) URL.';
    return { name, type, url: sub(e.url), headers: mapStrings(e.headers, sub) };
  }
  if (type !== 'stdio') return `unknown "type" ${JSON.stringify(type)} (use "stdio" or "http").`;
  if (typeof e.command !== 'string' || !e.command.trim()) return '"command" is missing.';
  if (e.args !== undefined && !(Array.isArray(e.args) && e.args.every((a) => typeof a === 'string'))) return '"args" must be a list of strings.';
  const cwd = typeof e.cwd === 'string' ? sub(e.cwd) : subs.workspaceFolder;
  return { name, type: 'stdio', command: sub(e.command), args: ((e.args as string[] | undefined) ?? []).map(sub), env: mapStrings(e.env, sub), ...(cwd ? { cwd } : {}) };
}

/** `${workspaceFolder}`, `${userHome}` and `${env:NAME}` (unknown variables become empty, as VS Code does for env). */
export function substitute(value: string, subs: Substitutions): string {
  return value.replace(/\$\{(workspaceFolder|userHome|env:([A-Za-z_][\w]*))\}/g, (whole, key: string, envName: string | undefined) => {
    if (envName !== undefined) return subs.env[envName] ?? '';
    if (key === 'workspaceFolder') return subs.workspaceFolder ?? whole;
    return subs.userHome ?? whole;
  });
}

function mapStrings(value: unknown, sub: (v: string) => string): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number') out[k] = sub(String(v));
  return out;
}
