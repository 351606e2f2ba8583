// Looks up what is known of a model: the table, then the user's `agentChat.models` entry over it.
import { anthropicModels, ollamaModels, openaiModels, type ModelFacts, type Prices } from './table';

export type { ModelFacts, Prices } from './table';

/** One `agentChat.models` entry as the user wrote it (checked here, so any JSON is safe). */
export type ModelOverrides = Readonly<Record<string, unknown>>;

type Vendor = 'anthropic' | 'openai' | 'ollama' | (string & {});

const tables: Record<string, Readonly<Record<string, ModelFacts>>> = { anthropic: anthropicModels, openai: openaiModels, ollama: ollamaModels };

/**
 * The facts for `model` at `vendor`, or undefined when nothing is known. A dated id
 * ("claude-sonnet-4-5-20250929", "gpt-4o-2024-08-06") or an Ollama tag ("llama3.2:3b") finds its
 * model; any other suffix does not, so a variant is never priced as its base model.
 */
export function modelFacts(vendor: Vendor, model: string, overrides: ModelOverrides = {}): ModelFacts | undefined {
  const base = lookup(vendor, model);
  const own = parseOverride(overrides[model]);
  if (!own) return base;
  const facts: ModelFacts = { ...base, ...own };
  if (own.prices || base?.prices) facts.prices = mergePrices(base?.prices, own.prices);
  if (!facts.prices) delete facts.prices;
  return facts;
}

function lookup(vendor: Vendor, model: string): ModelFacts | undefined {
  const table = tables[vendor];
  if (!table) return undefined;
  if (vendor === 'ollama') {
    const name = model.replace(/:[^:/]*$/, '');
    return table[name] ?? { local: true };
  }
  if (table[model]) return table[model];
  const dated = /^(.*?)(?:-\d{8}|-\d{4}-\d{2}-\d{2}|-latest)$/.exec(model)?.[1];
  return dated ? table[dated] : undefined;
}

const isSize = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;
const isPrice = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** The valid fields of a user's entry; a field of the wrong type is ignored, never guessed. */
function parseOverride(raw: unknown): ModelFacts | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  const out: ModelFacts = {};
  if (isSize(o.contextWindow)) out.contextWindow = o.contextWindow;
  if (isSize(o.maxOutput)) out.maxOutput = o.maxOutput;
  if (o.prices && typeof o.prices === 'object') {
    const p = o.prices as Record<string, unknown>;
    const prices: Partial<Prices> = {};
    for (const key of ['input', 'output', 'cacheRead', 'cacheWrite'] as const) if (isPrice(p[key])) prices[key] = p[key];
    if (Object.keys(prices).length) out.prices = prices as Prices;
  }
  return out;
}

/** The user's prices over the table's; without both an input and an output price there is no price. */
function mergePrices(base: Prices | undefined, own: Partial<Prices> | undefined): Prices | undefined {
  const merged = { ...base, ...own };
  return isPrice(merged.input) && isPrice(merged.output) ? (merged as Prices) : undefined;
}
