// What the chat page asks of the editor: clipboard, inserting and applying code, diffs, dialogs, links.
// The webview cannot do any of this itself (it has no network and no editor access), by design.
import * as vscode from 'vscode';
import type { ChatController } from '../core/chat/controller';
import { Disposable } from '../core/util/dispose';
import type { SecretPolicy } from '../core/tools/secrets';
import { applyCodeToFile } from './apply-code';
import type { ProposedContent } from './diff-preview';
import type { HostToWebview } from '../core/protocol/messages';
import { ollamaAnswers } from './ollama-probe';
import { openWorkspaceFile, reviewChanges } from './turn-review';

export class WebviewActions extends Disposable {
  /** Focus is in the chat when a button there is clicked, so remember the editor the user was in. */
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor(
    private readonly controller: ChatController,
    private readonly proposed: ProposedContent,
    /** The user's secret-file rules: Apply to File follows the same ones as the agents' tools. */
    private readonly secrets: () => Readonly<SecretPolicy>,
    private readonly post: (message: HostToWebview) => void,
    /** Where Ollama is expected (the setting), for *Use Ollama*. */
    private readonly ollamaHost: () => string | undefined,
  ) {
    super();
    this._register(
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e) this.lastEditor = e;
        this.postActiveFile();
      }),
    );
  }

  /** Tells the pages which workspace file the active editor shows (the composer's file chip). */
  postActiveFile(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const inWorkspace = doc && doc.uri.scheme !== 'output' && vscode.workspace.getWorkspaceFolder(doc.uri);
    this.post({ type: 'activeFile', path: inWorkspace ? vscode.workspace.asRelativePath(doc.uri) : undefined });
  }

  openFile(path: string, line?: number): Promise<void> {
    return openWorkspaceFile(path, line);
  }

  /** Shows what the turn ending with `messageId` changed, file by file, before and now. */
  async reviewTurn(messageId: string): Promise<void> {
    await reviewChanges(await this.controller.turnChanges(messageId), this.proposed);
  }

  /** *Use Ollama* on the welcome: use it if it answers now, else say how to start it. */
  async useOllama(): Promise<void> {
    const host = this.ollamaHost() ?? 'http://127.0.0.1:11434';
    if (await ollamaAnswers(host)) {
      await vscode.workspace.getConfiguration('agentChat').update('provider', 'ollama', vscode.ConfigurationTarget.Global);
      return this.controller.refreshSetup();
    }
    const again = await vscode.window.showInformationMessage(vscode.l10n.t('Ollama is not running at {0}. Start it with "ollama serve" and pull a model (for example "ollama pull llama3.2").', host), vscode.l10n.t('Check Again'));
    if (again) await this.useOllama();
  }

  async copy(code: string): Promise<void> {
    await vscode.env.clipboard.writeText(code);
  }

  /** Shows the diff of a code block against the file its fence names, and replaces the file if the user agrees. */
  applyToFile(path: string, code: string): Promise<void> {
    return applyCodeToFile(path, code, this.secrets(), this.proposed);
  }

  /** Reopens the diff of a tool call's proposed change. */
  showDiff(toolCallId: string): Promise<void> {
    return this.proposed.reopen(toolCallId);
  }

  async renameConversation(id: string): Promise<void> {
    const title = await vscode.window.showInputBox({ title: vscode.l10n.t('Rename conversation'), prompt: vscode.l10n.t('New title'), ignoreFocusOut: true });
    if (title?.trim()) await this.controller.renameConversation(id, title);
  }

  async deleteConversation(id: string): Promise<void> {
    const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Delete this conversation? This cannot be undone.'), { modal: true }, vscode.l10n.t('Delete'));
    if (ok === vscode.l10n.t('Delete')) await this.controller.deleteConversation(id);
  }

  /** Inserts a code block at the cursor(s) of the editor the user was last in. */
  async insert(code: string): Promise<void> {
    const editor = vscode.window.visibleTextEditors.find((e) => e === this.lastEditor) ?? vscode.window.visibleTextEditors[0];
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a file to insert the code into.'));
      return;
    }
    await editor.edit((edit) => {
      for (const sel of editor.selections) edit.replace(sel, code);
    });
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  }
}

/** Opens http(s) links only, and only after the user clicked them in the chat. */
export async function openLink(href: string): Promise<void> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(href, true);
  } catch {
    return;
  }
  if (uri.scheme !== 'http' && uri.scheme !== 'https') return;
  await vscode.env.openExternal(uri);
}
