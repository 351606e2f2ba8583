// What a participant's agent is asked: the user's words, shaped by the slash command, with the editor's
// selection and the files the user attached.
import * as vscode from 'vscode';

const commandIntro: Record<string, string> = {
  explain: 'Explain this code: what it does, how, and anything surprising or risky.',
  review: 'Review this code for bugs, risks, missing cases and clarity. List findings by severity, with file and line.',
  tests: 'Write or improve tests for this code, following the project\'s existing test style. Cover edge cases.',
};

export function participantPrompt(request: vscode.ChatRequest, text: string): string {
  const parts: string[] = [];
  const intro = request.command ? commandIntro[request.command] : undefined;
  if (intro) parts.push(intro);
  if (text.trim()) parts.push(text.trim());
  const selection = request.command ? selectedCode() : undefined;
  if (selection) parts.push(selection);
  const attached = request.references.map(referenceText).filter((r): r is string => Boolean(r));
  if (attached.length) parts.push(`Attached: ${attached.join(', ')}`);
  return parts.join('\n\n');
}

function selectedCode(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  const doc = editor.document;
  const code = doc.getText(editor.selection);
  const fence = code.includes('```') ? '~~~~' : '```';
  const where = `\`${vscode.workspace.asRelativePath(doc.uri)}\` (lines ${editor.selection.start.line + 1}-${editor.selection.end.line + 1}, ${doc.languageId})`;
  return `The selected code, from ${where}:\n${fence}${doc.languageId}\n${code}\n${fence}`;
}

function referenceText(ref: vscode.ChatPromptReference): string | undefined {
  const value = ref.value;
  if (value instanceof vscode.Uri) return vscode.workspace.asRelativePath(value);
  if (value instanceof vscode.Location) return `${vscode.workspace.asRelativePath(value.uri)} (lines ${value.range.start.line + 1}-${value.range.end.line + 1})`;
  return typeof value === 'string' ? value : undefined;
}
