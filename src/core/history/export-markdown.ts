// A conversation as a Markdown document a person can read, share or keep.
import { attachmentKindNames, type AttachmentRecord } from '../protocol/attachments';
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
    for (const item of m.role === 'user' ? (m.attachments ?? []) : []) out.push('', ...attachmentLines(item));
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

/** An attached item: its kind and label, then what was sent, fenced so nothing in it can end the block early. */
function attachmentLines(item: AttachmentRecord): string[] {
  const note = item.note ? ` (${oneLine(item.note)})` : '';
  const head = `**Attached ${attachmentKindNames[item.kind].toLowerCase()}:** ${code(oneLine(item.label))}${note}`;
  if (!item.content) return [head];
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(item.content) + 1));
  return [head, '', `${fence}${(item.language ?? '').replace(/[^\w+#.-]/g, '')}`, item.content.replace(/\n$/, ''), fence];
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
  const longest = longestBacktickRun(s);
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${s} ${fence}` : `${fence}${s}${fence}`;
}

/** A loop, not a spread: an attachment may hold more backtick runs than a call takes arguments. */
function longestBacktickRun(s: string): number {
  let longest = 0;
  for (const run of s.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  return longest;
}
