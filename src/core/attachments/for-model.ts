// How attachments read in the model's copy of a user message: each in a fence with its path, range and
// language, and the note of what was left out, after the user's own text.
import type { AttachmentRecord } from '../protocol/attachments';

/** The user's text followed by its attachments; the text alone when there are none. */
export function withAttachments(text: string, attachments: readonly AttachmentRecord[] | undefined): string {
  if (!attachments?.length) return text;
  return [text, ...attachments.map(describe)].join('\n\n');
}

function describe(a: AttachmentRecord): string {
  const title = `Attached ${kindName(a)}: ${a.label}${a.language ? ` (${a.language})` : ''}`;
  const note = a.note ? `[${a.note}]` : '';
  if (a.content === '') return [title, note].filter(Boolean).join('\n');
  // A fence longer than any run of backticks inside, so the content cannot close it early.
  const longest = Math.max(2, ...(a.content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [title, `${fence}${a.language ?? ''}`, a.content, fence, note].filter(Boolean).join('\n');
}

function kindName(a: AttachmentRecord): string {
  switch (a.kind) {
    case 'file':
      return 'file';
    case 'selection':
      return 'selection';
    case 'problems':
      return 'problems';
    case 'terminal':
      return 'terminal output';
  }
}
