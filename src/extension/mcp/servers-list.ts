// "Agent Chat: MCP Servers": every server with its state, and what can be done about it: restart
// ours, start one VS Code has configured but not started, show the log, revoke *Always allow*.
import * as vscode from 'vscode';
import type { McpHub, ServerRow } from './mcp-hub';

type Action = vscode.QuickPickItem & { run?: () => unknown };

export async function showMcpServers(hub: McpHub, showLog: () => void): Promise<void> {
  const rows = hub.rows();
  const items: (Action & { row?: ServerRow })[] = rows.map((row) => ({
    label: `$(${row.running ? 'server-process' : 'circle-slash'}) ${row.name}`,
    description: row.source,
    detail: row.state,
    row,
  }));
  const flood = hub.toolFlood();
  if (flood) items.unshift({ label: `$(warning) ${flood}` });
  if (!vscode.workspace.isTrusted) items.unshift({ label: '$(shield) Restricted Mode: MCP servers do not start and MCP tools are not offered until you trust this workspace.' });
  if (!rows.length) items.push({ label: 'No MCP servers', detail: 'Add servers in .vscode/mcp.json or your user mcp.json (VS Code runs them), or in the agentChat.mcp.servers setting (Agent Chat runs them).' });
  items.push({ label: '$(output) Show Log', run: showLog }, { label: '$(gear) Open agentChat.mcp Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'agentChat.mcp') });
  const picked = await vscode.window.showQuickPick(items, { title: 'Agent Chat: MCP Servers', placeHolder: 'Pick a server for its actions', matchOnDetail: true });
  if (!picked) return;
  if (picked.run) return void (await picked.run());
  if (picked.row) await serverActions(hub, picked.row, showLog);
}

async function serverActions(hub: McpHub, row: ServerRow, showLog: () => void): Promise<void> {
  const actions: Action[] = [];
  if (row.source === 'agentChat.mcp.servers') actions.push({ label: '$(debug-restart) Restart', run: () => hub.own.connection(row.name)?.restart() });
  else if (!row.running) actions.push({ label: "$(play) Start (in VS Code's server list)", run: () => vscode.commands.executeCommand('workbench.mcp.listServer') });
  else actions.push({ label: "$(output) Show VS Code's Output for MCP", run: () => vscode.commands.executeCommand('workbench.mcp.showOutput', row.name) });
  for (const key of hub.allowed.keys().filter((k) => k.startsWith(`mcp:${row.name}/`))) {
    actions.push({ label: `$(close) Stop always allowing ${key.slice(4)}`, run: () => hub.allowed.remove(key) });
  }
  actions.push({ label: '$(output) Show Log', run: showLog });
  const picked = await vscode.window.showQuickPick(actions, { title: `${row.name}: ${row.state}` });
  await picked?.run?.();
}
