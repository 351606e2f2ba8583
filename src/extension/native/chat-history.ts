// VS Code's chat history (context.history) as our conversation: the team's earlier requests and answers
// in that chat. VS Code keeps that chat's transcript; nothing of it is written to ours.
import * as vscode from 'vscode';
import type { ChatMessage } from '../../core/providers/types';
import { historyFromTurns, type HistoryTurn } from './history-turns';

/** Turns with our participants only (another participant's answers are not the team's). */
export function historyMessages(history: vscode.ChatContext['history']): ChatMessage[] {
  const turns: HistoryTurn[] = [];
  for (const turn of history) {
    if (turn instanceof vscode.ChatRequestTurn) {
      turns.push({ participant: turn.participant, request: { prompt: turn.prompt, ...(turn.command ? { command: turn.command } : {}) } });
    } else if (turn instanceof vscode.ChatResponseTurn) {
      const answer = turn.response
        .filter((p) => p instanceof vscode.ChatResponseMarkdownPart)
        .map((p) => p.value.value)
        .join('');
      turns.push({ participant: turn.participant, answer });
    }
  }
  return historyFromTurns(turns);
}
