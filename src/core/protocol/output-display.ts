// How much of a command's output the chat keeps and shows (its end); shared by the host and the page.

/** The chat keeps this many characters of a command's output (its end); the full output is one click away. */
export const DISPLAY_OUTPUT_CHARS = 200_000;
export const OUTPUT_LEFT_OUT_NOTE = '… earlier output is not shown here (Open full output shows all of it) …\n';

/** The end of `text`, at most DISPLAY_OUTPUT_CHARS, with a note when the start was left out. */
export function boundForDisplay(text: string, max = DISPLAY_OUTPUT_CHARS): string {
  if (text.length <= max) return text;
  const body = text.startsWith(OUTPUT_LEFT_OUT_NOTE) ? text.slice(OUTPUT_LEFT_OUT_NOTE.length) : text;
  return OUTPUT_LEFT_OUT_NOTE + body.slice(-(max - OUTPUT_LEFT_OUT_NOTE.length));
}

