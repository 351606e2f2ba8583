// Opens the whole output of one of the last few commands in an editor (the chat keeps only its end).
import * as vscode from 'vscode';
import { KeptOutputs } from '../../core/commands/kept-output';
import { DisplayCleaner } from '../../core/chat/tool-output';

export class FullOutputs {
  private readonly kept = new KeptOutputs();

  add(toolCallId: string, chunk: string): void {
    this.kept.add(toolCallId, chunk);
  }

  async open(toolCallId: string): Promise<void> {
    const k = this.kept.get(toolCallId);
    if (!k) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The full output of this command is no longer kept (only the last few, until the window reloads). Its end is shown in the chat.'));
      return;
    }
    const cleaner = new DisplayCleaner();
    const text = k.chunks.map((c) => cleaner.push(c)).join('') + cleaner.end();
    const note = k.dropped > 0 ? `\n${vscode.l10n.t('… {0} more characters were not kept …', k.dropped.toLocaleString(vscode.env.language))}\n` : '';
    const doc = await vscode.workspace.openTextDocument({ content: text + note, language: 'log' });
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}
