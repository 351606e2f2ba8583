// The servers of `agentChat.mcp.servers` as one tool source for the runner: one connection per
// server, rebuilt only when its configuration changes, their tools named and judged uniformly.
import type { Logger } from '../log';
import type { Tool } from '../tools/types';
import type { ToolSource } from '../tools/runner';
import type { McpServerConfig } from './config';
import { McpConnection, type ConnectionState } from './connection';
import { buildMcpTools, manyToolsThreshold, type McpApprovalRules, type McpExecTool } from './mcp-tools';

export interface ServerStatus {
  name: string;
  state: ConnectionState;
  pid?: number;
}

export interface McpServersOptions {
  log: Logger;
  callTimeoutMs: number;
  rules: McpApprovalRules;
  /** A server's state or tools changed (the servers list refreshes). */
  onChange?: () => void;
}

export class McpServers implements ToolSource {
  private readonly connections = new Map<string, { json: string; connection: McpConnection; built?: { from: unknown; tools: McpExecTool[] } }>();
  private warnedAt = 0;

  constructor(private readonly options: McpServersOptions) {}

  /** Applies a new configuration: changed or removed servers are stopped, new ones are created (not started). */
  configure(servers: readonly McpServerConfig[]): void {
    const wanted = new Map(servers.map((s) => [s.name, s]));
    for (const [name, entry] of this.connections) {
      const next = wanted.get(name);
      if (next && JSON.stringify(next) === entry.json) continue;
      void entry.connection.dispose();
      this.connections.delete(name);
    }
    for (const server of servers) {
      if (this.connections.has(server.name)) continue;
      const connection = new McpConnection(server, { log: this.options.log, callTimeoutMs: this.options.callTimeoutMs, onChange: () => this.options.onChange?.() });
      this.connections.set(server.name, { json: JSON.stringify(server), connection });
    }
    this.options.onChange?.();
  }

  names(): string[] {
    return [...this.connections.keys()];
  }

  /** Starts every server not running yet (failures show in its state and the log). */
  startAll(): void {
    for (const { connection } of this.connections.values()) if (connection.state.kind !== 'running') void connection.start().catch(() => undefined);
  }

  /** Resolves when no server is still starting, or after `timeoutMs`. */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ([...this.connections.values()].some((e) => e.connection.state.kind === 'starting') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  tools(): readonly Tool[] {
    const tools: McpExecTool[] = [];
    for (const entry of this.connections.values()) {
      const listed = entry.connection.tools;
      // Rebuilt only when the server's list changed, so skipped schemas are logged once.
      if (entry.built?.from !== listed) entry.built = { from: listed, tools: buildMcpTools(entry.connection.config.name, listed, entry.connection, this.options.rules, this.options.log) };
      tools.push(...entry.built.tools);
    }
    if (tools.length > manyToolsThreshold && tools.length !== this.warnedAt) {
      this.warnedAt = tools.length;
      this.options.log.warn(`MCP: ${tools.length} tools from agentChat.mcp.servers; models choose worse past about ${manyToolsThreshold}. Narrow them with agentChat.agents[].tools.`);
    }
    return tools;
  }

  status(): ServerStatus[] {
    return [...this.connections.values()].map(({ connection }) => ({
      name: connection.config.name,
      state: connection.state,
      ...(connection.pid !== undefined ? { pid: connection.pid } : {}),
    }));
  }

  connection(name: string): McpConnection | undefined {
    return this.connections.get(name)?.connection;
  }

  async dispose(): Promise<void> {
    const all = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(all.map((e) => e.connection.dispose()));
  }
}
