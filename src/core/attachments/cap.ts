// Caps an attached text (a file, a selection, a problem list) for the model: whole lines from the start
// within a character budget, overlong lines cut, and a note of what was left out.
import { clip, splitLines } from '../tools/text';

export interface TextCap {
  maxChars: number;
  maxLineChars: number;
}

export interface CappedText {
  content: string;
  /** Set when something was left out. */
  note?: string;
}

/** `firstLine` is the number of `text`'s first line in its file, so the note can say where to go on. */
export function capText(text: string, cap: TextCap, firstLine = 1): CappedText {
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
  if (kept.length < lines.length) {
    const last = firstLine + kept.length - 1;
    notes.push(`only lines ${firstLine}-${last} of ${firstLine}-${firstLine + lines.length - 1} attached (${cap.maxChars.toLocaleString('en-US')}-character limit); read_file can read the rest`);
  }
  if (cutLines > 0) notes.push(`${cutLines} overlong line${cutLines === 1 ? '' : 's'} cut`);
  return { content: kept.join('\n'), ...(notes.length ? { note: notes.join('; ') } : {}) };
}
