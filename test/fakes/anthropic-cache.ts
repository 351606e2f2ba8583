// Prompt caching as the Messages API bills it: the prompt is tools, then system, then messages, block
// by block; a block with `cache_control` is a breakpoint. A prefix up to a breakpoint that is at least
// the model's minimum length is written to the cache (cache_creation_input_tokens); a later request
// whose prefix up to a breakpoint (or up to 20 blocks before one) was written reads it
// (cache_read_input_tokens). What is neither is billed as input_tokens. Tokens are ~4 characters.
import { createHash } from 'node:crypto';
import { anthropicModels } from '../../src/core/models/table';

export interface CacheUsage {
  inputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** How far before a breakpoint the API looks for an earlier cache entry. */
const lookback = 20;

interface Flat {
  tokens: number[];
  hashes: string[];
  breakpoints: number[];
}

export function minCacheTokens(model: string): number {
  const base = model.replace(/-\d{8}$/, '');
  return anthropicModels[base]?.minCacheTokens ?? 1024;
}

/** Bills one request against the server's cache (`cache` holds the prefixes written so far) and updates it. */
export function billPrompt(body: Record<string, unknown>, totalTokens: number, cache: Set<string>): CacheUsage {
  const flat = flatten(body);
  const model = String(body['model']);
  const min = minCacheTokens(model);
  const cum: number[] = [];
  flat.tokens.forEach((t, i) => cum.push((cum[i - 1] ?? 0) + t));
  let read = 0;
  for (const bp of flat.breakpoints) {
    for (let j = bp; j >= Math.max(0, bp - lookback); j--) {
      if (cache.has(flat.hashes[j]!)) {
        read = Math.max(read, cum[j]!);
        break;
      }
    }
  }
  const eligible = flat.breakpoints.filter((bp) => cum[bp]! >= min);
  const last = eligible.at(-1);
  const write = last !== undefined && cum[last]! > read ? cum[last]! - read : 0;
  for (const bp of eligible) cache.add(flat.hashes[bp]!);
  const total = Math.max(totalTokens, cum.at(-1) ?? 0);
  return { inputTokens: Math.max(0, total - read - write), cacheReadTokens: read, cacheWriteTokens: write };
}

/** The prompt as a list of blocks in the API's order, each with its size and the hash of the prefix it ends. */
function flatten(body: Record<string, unknown>): Flat {
  const flat: Flat = { tokens: [], hashes: [], breakpoints: [] };
  let hash = createHash('sha256').update(String(body['model'])).digest('hex');
  const add = (kind: string, block: unknown) => {
    const { cache_control: marker, ...rest } = (typeof block === 'object' && block !== null ? block : { text: block }) as Record<string, unknown>;
    const text = JSON.stringify([kind, rest]);
    hash = createHash('sha256').update(hash).update(text).digest('hex');
    if (marker !== undefined) flat.breakpoints.push(flat.tokens.length);
    flat.tokens.push(Math.ceil(text.length / 4));
    flat.hashes.push(hash);
  };
  for (const tool of asArray(body['tools'])) add('tool', tool);
  const system = body['system'];
  if (typeof system === 'string') add('system', system);
  else for (const block of asArray(system)) add('system', block);
  for (const message of asArray(body['messages'])) {
    const { role, content } = message as { role?: unknown; content?: unknown };
    if (typeof content === 'string') add(String(role), content);
    else for (const block of asArray(content)) add(String(role), block);
  }
  return flat;
}

function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}
