// The conversation as one agent sees it, rebuilt from the stored messages before every request.
import { withAttachments } from '../attachments/for-model';
import type { ChatMessage, ToolCall } from '../providers/types';
import type { ChatMessageRecord, ToolCallView } from '../protocol/chat-message';
import { capForModel } from './tool-result-cap';
import { firstLine } from '../util/log-line';

/**
 * Oldest first. The agent's own answers are assistant turns (with their tool calls and results);
 * other agents' answers reach it as attributed user-side text, so it never mistakes a colleague's
 * words for its own. A request ends on an assistant turn only to resume an answer the provider paused.
 * Reasoning blocks go back only within the turn still running (its tool loop), as the APIs require;
 * earlier turns' reasoning is not needed and would only cost tokens.
 */
export function modelContext(all: readonly ChatMessageRecord[], agent: string): ChatMessage[] {
  const out: ChatMessage[] = [];
  const last = all.at(-1);
  const runningTurn = last?.role === 'assistant' ? last.turnId : undefined;
  // The latest summary stands in for everything before it (the user still sees it all).
  const cut = all.map((m) => m.compaction !== undefined).lastIndexOf(true);
  const summary = cut >= 0 ? all[cut]!.compaction : undefined;
  if (summary) out.push({ role: 'user', content: `[Summary of the earlier conversation, which was condensed to fit the model's context]\n\n${summary.summary}` });
  const messages = all.slice(cut + 1).filter((m) => !m.compaction);
  for (const m of messages) {
    if (m.role === 'user') {
      out.push({ role: 'user', content: userTurn(m) });
      continue;
    }
    if (m.status === 'streaming') continue;
    const calls = (m.toolCalls ?? []).filter((c) => c.result !== undefined);
    if (m.author === agent) {
      const reasoning = runningTurn !== undefined && m.turnId === runningTurn ? m.reasoning : undefined;
      if (!m.text && !calls.length && !reasoning?.length) continue;
      out.push({
        role: 'assistant',
        content: m.text,
        ...(calls.length ? { toolCalls: calls.map(toToolCall) } : {}),
        ...(reasoning?.length ? { reasoning } : {}),
      });
      for (const c of calls) out.push({ role: 'tool', toolCallId: c.id, toolName: c.name, content: capForModel(c.result ?? ''), isError: c.status !== 'done' });
    } else {
      // From what the tool told the model (English), not the row's summary, which is in the user's language.
      const actions = calls.map((c) => `- ${c.name}: ${firstLine(c.result ?? '', 200)} (${c.status})`).join('\n');
      const body = [m.text, actions && `(tools used)\n${actions}`].filter(Boolean).join('\n\n');
      if (body) out.push({ role: 'user', content: `@${m.author} answered:\n\n${body}` });
    }
  }
  return out;
}

/**
 * A question as the model reads it: the text, its attachments (each through the same cap as tool results)
 * and the file the user had open when asking. The file rides with the question it was asked with, so
 * earlier turns, and with them the cached prefix, stay as they were when the user switches files.
 */
function userTurn(m: ChatMessageRecord): string {
  const attachments = m.attachments?.map((a) => ({ ...a, content: capForModel(a.content) }));
  const text = withAttachments(m.text, attachments);
  return m.activeFile ? `${text}\n\n[The user has ${m.activeFile.path} (${m.activeFile.language}) open in the editor.]` : text;
}

function toToolCall(view: ToolCallView): ToolCall {
  let args: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(view.argumentsText || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) args = parsed as Record<string, unknown>;
  } catch {
    // Arguments that never parsed were reported to the model as a tool error; send them empty.
  }
  return { id: view.id, name: view.name, arguments: args };
}

/**
 * Keeps the newest messages that fit `budgetChars` (a cheap stand-in for tokens: ~4 characters
 * each), never splitting a tool call from its result, and says where it cut.
 */
export function trimToBudget(context: ChatMessage[], budgetChars: number): ChatMessage[] {
  let used = 0;
  let start = context.length;
  while (start > 0) {
    const m = context[start - 1]!;
    const size = m.content.length + (m.role === 'assistant' ? JSON.stringify(m.toolCalls ?? []).length + JSON.stringify(m.reasoning ?? []).length : 0);
    if (used + size > budgetChars && start < context.length) break;
    used += size;
    start--;
  }
  // A tool result must follow its call, and the first message must be the user's.
  while (start < context.length && context[start]!.role !== 'user') start++;
  if (start === 0) return context;
  return [{ role: 'user', content: `[${start} earlier messages were left out to fit the model's context.]` }, ...context.slice(start)];
}
