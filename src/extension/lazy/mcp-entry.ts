// The MCP hub and its servers list, a bundle of their own (dist/mcp-hub.js): loaded once MCP is needed (a
// turn's tools, the MCP Servers list, or configured servers to start), so activation does not parse them.
import type * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import { McpHub } from '../mcp/mcp-hub';
import { userMcpJsonUri } from '../mcp/mcp-json';
import type { McpSettings } from '../settings/settings';

export { showMcpServers } from '../mcp/servers-list';
export type { McpHub };

export function createMcpHub(state: vscode.Memento, settings: Readonly<McpSettings>, log: Logger, globalStorageUri: vscode.Uri): McpHub {
  return new McpHub(state, settings, log, userMcpJsonUri(globalStorageUri));
}
