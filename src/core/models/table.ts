// What the vendors publish about their well-known models: context window, longest answer, prices.
// Prices are US dollars per million tokens, as listed on the vendors' pricing pages; see `pricesAsOf`.

/** Prices per million tokens. A price left out is unknown, never zero. */
export interface Prices {
  input: number;
  output: number;
  /** Prompt tokens read from the cache. */
  cacheRead?: number;
  /** Prompt tokens written to the cache (Anthropic's 5-minute cache). */
  cacheWrite?: number;
}

export interface ModelFacts {
  /** Tokens the model reads at most (prompt and answer together). */
  contextWindow?: number;
  /** Tokens one answer may have at most. */
  maxOutput?: number;
  prices?: Prices;
  /** Runs on the user's machine: nothing to pay. */
  local?: boolean;
  /** Anthropic: the shortest prefix the API caches. */
  minCacheTokens?: number;
}

/** When the prices below were last checked against the vendors' pricing pages. */
export const pricesAsOf = '2026-11-30';

const k = 1000;
const claude = (input: number, output: number, contextWindow: number, maxOutput: number, minCacheTokens: number): ModelFacts => ({
  contextWindow, maxOutput, minCacheTokens,
  // Anthropic bills a 5-minute cache write at 1.25× and a cache read at 0.1× the input price.
  prices: { input, output, cacheRead: round(input * 0.1), cacheWrite: round(input * 1.25) },
});
const gpt = (input: number, cacheRead: number, output: number, contextWindow: number, maxOutput: number): ModelFacts => ({
  contextWindow, maxOutput, prices: { input, output, cacheRead },
});
const local = (contextWindow: number): ModelFacts => ({ contextWindow, local: true });

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}

export const anthropicModels: Readonly<Record<string, ModelFacts>> = {
  'claude-opus-4-6': claude(5, 25, 200 * k, 128 * k, 4096),
  'claude-opus-4-5': claude(5, 25, 200 * k, 64 * k, 4096),
  'claude-opus-4-1': claude(15, 75, 200 * k, 32 * k, 1024),
  'claude-opus-4-0': claude(15, 75, 200 * k, 32 * k, 1024),
  'claude-opus-4': claude(15, 75, 200 * k, 32 * k, 1024),
  'claude-sonnet-4-6': claude(3, 15, 200 * k, 64 * k, 2048),
  'claude-sonnet-4-5': claude(3, 15, 200 * k, 64 * k, 1024),
  'claude-sonnet-4-0': claude(3, 15, 200 * k, 64 * k, 1024),
  'claude-sonnet-4': claude(3, 15, 200 * k, 64 * k, 1024),
  'claude-3-7-sonnet': claude(3, 15, 200 * k, 64 * k, 1024),
  'claude-haiku-4-5': claude(1, 5, 200 * k, 64 * k, 4096),
  'claude-3-5-haiku': claude(0.8, 4, 200 * k, 8192, 2048),
  'claude-3-haiku': claude(0.25, 1.25, 200 * k, 4096, 2048),
};

export const openaiModels: Readonly<Record<string, ModelFacts>> = {
  'gpt-5.1': gpt(1.25, 0.125, 10, 400 * k, 128 * k),
  'gpt-5': gpt(1.25, 0.125, 10, 400 * k, 128 * k),
  'gpt-5-mini': gpt(0.25, 0.025, 2, 400 * k, 128 * k),
  'gpt-5-nano': gpt(0.05, 0.005, 0.4, 400 * k, 128 * k),
  'gpt-4.1': gpt(2, 0.5, 8, 1_047_576, 32_768),
  'gpt-4.1-mini': gpt(0.4, 0.1, 1.6, 1_047_576, 32_768),
  'gpt-4.1-nano': gpt(0.1, 0.025, 0.4, 1_047_576, 32_768),
  'gpt-4o': gpt(2.5, 1.25, 10, 128 * k, 16_384),
  'gpt-4o-mini': gpt(0.15, 0.075, 0.6, 128 * k, 16_384),
  'o3': gpt(2, 0.5, 8, 200 * k, 100 * k),
  'o4-mini': gpt(1.1, 0.275, 4.4, 200 * k, 100 * k),
};

/** Windows the models were trained for; Ollama's own `num_ctx` may be set lower on the server. */
export const ollamaModels: Readonly<Record<string, ModelFacts>> = {
  'llama3.2': local(131_072),
  'llama3.1': local(131_072),
  'llama3': local(8192),
  'qwen2.5-coder': local(32_768),
  'qwen2.5': local(32_768),
  'qwen3': local(40_960),
  'mistral': local(32_768),
  'gemma3': local(131_072),
  'deepseek-r1': local(131_072),
  'phi4': local(16_384),
  'gpt-oss': local(131_072),
};
