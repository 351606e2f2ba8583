// Context the user attaches to a message (`#file`, `#selection`, `#problems`, `#terminal`, or the
// context menu): the page names an item, the host reads it and stores what was sent with the message.
import { inEnglish, type Translate } from './translate';

export type AttachmentKind = 'file' | 'selection' | 'problems' | 'terminal';

/** Lines, 1-based and inclusive. */
export interface LineRange {
  startLine: number;
  endLine: number;
}

/** What the page sends: which item, never its content (the host reads that, under the tools' rules). */
export interface AttachmentRef {
  kind: AttachmentKind;
  /** Workspace-relative, for `file` and `selection`. */
  path?: string;
  /** For `selection`. */
  range?: LineRange;
}

/** What went to the model with the message, stored with it so the conversation replays exactly. */
export interface AttachmentRecord extends AttachmentRef {
  /** As the chat shows it: "src/app.ts", "src/app.ts:3-7", "Problems", "Terminal: npm test". */
  label: string;
  language?: string;
  /** The text sent (already capped); empty when the item could not be attached, and always in what the page receives. */
  content: string;
  /** What was left out or why nothing was attached, as the model reads it (English). */
  note?: string;
  /** The same note in the user's language, for the chat and the export (absent in older records: `note`). */
  shownNote?: string;
}

export const attachmentKinds: readonly AttachmentKind[] = ['file', 'selection', 'problems', 'terminal'];

/** Each kind as a person reads it (tooltips, screen readers, the Markdown export), in the user's language by `t`. */
export function attachmentKindName(kind: AttachmentKind, t: Translate = inEnglish): string {
  switch (kind) {
    case 'file':
      return t('File');
    case 'selection':
      return t('Selection');
    case 'problems':
      return t('Problems');
    case 'terminal':
      return t('Terminal output');
  }
}

/** Most items one message carries. */
export const maxAttachments = 20;

/** The chip's text for an item the page holds (a path as it is; the other kinds' names by `t`). */
export function attachmentLabel(ref: AttachmentRef, t: Translate = inEnglish): string {
  switch (ref.kind) {
    case 'file':
      return ref.path ?? t('file');
    case 'selection':
      return ref.range ? `${ref.path ?? t('selection')}:${ref.range.startLine}-${ref.range.endLine}` : (ref.path ?? t('selection'));
    case 'problems':
    case 'terminal':
      return attachmentKindName(ref.kind, t);
  }
}

/** Whether `value` is a well-formed reference (the page's message is input like any other). */
export function isAttachmentRef(value: unknown): value is AttachmentRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (!attachmentKinds.includes(v.kind as AttachmentKind)) return false;
  if (v.path !== undefined && (typeof v.path !== 'string' || v.path.length === 0 || v.path.length > 4096)) return false;
  if (v.range !== undefined && !isLineRange(v.range)) return false;
  if ((v.kind === 'file' || v.kind === 'selection') && v.path === undefined) return false;
  return v.kind !== 'selection' || v.range !== undefined;
}

export function isLineRange(value: unknown): value is LineRange {
  if (typeof value !== 'object' || value === null) return false;
  const { startLine, endLine } = value as Record<string, unknown>;
  const line = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 10_000_000;
  return line(startLine) && line(endLine) && startLine <= endLine;
}

/** Just the reference (drops anything else an object carries). */
export function toRef(value: AttachmentRef): AttachmentRef {
  return {
    kind: value.kind,
    ...(value.path !== undefined ? { path: value.path } : {}),
    ...(value.range ? { range: { startLine: value.range.startLine, endLine: value.range.endLine } } : {}),
  };
}
