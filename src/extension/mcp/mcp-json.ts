// The server names in the workspace's `.vscode/mcp.json` files (JSON with comments), so VS Code's
// MCP tools can be told apart by server and servers configured but not started can be shown.
import * as vscode from 'vscode';

export async function workspaceMcpServers(): Promise<string[]> {
  const names = new Set<string>();
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = vscode.Uri.joinPath(folder.uri, '.vscode', 'mcp.json');
    const text = await vscode.workspace.fs.readFile(uri).then((b) => new TextDecoder().decode(b), () => '');
    for (const name of serverNames(text)) names.add(name);
  }
  return [...names];
}

/** The keys of `servers` in an mcp.json text; [] when it cannot be read. */
export function serverNames(text: string): string[] {
  if (!text.trim()) return [];
  try {
    const parsed = JSON.parse(withoutComments(text)) as { servers?: unknown };
    return parsed.servers && typeof parsed.servers === 'object' ? Object.keys(parsed.servers) : [];
  } catch {
    return [];
  }
}

/** Drops // and /* *\/ comments and trailing commas, leaving strings (URLs with //) intact. */
function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) break;
      i++;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
