// A conversation as a Markdown document a person can read, share or keep.
import type { ChatMessageRecord, ToolCallView } from '../protocol/chat-message';
import { usageLine } from '../protocol/usage-text';

const maxToolText = 200;

export function toMarkdown(title: string, messages: readonly ChatMessageRecord[]): string {
  const out = [`# ${oneLine(title) || 'Untitled chat'}`, '', `_${messages.length} message${messages.length === 1 ? '' : 's'}, exported from Agent Chat._`];
  for (const m of messages) {
    if (m.compaction) {
      out.push('', `> **Summary for the model** (stands in for the ${m.compaction.messages} messages above): ${oneLine(m.compaction.summary)}`);
      continue;
    }
    const who = m.role === 'user' ? 'You' : `@${m.author}`;
    const status = m.status === 'complete' ? '' : ` (${m.status})`;
    out.push('', `## ${who} · ${time(m.createdAt)}${status}`, '');
    if (m.text) out.push(m.text);
    for (const call of m.toolCalls ?? []) out.push('', toolLine(call));
    if (m.error) out.push('', `> **Error:** ${oneLine(m.error.message)}${m.error.hint ? ` ${oneLine(m.error.hint)}` : ''}`);
    const turn = m.meta?.turnUsage;
    if (turn) out.push('', `_Tokens: ${usageLine(turn, m.meta?.cost, true)}_`);
  }
  return `${out.join('\n')}\n`;
}

function toolLine(call: ToolCallView): string {
  if (call.summary) return `- Tool ${code(call.name)} (${call.status}): ${oneLine(call.summary)}`;
  const result = call.result === undefined ? '' : ` → ${code(clip(call.result))}`;
  return `- Tool ${code(call.name)} (${call.status}): ${code(clip(call.argumentsText))}${result}`;
}

/** UTC, so an export reads the same wherever it is opened. */
function time(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function clip(s: string): string {
  const t = oneLine(s);
  return t.length > maxToolText ? `${t.slice(0, maxToolText - 1)}…` : t;
}

/** An inline code span that survives backticks inside it. */
function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}
