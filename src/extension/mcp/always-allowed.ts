// The MCP tools the user chose *Always allow* for, per workspace (workspaceState), revocable from
// the MCP Servers list.
import type * as vscode from 'vscode';

const stateKey = 'agentChat.alwaysAllowed.mcp';

export class AlwaysAllowed {
  constructor(private readonly state: vscode.Memento) {}

  keys(): string[] {
    const value = this.state.get<unknown>(stateKey);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  has(key: string): boolean {
    return this.keys().includes(key);
  }

  async add(key: string): Promise<void> {
    if (!this.has(key)) await this.state.update(stateKey, [...this.keys(), key]);
  }

  async remove(key: string): Promise<void> {
    await this.state.update(stateKey, this.keys().filter((k) => k !== key));
  }
}
