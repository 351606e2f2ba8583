// Keeps the whole output of the last few commands (the chat keeps only its end) and opens it in an editor.
import * as vscode from 'vscode';
import { DisplayCleaner } from '../../core/chat/tool-output';

const KEPT_COMMANDS = 5;
/** Beyond this a command's output is not kept whole either; the editor then says how much was dropped. */
const MAX_KEPT_CHARS = 64 * 1024 * 1024;

interface Kept {
  chunks: string[];
  chars: number;
  dropped: number;
}

export class FullOutputs {
  private readonly kept = new Map<string, Kept>();

  add(toolCallId: string, chunk: string): void {
    let k = this.kept.get(toolCallId);
    if (!k) {
      k = { chunks: [], chars: 0, dropped: 0 };
      this.kept.set(toolCallId, k);
      for (const old of [...this.kept.keys()].slice(0, Math.max(0, this.kept.size - KEPT_COMMANDS))) this.kept.delete(old);
    }
    if (k.chars + chunk.length > MAX_KEPT_CHARS) k.dropped += chunk.length;
    else {
      k.chunks.push(chunk);
      k.chars += chunk.length;
    }
  }

  async open(toolCallId: string): Promise<void> {
    const k = this.kept.get(toolCallId);
    if (!k) {
      void vscode.window.showInformationMessage('The full output of this command is no longer kept (only the last few, until the window reloads). Its end is shown in the chat.');
      return;
    }
    const cleaner = new DisplayCleaner();
    const text = k.chunks.map((c) => cleaner.push(c)).join('') + cleaner.end();
    const note = k.dropped > 0 ? `\n… ${k.dropped.toLocaleString('en-US')} more characters were not kept …\n` : '';
    const doc = await vscode.workspace.openTextDocument({ content: text + note, language: 'log' });
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}
