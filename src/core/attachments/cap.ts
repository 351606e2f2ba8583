// Caps an attached text (a file, a selection, a problem list) for the model: whole lines from the start
// within a character budget, overlong lines cut, and a note of what was left out.
import { inEnglish, type Translate } from '../protocol/translate';
import { clip, splitLines } from '../tools/text';
import { tokens } from '../protocol/usage-text';

export interface TextCap {
  maxChars: number;
  maxLineChars: number;
}

export interface CappedText {
  content: string;
  /** Set when something was left out: for the model, in English, with where to read on. */
  note?: string;
  /** The same for the user, in their language (set with `note`). */
  shownNote?: string;
}

/** The user's language for the notes (vscode.l10n.t and the display language on the host). */
export interface NoteLanguage {
  t: Translate;
  locale?: string;
}

/** `firstLine` is the number of `text`'s first line in its file, so the note can say where to go on. */
export function capText(text: string, cap: TextCap, firstLine = 1, shown: NoteLanguage = { t: inEnglish }): CappedText {
  const lines = splitLines(text);
  const kept: string[] = [];
  let used = 0;
  let cutLines = 0;
  for (const line of lines) {
    const shown = clip(line, cap.maxLineChars);
    if (used + shown.length + 1 > cap.maxChars && kept.length > 0) break;
    // A first line that alone is over budget is cut to the budget rather than dropped.
    const fitted = shown.length > cap.maxChars ? `${shown.slice(0, cap.maxChars - 1)}…` : shown;
    if (fitted !== line) cutLines++;
    kept.push(fitted);
    used += fitted.length + 1;
  }
  const notes: string[] = [];
  const shownNotes: string[] = [];
  const { t } = shown;
  if (kept.length < lines.length) {
    const last = firstLine + kept.length - 1;
    const end = firstLine + lines.length - 1;
    notes.push(`only lines ${firstLine}-${last} of ${firstLine}-${end} attached (${cap.maxChars.toLocaleString('en-US')}-character limit); read_file can read the rest`);
    shownNotes.push(t('only lines {0}-{1} of {2}-{3} attached (limit: {4} characters)', firstLine, last, firstLine, end, tokens(cap.maxChars, false, shown.locale ?? 'en-US')));
  }
  if (cutLines > 0) {
    notes.push(`${cutLines} overlong line${cutLines === 1 ? '' : 's'} cut`);
    shownNotes.push(cutLines === 1 ? t('1 overlong line cut') : t('{0} overlong lines cut', cutLines));
  }
  return { content: kept.join('\n'), ...(notes.length ? { note: notes.join('; '), shownNote: shownNotes.join('; ') } : {}) };
}
