// The second way to shrink a conversation: a model writes a summary that stands in for the older turns.
import { complete } from '../providers/complete';
import type { ChatMessage, ChatProvider } from '../providers/types';
import { charsPerToken } from './compaction';
import type { Translate } from '../protocol/translate';

const instructions = [
  'You condense a conversation between a user and coding agents so the agents can go on without the full transcript.',
  'Write a summary that keeps: the user\'s goals and constraints, decisions made, files read or changed (with paths) and what was learned from them,',
  'commands run and their outcomes, open questions and the next steps. Keep exact names, paths, numbers and error messages.',
  'Leave out pleasantries and anything no longer relevant. Answer with the summary only.',
].join(' ');

/** The model answered with nothing: told apart so the user's note can say so in their language. */
export class EmptySummaryError extends Error {
  constructor() {
    super('the model returned an empty summary');
  }
}

/** Longest a tool result may be inside the text handed to the summarizer. */
const maxToolChars = 2000;

/**
 * Asks `model` for a summary of `context`. The transcript handed over is cut from the front to fit
 * the model's `windowTokens` (with room for the summary); throws when the call fails or the answer is
 * empty (the caller falls back to trimming).
 */
export async function summarize(provider: ChatProvider, model: string, context: readonly ChatMessage[], windowTokens: number, signal: AbortSignal, t?: Translate): Promise<string> {
  const summaryTokens = Math.min(2048, Math.floor(windowTokens / 4));
  const budget = Math.max(2000, Math.floor(windowTokens * 0.9 - summaryTokens) * charsPerToken - instructions.length);
  let text = context.map(asText).join('\n\n');
  if (text.length > budget) text = `[…the start is left out…]\n${text.slice(text.length - budget)}`;
  const answer = await complete(
    provider,
    {
      model,
      system: instructions,
      messages: [{ role: 'user', content: `<conversation>\n${text}\n</conversation>\n\nWrite the summary now.` }],
      maxTokens: summaryTokens,
    },
    signal,
    t,
  );
  const summary = answer.text.trim();
  if (!summary) throw new EmptySummaryError();
  return summary;
}

function asText(m: ChatMessage): string {
  if (m.role === 'user') return `USER: ${m.content}`;
  if (m.role === 'tool') {
    const body = m.content.length > maxToolChars ? `${m.content.slice(0, maxToolChars)}…` : m.content;
    return `TOOL RESULT (${m.toolName}${m.isError ? ', failed' : ''}): ${body}`;
  }
  const calls = (m.toolCalls ?? []).map((c) => `\nCALLS ${c.name} ${JSON.stringify(c.arguments)}`).join('');
  return `AGENT: ${m.content}${calls}`;
}
