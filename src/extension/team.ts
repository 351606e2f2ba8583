// The agents as configured for this window, and the workspace facts their prompts include.
import * as vscode from 'vscode';
import type { AgentDefinition } from '../core/agents/builtin';
import { systemPrompt } from '../core/agents/prompt';
import { buildAgentList, type AgentSettingEntry } from '../core/agents/registry';
import type { Logger } from '../core/log';
import { Disposable } from '../core/util/dispose';

export class Team extends Disposable {
  private list: AgentDefinition[] = [];
  /** The setting's entries the list was built from (JSON), to rebuild only when they change. */
  private built: string | undefined;
  private instructions: Promise<string | undefined> | undefined;
  /** False while the user removed the active file's chip from the message box. */
  private shareActiveFile = true;

  constructor(entries: readonly AgentSettingEntry[], private readonly log: Logger) {
    super();
    this.useAgents(entries);
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/AGENTS.md'));
    const forget = () => (this.instructions = undefined);
    this._register(watcher.onDidChange(forget));
    this._register(watcher.onDidCreate(forget));
    this._register(watcher.onDidDelete(forget));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(forget));
  }

  /** Rebuilds the team from the `agentChat.agents` entries (logging the ones it cannot use). */
  useAgents(entries: readonly AgentSettingEntry[]): void {
    const json = JSON.stringify(entries);
    if (json === this.built) return;
    this.built = json;
    const { agents, problems } = buildAgentList(entries);
    this.list = agents;
    for (const p of problems) this.log.warn(p);
  }

  /** Whether prompts name the file in the active editor (the chat's file chip). */
  setShareActiveFile(share: boolean): void {
    this.shareActiveFile = share;
  }

  get agents(): readonly AgentDefinition[] {
    return this.list;
  }

  find(name: string): AgentDefinition | undefined {
    return this.list.find((a) => a.name === name);
  }

  /** The file in the active editor, unless the user removed its chip: it goes with the next question. */
  activeFile(): { path: string; language: string } | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!this.shareActiveFile || !editor || editor.document.uri.scheme === 'output') return undefined;
    return { path: vscode.workspace.asRelativePath(editor.document.uri), language: editor.document.languageId };
  }

  async prompt(name: string, tools: string[]): Promise<string> {
    const agent = this.find(name) ?? { name, description: '', systemPrompt: `You are @${name}.` };
    const folders = vscode.workspace.workspaceFolders ?? [];
    const projectInstructions = await (this.instructions ??= readInstructions());
    return systemPrompt(agent, {
      workspaceName: vscode.workspace.name,
      folders: folders.map((f) => f.name),
      ...(projectInstructions ? { projectInstructions } : {}),
      tools,
      restricted: !vscode.workspace.isTrusted,
      teammates: this.list,
    });
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
