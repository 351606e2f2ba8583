// Turns an editor selection into an "explain this" request, with the context the model needs.
import * as vscode from 'vscode';

export interface SelectionRequest {
  agent: string;
  prompt: string;
}

const agentByLanguage: Record<string, string> = {
  html: 'frontend', css: 'frontend', scss: 'frontend', less: 'frontend', vue: 'frontend', svelte: 'frontend',
  javascriptreact: 'frontend', typescriptreact: 'frontend',
  dockerfile: 'devops', yaml: 'devops', shellscript: 'devops', makefile: 'devops', terraform: 'devops', powershell: 'devops',
};

export function explainSelectionRequest(editor: vscode.TextEditor, fallbackAgent: string): SelectionRequest | undefined {
  const selection = editor.selection;
  if (selection.isEmpty) return undefined;
  const doc = editor.document;
  const code = doc.getText(selection);
  const path = vscode.workspace.asRelativePath(doc.uri, true);
  const first = selection.start.line + 1;
  const last = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
  const fence = code.includes('```') ? '~~~~' : '```';
  const prompt = [
    `Explain this code from \`${path}\` (lines ${first}-${last}, ${doc.languageId}): what it does, how, and anything surprising or risky.`,
    '',
    `${fence}${doc.languageId}`,
    code,
    fence,
  ].join('\n');
  return { agent: agentByLanguage[doc.languageId] ?? (isTestFile(path) ? 'qa' : fallbackAgent), prompt };
}

function isTestFile(path: string): boolean {
  return /(\.|\/)(test|spec)s?(\.|\/)/i.test(path);
}
