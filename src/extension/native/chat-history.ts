// VS Code's chat history (context.history) as our conversation: the team's earlier requests and answers
// in that chat. VS Code keeps that chat's transcript; nothing of it is written to ours.
import * as vscode from 'vscode';
import type { ChatMessage } from '../../core/providers/types';

/** Turns with our participants only (another participant's answers are not the team's). */
export function historyMessages(history: vscode.ChatContext['history']): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of history) {
    if (!turn.participant.startsWith('agentChat.')) continue;
    if (turn instanceof vscode.ChatRequestTurn) {
      out.push({ role: 'user', content: turn.command ? `/${turn.command} ${turn.prompt}` : turn.prompt });
    } else if (turn instanceof vscode.ChatResponseTurn) {
      const text = turn.response
        .filter((p) => p instanceof vscode.ChatResponseMarkdownPart)
        .map((p) => p.value.value)
        .join('');
      if (text.trim()) out.push({ role: 'assistant', content: text });
    }
  }
  return out;
}
