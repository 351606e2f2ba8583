// What the webview asks of the editor: clipboard, inserting code, opening links, running commands.
// The webview cannot do any of this itself (it has no network and no editor access), by design.
import * as vscode from 'vscode';
import type { ChatController } from '../core/chat/controller';
import type { WebviewToHost } from '../core/protocol/messages';
import { applyCodeToFile } from './apply-code';
import type { ProposedContent } from './diff-preview';

const commandIds = {
  selectModel: 'agentChat.selectModel',
  setApiKey: 'agentChat.setApiKey',
  showConversations: 'agentChat.showConversations',
  exportChat: 'agentChat.exportChat',
} as const;

export class WebviewActions implements vscode.Disposable {
  /** Focus is in the chat when a button there is clicked, so remember the editor the user was in. */
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly sub = vscode.window.onDidChangeActiveTextEditor((e) => {
    if (e) this.lastEditor = e;
  });

  constructor(
    private readonly controller: ChatController,
    private readonly proposed: ProposedContent,
  ) {}

  /** Returns true when the message was one of ours. */
  async handle(msg: WebviewToHost): Promise<boolean> {
    switch (msg.type) {
      case 'copyCode':
        await vscode.env.clipboard.writeText(msg.code);
        return true;
      case 'insertCode':
        await this.insert(msg.code);
        return true;
      case 'openLink':
        await openLink(msg.href);
        return true;
      case 'command':
        await vscode.commands.executeCommand(commandIds[msg.command]);
        return true;
      case 'ready':
      case 'runHandOff':
      case 'dismissHandOff':
      case 'send':
      case 'stop':
      case 'retry':
      case 'continue':
      case 'loadOlder':
      case 'newChat':
      case 'painted':
      case 'listConversations':
      case 'switchConversation':
      case 'approveTool':
      case 'undoTurn':
        return false; // The conversation's business: the controller handles these.
      case 'showDiff':
        await this.proposed.reopen(msg.toolCallId);
        return true;
      case 'applyCode':
        await applyCodeToFile(msg.path, msg.code, this.proposed);
        return true;
      case 'renameConversation': {
        const title = await vscode.window.showInputBox({ title: 'Rename conversation', prompt: 'New title', ignoreFocusOut: true });
        if (title?.trim()) await this.controller.renameConversation(msg.id, title);
        return true;
      }
      case 'deleteConversation': {
        const ok = await vscode.window.showWarningMessage('Delete this conversation? This cannot be undone.', { modal: true }, 'Delete');
        if (ok === 'Delete') await this.controller.deleteConversation(msg.id);
        return true;
      }
      case 'exportConversation':
        await vscode.commands.executeCommand('agentChat.exportChat', msg.id);
        return true;
    }
  }

  private async insert(code: string): Promise<void> {
    const editor = vscode.window.visibleTextEditors.find((e) => e === this.lastEditor) ?? vscode.window.visibleTextEditors[0];
    if (!editor) {
      void vscode.window.showInformationMessage('Open a file to insert the code into.');
      return;
    }
    await editor.edit((edit) => {
      for (const sel of editor.selections) edit.replace(sel, code);
    });
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  }

  dispose(): void {
    this.sub.dispose();
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
