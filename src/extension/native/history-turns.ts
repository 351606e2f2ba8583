// The earlier turns of VS Code's chat, reduced to what the team needs (who, what was asked, what was answered),
// and turned into our conversation. No VS Code API here, so the rules are tested on plain Node.
import type { ChatMessage } from '../../core/providers/types';

/** One turn of VS Code's chat history: a request (with its slash command) or an answer's markdown. */
export type HistoryTurn =
  | { participant: string; request: { prompt: string; command?: string } }
  | { participant: string; answer: string };

/** Turns with our participants only (another participant's answers are not the team's); empty answers left out. */
export function historyFromTurns(turns: readonly HistoryTurn[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const turn of turns) {
    if (!turn.participant.startsWith('agentChat.')) continue;
    if ('request' in turn) {
      const { prompt, command } = turn.request;
      out.push({ role: 'user', content: command ? `/${command} ${prompt}` : prompt });
    } else if (turn.answer.trim()) {
      out.push({ role: 'assistant', content: turn.answer });
    }
  }
  return out;
}
