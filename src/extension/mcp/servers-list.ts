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
  else if (!row.running) actions.push({ label: '$(play) Start', detail: 'VS Code starts it (and asks whether you trust it, the first time)', run: () => startInVsCode(hub, row) });
  else actions.push({ label: "$(output) Show VS Code's Output for MCP", run: () => vscode.commands.executeCommand('workbench.mcp.showOutput', row.name) });
  for (const key of hub.allowed.keys().filter((k) => k.startsWith(`mcp:${row.name}/`))) {
    actions.push({ label: `$(close) Stop always allowing ${key.slice(4)}`, run: () => hub.allowed.remove(key) });
  }
  actions.push({ label: '$(output) Show Log', run: showLog });
  const picked = await vscode.window.showQuickPick(actions, { title: `${row.name}: ${row.state}` });
  await picked?.run?.();
}

/** Starts a server of VS Code's mcp.json; when that does not work, VS Code's own server list is the way. */
async function startInVsCode(hub: McpHub, row: ServerRow): Promise<void> {
  const started = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Starting the MCP server ${row.name}…` }, () => hub.startVsCodeServer(row));
  if (started) {
    void vscode.window.showInformationMessage(`MCP server ${row.name}: ${hub.rows().find((r) => r.name === row.name)?.state ?? 'started'}; its tools are offered to the agents.`);
    return;
  }
  const open = "Open VS Code's MCP Servers";
  const answer = await vscode.window.showWarningMessage(`The MCP server ${row.name} did not start (VS Code's MCP output says why; it may be untrusted or disabled).`, open);
  if (answer === open) await vscode.commands.executeCommand('workbench.mcp.listServer');
}
