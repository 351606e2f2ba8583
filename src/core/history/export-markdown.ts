// A conversation as a Markdown document a person can read, share or keep.
import type { AttachmentKind, AttachmentRecord } from '../protocol/attachments';
import type { ChatMessageRecord, MessageStatus, ToolCallStatus, ToolCallView } from '../protocol/chat-message';
import { inEnglish, type Translate } from '../protocol/translate';
import { usageLine } from '../protocol/usage-text';

const maxToolText = 200;

/**
 * The export's own words are in the user's language by `t` (the host passes vscode.l10n.t) and its counts grouped as
 * `locale` groups them; what was said stays as it was.
 */
export function toMarkdown(title: string, messages: readonly ChatMessageRecord[], t: Translate = inEnglish, locale = 'en-US'): string {
  const count = messages.length === 1 ? t('1 message, exported from Agent Chat.') : t('{0} messages, exported from Agent Chat.', messages.length);
  const out = [`# ${oneLine(title) || t('Untitled chat')}`, '', `_${count}_`];
  for (const m of messages) {
    if (m.compaction) {
      out.push('', `> **${t('Summary for the model')}** ${t('(stands in for the {0} messages above):', m.compaction.messages)} ${oneLine(m.compaction.summary)}`);
      continue;
    }
    const who = m.role === 'user' ? t('You') : `@${m.author}`;
    const status = m.status === 'complete' ? '' : ` (${messageStatusWord(m.status, t)})`;
    out.push('', `## ${who} · ${time(m.createdAt)}${status}`, '');
    if (m.text) out.push(m.text);
    for (const item of m.role === 'user' ? (m.attachments ?? []) : []) out.push('', ...attachmentLines(item, t));
    for (const call of m.toolCalls ?? []) out.push('', toolLine(call, t));
    if (m.error) out.push('', `> **${t('Error:')}** ${oneLine(m.error.message)}${m.error.hint ? ` ${oneLine(m.error.hint)}` : ''}`);
    const turn = m.meta?.turnUsage;
    if (turn) out.push('', `_${t('Tokens: {0}', usageLine(turn, m.meta?.cost, true, t, locale))}_`);
  }
  return `${out.join('\n')}\n`;
}

function toolLine(call: ToolCallView, t: Translate): string {
  const status = toolStatusWord(call.status, t);
  if (call.summary) return `- ${t('Tool {0} ({1}): {2}', code(call.name), status, oneLine(call.summary))}`;
  const result = call.result === undefined ? '' : ` → ${code(clip(call.result))}`;
  return `- ${t('Tool {0} ({1}): {2}', code(call.name), status, code(clip(call.argumentsText)))}${result}`;
}

/** A message's state after its heading; one word each, translated as a whole (the English is the stored word). */
function messageStatusWord(status: MessageStatus, t: Translate): string {
  const words: Record<MessageStatus, () => string> = {
    streaming: () => t('streaming'),
    complete: () => t('complete'),
    interrupted: () => t('interrupted'),
    error: () => t('error'),
  };
  return words[status]();
}

/** A tool call's state in its line; the English is the stored word, so an English export reads as before. */
function toolStatusWord(status: ToolCallStatus, t: Translate): string {
  const words: Record<ToolCallStatus, () => string> = {
    streaming: () => t('streaming'),
    pending: () => t('pending'),
    awaitingApproval: () => t('awaiting approval'),
    running: () => t('running'),
    done: () => t('done'),
    error: () => t('error'),
    rejected: () => t('rejected'),
    cancelled: () => t('cancelled'),
  };
  return words[status]();
}

/** "Attached file:" and the others: whole phrases, as a language may not make them from the kind's name. */
function attachedHeading(kind: AttachmentKind, t: Translate): string {
  switch (kind) {
    case 'file':
      return t('Attached file:');
    case 'selection':
      return t('Attached selection:');
    case 'problems':
      return t('Attached problems:');
    case 'terminal':
      return t('Attached terminal output:');
  }
}

/** An attached item: its kind and label, then what was sent, fenced so nothing in it can end the block early. */
function attachmentLines(item: AttachmentRecord, t: Translate): string[] {
  const shownNote = item.shownNote ?? item.note;
  const note = shownNote ? ` (${oneLine(shownNote)})` : '';
  const head = `**${attachedHeading(item.kind, t)}** ${code(oneLine(item.label))}${note}`;
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
