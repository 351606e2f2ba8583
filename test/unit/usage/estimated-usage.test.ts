// Token counts that the client counted itself (provider `vscode`: VS Code's LM API reports no billed usage)
// stay marked as estimates through the turn's sum and read with "≈" wherever usage is shown.
import * as assert from 'node:assert/strict';
import { addUsage } from '../../../src/core/models/cost';
import { usageLine } from '../../../src/core/protocol/usage-text';

describe('estimated usage (provider vscode)', () => {
  it('a sum with an estimated round is an estimate', () => {
    const billed = { inputTokens: 100, outputTokens: 10 };
    const counted = { inputTokens: 50, outputTokens: 5, estimated: true };
    assert.deepEqual(addUsage(billed, counted), { inputTokens: 150, outputTokens: 15, estimated: true });
    assert.deepEqual(addUsage(billed, billed), { inputTokens: 200, outputTokens: 20 });
  });

  it('reads with ≈ on both counts, and without it when the vendor reported them', () => {
    assert.equal(usageLine({ inputTokens: 1234, outputTokens: 56, estimated: true }, undefined, true), '≈1,234 in · ≈56 out');
    assert.equal(usageLine({ inputTokens: 1234, outputTokens: 56 }, undefined, true), '1,234 in · 56 out');
  });
});
