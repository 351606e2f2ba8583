// The agents as configured for this window, and the workspace facts their prompts include.
import * as vscode from 'vscode';
import type { AgentDefinition } from '../core/agents/builtin';
import { systemPrompt } from '../core/agents/prompt';
import { buildAgentList, type AgentSettingEntry } from '../core/agents/registry';
import type { Logger } from '../core/log';

export class Team implements vscode.Disposable {
  private list: AgentDefinition[] = [];
  private instructions: Promise<string | undefined> | undefined;
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly log: Logger) {
    this.reload();
    const watcher = vscode.workspace.createFileSystemWatcher('**/AGENTS.md');
    const forget = () => (this.instructions = undefined);
    this.subs.push(
      watcher,
      watcher.onDidChange(forget),
      watcher.onDidCreate(forget),
      watcher.onDidDelete(forget),
      vscode.workspace.onDidChangeWorkspaceFolders(forget),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('agentChat.agents')) this.reload();
      }),
    );
  }

  get agents(): readonly AgentDefinition[] {
    return this.list;
  }

  find(name: string): AgentDefinition | undefined {
    return this.list.find((a) => a.name === name);
  }

  async prompt(name: string, tools: string[]): Promise<string> {
    const agent = this.find(name) ?? { name, description: '', systemPrompt: `You are @${name}.` };
    const folders = vscode.workspace.workspaceFolders ?? [];
    const editor = vscode.window.activeTextEditor;
    const projectInstructions = await (this.instructions ??= readInstructions());
    return systemPrompt(agent, {
      workspaceName: vscode.workspace.name,
      folders: folders.map((f) => f.name),
      ...(editor && editor.document.uri.scheme !== 'output'
        ? { activeFile: { path: vscode.workspace.asRelativePath(editor.document.uri), language: editor.document.languageId } }
        : {}),
      ...(projectInstructions ? { projectInstructions } : {}),
      tools,
      restricted: !vscode.workspace.isTrusted,
      teammates: this.list,
    });
  }

  private reload(): void {
    const entries = vscode.workspace.getConfiguration('agentChat').get<AgentSettingEntry[]>('agents', []);
    const { agents, problems } = buildAgentList(Array.isArray(entries) ? entries : []);
    this.list = agents;
    for (const p of problems) this.log.warn(p);
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

/** AGENTS.md at the root of the first folder that has one (capped, so a huge file cannot crowd out the chat). */
async function readInstructions(): Promise<string | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'AGENTS.md'));
      return new TextDecoder().decode(bytes).slice(0, 20_000);
    } catch {
      // No AGENTS.md in this folder.
    }
  }
  return undefined;
}
