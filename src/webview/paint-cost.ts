// How much streamed text one paint takes, sized by time: the cost per character is learnt from the paints before,
// on this machine, for this kind of text. A burst (a fast stream behind a busy frame) is then shown over a few
// frames instead of in one long one. The cost counts the layout that makes the text visible as well as the DOM
// work: that layout, forced when the view follows the text to the bottom, was most of a long frame's time
// (35 of ~100 ms when a 32,000-character slice landed at once), and timing the DOM work alone sized slices
// several times too large.

/** Time one paint of streamed text aims at (its DOM work and the layout after it). */
const paintBudgetMs = 6;
const charsPerPaint = { min: 2_000, max: 32_000 };
let msPerKChar = 0.4;
/** Paints whose layout has not been timed yet. */
let pending = { chars: 0, ms: 0 };

/** Characters the next paint may add. */
export function paintChars(): number {
  return Math.min(charsPerPaint.max, Math.max(charsPerPaint.min, Math.floor((paintBudgetMs / msPerKChar) * 1000)));
}

/** A paint added `chars` characters in `ms` of DOM work; learnt from once its layout is timed (`laidOut`). */
export function painted(chars: number, ms: number): void {
  pending = { chars: pending.chars + chars, ms: pending.ms + ms };
}

/** The layout after the paints since the last call took `ms` (0: none was timed; it comes in the frame after). */
export function laidOut(ms: number): void {
  const { chars, ms: domMs } = pending;
  pending = { chars: 0, ms: 0 };
  if (chars >= 500) msPerKChar = 0.8 * msPerKChar + 0.2 * Math.max(0.01, (domMs + ms) / (chars / 1000));
}
