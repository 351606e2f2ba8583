// The model table: lookups by exact and dated ids, the user's overrides over it, and costs that are never wrong.
import assert from 'node:assert/strict';
import { addUsage, costOf } from '../../../src/core/models/cost';
import { modelFacts } from '../../../src/core/models/facts';
import { pricesAsOf } from '../../../src/core/models/table';

describe('model facts', () => {
  it('finds well-known models by id and by dated id, with window, output limit and prices', () => {
    const sonnet = modelFacts('anthropic', 'claude-sonnet-4-5-20250929');
    assert.equal(sonnet?.contextWindow, 200_000);
    assert.deepEqual(sonnet?.prices, { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 });
    assert.deepEqual(modelFacts('openai', 'gpt-4o-2024-08-06')?.prices, { input: 2.5, output: 10, cacheRead: 1.25 });
    assert.equal(modelFacts('openai', 'gpt-4.1-mini')?.contextWindow, 1_047_576);
    assert.match(pricesAsOf, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('never prices a variant as its base model, nor a model of another vendor', () => {
    assert.equal(modelFacts('openai', 'gpt-4o-audio-preview'), undefined);
    assert.equal(modelFacts('anthropic', 'claude-sonnet-4-5-experimental'), undefined);
    assert.equal(modelFacts('anthropic', 'gpt-4o'), undefined);
    assert.equal(modelFacts('openai', 'my-finetune'), undefined);
  });

  it('treats every Ollama model as local (no price), with the window where it is known', () => {
    assert.deepEqual(modelFacts('ollama', 'llama3.2:3b'), { contextWindow: 131_072, local: true });
    assert.deepEqual(modelFacts('ollama', 'something-new:latest'), { local: true });
    assert.equal(costOf({ inputTokens: 1000, outputTokens: 10 }, modelFacts('ollama', 'llama3.2')), 0);
  });

  it('takes the user\'s entry over the table, field by field, and ignores values of the wrong type', () => {
    const overrides = {
      'gpt-4o': { contextWindow: 64_000, prices: { input: 2 } },
      'my-model': { contextWindow: 32_000, maxOutput: 4000, prices: { input: 1, output: 4 } },
      'half-priced': { prices: { input: 1 } },
      'broken': { contextWindow: 'big', prices: { input: -1, output: 'x' } },
    };
    assert.deepEqual(modelFacts('openai', 'gpt-4o', overrides), { contextWindow: 64_000, maxOutput: 16_384, prices: { input: 2, output: 10, cacheRead: 1.25 } });
    assert.deepEqual(modelFacts('openai', 'my-model', overrides), { contextWindow: 32_000, maxOutput: 4000, prices: { input: 1, output: 4 } });
    assert.deepEqual(modelFacts('openai', 'half-priced', overrides), {}, 'an input price alone is no price');
    assert.deepEqual(modelFacts('openai', 'broken', overrides), {});
  });

  it('prices input, output and cache tokens, and gives no cost when a needed price is unknown', () => {
    const sonnet = modelFacts('anthropic', 'claude-sonnet-4-6');
    const usage = { inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 2_000_000, cacheWriteTokens: 400_000 };
    assert.equal(costOf(usage, sonnet)?.toFixed(4), (3 + 1.5 + 0.6 + 1.5).toFixed(4));
    assert.equal(costOf(usage, undefined), undefined);
    assert.equal(costOf(usage, { prices: { input: 1, output: 1 } }), undefined, 'cache tokens without a cache price');
    assert.equal(costOf({ inputTokens: 10, outputTokens: 10 }, { prices: { input: 1, output: 1 } }), 0.00002);
  });

  it('sums usage over rounds, keeping cache fields only when there are some', () => {
    const sum = [{ inputTokens: 10, outputTokens: 2 }, { inputTokens: 5, outputTokens: 3, cacheReadTokens: 100 }].reduce(addUsage, undefined);
    assert.deepEqual(sum, { inputTokens: 15, outputTokens: 5, cacheReadTokens: 100 });
    assert.deepEqual(addUsage({ inputTokens: 1, outputTokens: 1 }, { inputTokens: 1, outputTokens: 1 }), { inputTokens: 2, outputTokens: 2 });
  });
});
