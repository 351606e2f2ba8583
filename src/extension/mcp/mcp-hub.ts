// MCP for this window: our own client's servers (agentChat.mcp.servers) and the servers VS Code
// runs, as tool sources for the agents; the approval rules, *Always allow* answers, per-agent tool
// lists and what the MCP Servers list shows. Nothing starts in Restricted Mode.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { lmTools } from './lm-api';
import type { ToolScope } from '../../core/chat/tool-scope';
import type { Logger } from '../../core/log';
import { parseServers } from '../../core/mcp/config';
import { manyToolsThreshold, type McpApprovalRules } from '../../core/mcp/mcp-tools';
import { autoApproved } from '../../core/mcp/patterns';
import { agentToolFilter } from '../../core/mcp/scope';
import { listedOnce, sharedToolPrefix, type VsCodeServerRef } from '../../core/mcp/vscode-config';
import { McpServers, type ServerStatus } from '../../core/mcp/servers';
import type { Tool } from '../../core/tools/types';
import { Disposable } from '../../core/util/dispose';
import type { McpSettings } from '../settings/settings';
import { AlwaysAllowed } from './always-allowed';
import { vscodeMcpServers } from './mcp-json';
import { VsCodeMcpTools } from './vscode-mcp';

/** One row of the MCP Servers list. */
export interface ServerRow {
  name: string;
  source: 'agentChat.mcp.servers' | 'VS Code';
  /** "starting", "12 tools", "error: …", "stopped", "configured, not started". */
  state: string;
  running: boolean;
  /** VS Code's ids for a server of its mcp.json files (to start it). */
  definitionIds: string[];
}

