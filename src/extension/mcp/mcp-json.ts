// Reads VS Code's mcp.json files for the servers they configure: each workspace folder's
// `.vscode/mcp.json` and the user's `mcp.json` (in the profile folder of the host this extension
// runs on), so VS Code's MCP tools can be told apart by server and stopped servers can be shown.
import * as vscode from 'vscode';
import { serverRefs, type VsCodeServerRef } from '../../core/mcp/vscode-config';

export async function vscodeMcpServers(userMcpJson: vscode.Uri | undefined): Promise<VsCodeServerRef[]> {
  const refs: VsCodeServerRef[] = [];
  for (const [index, folder] of (vscode.workspace.workspaceFolders ?? []).entries()) {
    refs.push(...serverRefs(await readText(vscode.Uri.joinPath(folder.uri, '.vscode', 'mcp.json')), { kind: 'folder', index }));
  }
  // On a remote (SSH, containers, a server) this host's profile is the remote user's, which VS Code calls usrremote.
  if (userMcpJson) refs.push(...serverRefs(await readText(userMcpJson), { kind: 'user', remote: vscode.env.remoteName !== undefined }));
  return refs;
}

/**
 * The user's mcp.json: extensions' global storage is `<profile folder>/globalStorage/<extension id>` (the
 * default profile's folder), and VS Code keeps the profile's mcp.json in that folder.
 */
export function userMcpJsonUri(globalStorageUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(globalStorageUri, '..', '..', 'mcp.json');
}

function readText(uri: vscode.Uri): Thenable<string> {
  return vscode.workspace.fs.readFile(uri).then((bytes) => new TextDecoder().decode(bytes), () => '');
}
