// Streamed text is painted in slices sized by time, and that time includes the layout that makes the text
// visible: a machine where laying text out is slow gets smaller slices, so no frame takes the burst at once.
import * as assert from 'node:assert/strict';
import { laidOut, paintChars, painted } from '../../src/webview/paint-cost';

/** `rounds` paints of 10,000 characters, each with `domMs` of DOM work and `layoutMs` of layout after it. */
function teach(rounds: number, domMs: number, layoutMs: number): void {
  for (let i = 0; i < rounds; i++) {
    painted(10_000, domMs);
    laidOut(layoutMs);
  }
}

describe('paint slices of streamed text', () => {
  it('sizes a slice by the DOM work and the layout after it together', () => {
    teach(30, 2, 0);
    const domOnly = paintChars();
    teach(30, 2, 10);
    const withLayout = paintChars();
    // 0.2 ms per 1,000 characters alone: the largest slice; 1.2 with the layout: six times fewer characters.
    assert.ok(domOnly >= 29_500, `slice by the DOM work alone: ${domOnly} characters`);
    assert.ok(withLayout <= 5_100 && withLayout >= 4_900, `slice with the layout counted: ${withLayout} characters`);
  });

  it('learns from paints whose layout comes in a later frame by their DOM work alone', () => {
    teach(30, 2, 10);
    for (let i = 0; i < 30; i++) {
      painted(5_000, 1);
      painted(5_000, 1);
      laidOut(0);
    }
    assert.ok(paintChars() >= 29_500, `slice: ${paintChars()} characters`);
  });
});