export class McpHub extends Disposable {
  readonly allowed: AlwaysAllowed;
  readonly own: McpServers;
  readonly vscodeTools: VsCodeMcpTools;
  private settings: Readonly<McpSettings>;
  private vscodeConfigured: VsCodeServerRef[] = [];
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(state: vscode.Memento, settings: Readonly<McpSettings>, private readonly log: Logger, private readonly userMcpJson?: vscode.Uri) {
    super();
    this.settings = settings;
    this.allowed = new AlwaysAllowed(state);
    const rules: McpApprovalRules = {
      runsUnasked: (server, tool) => autoApproved(this.settings.autoApprove, server, tool) || this.allowed.has(`mcp:${server}/${tool}`),
    };
    this.own = new McpServers({ log, callTimeoutMs: settings.callTimeoutMs, rules, onChange: () => this.changed.fire() });
    this.vscodeTools = new VsCodeMcpTools(rules, () => this.vscodeConfigured.map((r) => r.name), () => this.own.names(), log);
    this._register({ dispose: () => void this.own.dispose() });
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.own.startAll()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.useSettings(this.settings, true)));
    this.watch('**/.vscode/mcp.json');
    if (userMcpJson) this.watch(new vscode.RelativePattern(vscode.Uri.joinPath(userMcpJson, '..'), 'mcp.json'));
    void this.readVsCodeConfig();
    this.useSettings(settings, true);
  }

  /** New settings: servers whose entry changed restart; new ones start (in a trusted workspace). */
  useSettings(settings: Readonly<McpSettings>, force = false): void {
    if (!force && JSON.stringify(settings) === JSON.stringify(this.settings)) return;
    const timeoutChanged = settings.callTimeoutMs !== this.settings.callTimeoutMs;
    this.settings = settings;
    if (timeoutChanged) this.log.info('MCP: the new call timeout applies to servers started from now on.');
    const { servers, problems } = parseServers(settings.servers, {
      ...(vscode.workspace.workspaceFolders?.[0] ? { workspaceFolder: vscode.workspace.workspaceFolders[0].uri.fsPath } : {}),
      userHome: homedir(),
      env: process.env,
    });
    for (const p of problems) this.log.warn(p);
    this.own.configure(servers);
    if (vscode.workspace.isTrusted) this.own.startAll();
  }

  /** Every MCP tool now offered (ours, then VS Code's). */
  tools(): Tool[] {
    return [...this.own.tools(), ...this.vscodeTools.tools()];
  }

  scope(agentTools: (agent: string) => readonly string[] | undefined): ToolScope {
    return {
      filter: (agent) => agentToolFilter(agentTools(agent), (name) => this.tools().find((t) => t.definition.name === name)),
      // Our servers are started at activation; a turn waits a little for those still starting.
      ready: () => (vscode.workspace.isTrusted ? this.own.ready(10_000) : Promise.resolve()),
      alwaysAllow: async (key) => {
        await this.allowed.add(key);
        this.changed.fire();
      },
    };
  }

  /** What the MCP Servers list shows, each server once (ours first, then VS Code's). */
  rows(): ServerRow[] {
    const ours: ServerRow[] = this.own.status().map((s) => ({ name: s.name, source: 'agentChat.mcp.servers', state: describe(s), running: s.state.kind === 'running', definitionIds: [] }));
    const tools = this.vscodeTools.tools();
    const vscodeNames = [...this.vscodeConfigured.map((r) => r.name), ...tools.map((t) => t.mcp.server)].map((name) => ({ name }));
    const { vscode: theirs } = listedOnce(ours, vscodeNames);
    return [
      ...ours,
      ...theirs.map(({ name }): ServerRow => {
        const count = tools.filter((t) => t.mcp.server === name).length;
        const definitionIds = this.vscodeConfigured.filter((r) => r.name === name).map((r) => r.definitionId);
        return { name, source: 'VS Code', state: count ? vscode.l10n.t('{0} tools', count) : vscode.l10n.t('configured, not started'), running: count > 0, definitionIds };
      }),
    ];
  }

  /**
   * Asks VS Code to start one of its servers (its trust prompt shows when the server is new) and waits until
   * its tools are listed here. False when VS Code does not have such a server or it did not come up.
   */
  async startVsCodeServer(row: ServerRow): Promise<boolean> {
    const mcpToolNames = () => lmTools(vscode).filter((t) => t.tags.includes('mcp')).map((t) => t.name);
    const before = new Set(mcpToolNames());
    for (const id of row.definitionIds) {
      this.log.info(`MCP: asking VS Code to start ${id}.`);
      // Not awaited: VS Code's command resolves only once the server is up, which may wait on its trust prompt.
      void vscode.commands.executeCommand('workbench.mcp.startServer', id).then(undefined, (err: unknown) => this.log.warn(`MCP: VS Code could not start ${row.name}: ${String(err)}`));
    }
    // VS Code's tool list reaches this host a moment after the server lists its tools; the new names tell
    // which prefix VS Code chose for this server.
    const deadline = Date.now() + 60_000;
    let fresh: string[] = [];
    while (!this.vscodeTools.runningServers().includes(row.name) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      const now = mcpToolNames().filter((n) => !before.has(n));
      const prefix = now.length && now.length === fresh.length ? sharedToolPrefix(now) : undefined;
      if (prefix) this.vscodeTools.learn(prefix, row.name);
      fresh = now;
    }
    this.log.info(`MCP: ${row.name} ${this.vscodeTools.runningServers().includes(row.name) ? 'started in VS Code' : 'did not start in VS Code within 60 s'}.`);
    this.changed.fire();
    return this.vscodeTools.runningServers().includes(row.name);
  }

  /** A warning for the list when the agents would get more tools than models handle well. */
  toolFlood(): string | undefined {
    const count = this.tools().length;
    return count > manyToolsThreshold ? vscode.l10n.t('{0} MCP tools: models choose worse past about {1}; narrow them per agent with {2}.', count, manyToolsThreshold, 'agentChat.agents[].tools') : undefined;
  }

  private async readVsCodeConfig(): Promise<void> {
    this.vscodeConfigured = await vscodeMcpServers(this.userMcpJson);
    this.changed.fire();
  }

  private watch(pattern: vscode.GlobPattern): void {
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(pattern));
    const reread = () => void this.readVsCodeConfig();
    this._register(watcher.onDidChange(reread));
    this._register(watcher.onDidCreate(reread));
    this._register(watcher.onDidDelete(reread));
  }
}

function describe(status: ServerStatus): string {
  switch (status.state.kind) {
    case 'running':
      return status.pid ? vscode.l10n.t('{0} tools (pid {1})', status.state.tools, status.pid) : vscode.l10n.t('{0} tools', status.state.tools);
    case 'error':
      return vscode.l10n.t('error: {0}', status.state.message);
    case 'starting':
      return vscode.l10n.t('starting');
    case 'stopped':
      return vscode.l10n.t('stopped');
  }
}
