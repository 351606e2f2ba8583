// Context the user attaches to a message (`#file`, `#selection`, `#problems`, `#terminal`, or the
// context menu): the page names an item, the host reads it and stores what was sent with the message.

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
  /** What was left out or why nothing was attached. */
  note?: string;
}

export const attachmentKinds: readonly AttachmentKind[] = ['file', 'selection', 'problems', 'terminal'];

/** Each kind as a person reads it (tooltips, screen readers, the Markdown export). */
export const attachmentKindNames: Readonly<Record<AttachmentKind, string>> = {
  file: 'File', selection: 'Selection', problems: 'Problems', terminal: 'Terminal output',
};

/** Most items one message carries. */
export const maxAttachments = 20;

/** The chip's text for an item the page holds. */
export function attachmentLabel(ref: AttachmentRef): string {
  switch (ref.kind) {
    case 'file':
      return ref.path ?? 'file';
    case 'selection':
      return ref.range ? `${ref.path ?? 'selection'}:${ref.range.startLine}-${ref.range.endLine}` : (ref.path ?? 'selection');
    case 'problems':
      return 'Problems';
    case 'terminal':
      return 'Terminal output';
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
