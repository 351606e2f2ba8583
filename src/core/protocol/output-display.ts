// How much of a command's output the chat keeps and shows (its end); shared by the host and the page.

/** The chat keeps this many characters of a command's output (its end); the full output is one click away. */
export const DISPLAY_OUTPUT_CHARS = 200_000;
/**
 * While a command runs, each post carries at most this much of the output's end, and the page shows only this
 * much: about 160 lines to scroll back through in a box that shows 16. A command printing megabytes would
 * otherwise move all of it through the workbench to the page and lay out hundreds of kilobytes per frame.
 * Once it ends, the call's copy (DISPLAY_OUTPUT_CHARS) is shown.
 */
export const LIVE_OUTPUT_CHARS = 16_000;
/**
 * What a block that follows its end shows of output that replaces everything it showed (a flood, or a block built
 * while its command runs): about 40 lines, more than twice its box. The rest of the live end would be built, and
 * the part of it near the box laid out and painted, only to be replaced by the next post a tenth of a second later.
 * A reader who scrolled up gets the whole live end; a settled call shows its longer bounded end.
 */
export const FOLLOWING_OUTPUT_CHARS = 4_000;
export const OUTPUT_LEFT_OUT_NOTE = '… earlier output is not shown here (Open full output shows all of it) …\n';

/** The end of `text`, at most DISPLAY_OUTPUT_CHARS, with a note when the start was left out. */
export function boundForDisplay(text: string, max = DISPLAY_OUTPUT_CHARS): string {
  if (text.length <= max) return text;
  const body = text.startsWith(OUTPUT_LEFT_OUT_NOTE) ? text.slice(OUTPUT_LEFT_OUT_NOTE.length) : text;
  return OUTPUT_LEFT_OUT_NOTE + body.slice(-(max - OUTPUT_LEFT_OUT_NOTE.length));
}

