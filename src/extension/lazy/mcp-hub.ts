// MCP as activation sees it: a tool source and tool scope that load the MCP hub (mcp-entry.ts, its own
// bundle) only when MCP is first needed. Configured servers still start right after activation; without any,
// nothing loads until a turn asks for its tools or the user opens the MCP Servers list.
import type * as vscode from 'vscode';
import type { ToolScope } from '../../core/chat/tool-scope';
import type { Logger } from '../../core/log';
import { agentToolFilter } from '../../core/mcp/scope';
import type { Tool, ToolSource } from '../../core/tools/types';
import { hasMcpServers, type McpSettings } from '../settings/settings';
import type { McpHub } from './mcp-entry';

export interface LazyMcpOptions {
  state: vscode.Memento;
  settings: Readonly<McpSettings>;
  log: Logger;
  globalStorageUri: vscode.Uri;
}

export class LazyMcpHub implements ToolSource, vscode.Disposable {
  private hub: McpHub | undefined;
  private loading: Promise<McpHub> | undefined;
  private settings: Readonly<McpSettings>;
  private disposed = false;

  constructor(private readonly options: LazyMcpOptions) {
    this.settings = options.settings;
    // Servers of agentChat.mcp.servers start as soon as the window is up, as they did when the hub loaded with
    // activation; the load waits for the next turn of the event loop so that activation itself stays small.
    if (hasMcpServers(this.settings)) setTimeout(() => void this.load().catch(() => undefined), 0);
  }

  /** The hub, loaded on the first call. */
  load(): Promise<McpHub> {
    this.loading ??= import('./mcp-entry.js').then((m) => {
      const hub = m.createMcpHub(this.options.state, this.settings, this.options.log, this.options.globalStorageUri);
      if (this.disposed) hub.dispose();
      else this.hub = hub;
      return hub;
    });
    this.loading.catch((err: unknown) => this.options.log.error('MCP could not be loaded', err));
    return this.loading;
  }

  /** Every MCP tool now offered; none before the hub is loaded (a turn loads it first, see `scope().ready`). */
  tools(): Tool[] {
    return this.hub?.tools() ?? [];
  }

  useSettings(settings: Readonly<McpSettings>): void {
    this.settings = settings;
    if (this.hub) this.hub.useSettings(settings);
    else if (hasMcpServers(settings)) void this.load().catch(() => undefined);
  }

  scope(agentTools: (agent: string) => readonly string[] | undefined): ToolScope {
    const loaded = (hub: McpHub) => hub.scope(agentTools);
    return {
      filter: (agent) => (this.hub ? loaded(this.hub).filter(agent) : agentToolFilter(agentTools(agent), () => undefined)),
      ready: async () => loaded(await this.load()).ready(),
      alwaysAllow: async (key) => loaded(await this.load()).alwaysAllow(key),
    };
  }

  /** "Agent Chat: MCP Servers". */
  async showServers(showLog: () => void): Promise<void> {
    const [hub, m] = await Promise.all([this.load(), import('./mcp-entry.js')]);
    await m.showMcpServers(hub, showLog);
  }

  dispose(): void {
    this.disposed = true;
    this.hub?.dispose();
  }
}
