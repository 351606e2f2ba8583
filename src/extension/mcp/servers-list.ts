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
  if (!vscode.workspace.isTrusted) items.unshift({ label: `$(shield) ${vscode.l10n.t('Restricted Mode: MCP servers do not start and MCP tools are not offered until you trust this workspace.')}` });
  if (!rows.length) items.push({ label: vscode.l10n.t('No MCP servers'), detail: vscode.l10n.t('Add servers in .vscode/mcp.json or your user mcp.json (VS Code runs them), or in the agentChat.mcp.servers setting (Agent Chat runs them).') });
  items.push({ label: `$(output) ${vscode.l10n.t('Show Log')}`, run: showLog }, { label: `$(gear) ${vscode.l10n.t('Open {0} Settings', 'agentChat.mcp')}`, run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'agentChat.mcp') });
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Agent Chat: MCP Servers'), placeHolder: vscode.l10n.t('Pick a server for its actions'), matchOnDetail: true });
  if (!picked) return;
  if (picked.run) return void (await picked.run());
  if (picked.row) await serverActions(hub, picked.row, showLog);
}

async function serverActions(hub: McpHub, row: ServerRow, showLog: () => void): Promise<void> {
  const actions: Action[] = [];
  if (row.source === 'agentChat.mcp.servers') actions.push({ label: `$(debug-restart) ${vscode.l10n.t('Restart')}`, run: () => hub.own.connection(row.name)?.restart() });
  else if (!row.running) actions.push({ label: `$(play) ${vscode.l10n.t('Start')}`, detail: vscode.l10n.t('VS Code starts it (and asks whether you trust it, the first time)'), run: () => startInVsCode(hub, row) });
  else actions.push({ label: `$(output) ${vscode.l10n.t("Show VS Code's Output for MCP")}`, run: () => vscode.commands.executeCommand('workbench.mcp.showOutput', row.name) });
  for (const key of hub.allowed.keys().filter((k) => k.startsWith(`mcp:${row.name}/`))) {
    actions.push({ label: `$(close) ${vscode.l10n.t('Stop always allowing {0}', key.slice(4))}`, run: () => hub.allowed.remove(key) });
  }
  actions.push({ label: `$(output) ${vscode.l10n.t('Show Log')}`, run: showLog });
  const picked = await vscode.window.showQuickPick(actions, { title: vscode.l10n.t('{0}: {1}', row.name, row.state) });
  await picked?.run?.();
}

/** Starts a server of VS Code's mcp.json; when that does not work, VS Code's own server list is the way. */
async function startInVsCode(hub: McpHub, row: ServerRow): Promise<void> {
  const started = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the MCP server {0}…', row.name) }, () => hub.startVsCodeServer(row));
  if (started) {
    void vscode.window.showInformationMessage(vscode.l10n.t('MCP server {0}: {1}; its tools are offered to the agents.', row.name, hub.rows().find((r) => r.name === row.name)?.state ?? vscode.l10n.t('started')));
    return;
  }
  const open = vscode.l10n.t("Open VS Code's MCP Servers");
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t("The MCP server {0} did not start (VS Code's MCP output says why; it may be untrusted or disabled).", row.name), open);
  if (answer === open) await vscode.commands.executeCommand('workbench.mcp.listServer');
}
