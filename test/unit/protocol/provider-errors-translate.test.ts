// Provider errors and their hints are explained in the user's language: every message classify.ts, keys.ts and the
// retry policy make goes through the translator the provider was given (ProviderSettings.translate, vscode.l10n.t
// on the host). Each is made under a pseudo-translation and must keep no English word outside its data.
import * as assert from 'node:assert/strict';
import { endedEarly, httpFailure, transportFailure, type FailureContext } from '../../../src/core/providers/classify';
import type { ProviderError } from '../../../src/core/providers/errors';
import { missingKey } from '../../../src/core/providers/keys';
import { withPolicy } from '../../../src/core/providers/policy';
import { inEnglish } from '../../../src/core/protocol/translate';
import type { ProviderId, VendorId } from '../../../src/core/providers/types';
import { providerFor, request, withServer } from '../providers/harness';
import { englishLeft, pseudo } from './pseudo-translation';

/** Data, not words to translate: vendor names, the model, the endpoint, the vendor's own codes and explanation. */
const data = ['Anthropic', 'OpenAI', 'Ollama', 'VS Code', 'the-model', 'http://127.0.0.1:9', 'rate_limit_error', 'ECONNREFUSED', 'ECONNRESET', 'vendor words', 'ANTHROPIC_API_KEY', 'OPENAI_API_KEY'];

function englishIn(err: ProviderError): string[] {
  return [...englishLeft(err.message, data), ...englishLeft(err.hint ?? '', data)];
}

const context = (provider: VendorId): FailureContext => ({ provider, model: 'the-model', endpoint: 'http://127.0.0.1:9', secrets: [], t: pseudo });

function networkError(code: string): Error {
  return Object.assign(new Error('socket trouble'), { code });
}

/** Runs the retry policy over an attempt that goes silent, so it gives up with its timeout error. */
async function timeout(phase: 'first token' | 'idle'): Promise<ProviderError> {
  const silent = async function* (signal: AbortSignal) {
    if (phase === 'idle') yield { type: 'text' as const, text: '1' };
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    throw new Error('aborted');
  };
  const options = { provider: 'anthropic' as ProviderId, timeouts: { firstTokenMs: 20, idleMs: 20 }, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 }, t: pseudo };
  try {
    for await (const _ of withPolicy({ open: silent, classify: (err) => err as ProviderError }, options, new AbortController().signal)) {
      /* drain */
    }
  } catch (err) {
    return err as ProviderError;
  }
  return assert.fail('the policy did not time out');
}

describe('provider errors and hints go through the translator', () => {
  it('every HTTP failure, with and without the vendor saying why, in a stream or not', () => {
    const statuses = [401, 403, 429, 413, 404, 500, 529, 400];
    for (const provider of ['anthropic', 'openai', 'ollama'] as const) {
      for (const status of statuses) {
        for (const f of [{ status }, { status, message: 'vendor words' }, { status, code: 'rate_limit_error', inStream: true }, { status, inStream: true }]) {
          assert.deepEqual(englishIn(httpFailure(context(provider), f)), [], `${provider} ${JSON.stringify(f)}`);
        }
      }
    }
    assert.deepEqual(englishIn(httpFailure(context('openai'), { status: 429, headers: { 'retry-after': '3' } })), []);
  });

  it('network failures, unreadable answers and answers that end early', () => {
    for (const provider of ['anthropic', 'ollama'] as const) {
      const ctx = context(provider);
      assert.deepEqual(englishIn(transportFailure(ctx, networkError('ECONNREFUSED'), false)), [], provider);
      assert.deepEqual(englishIn(transportFailure(ctx, networkError('ECONNRESET'), false)), [], provider);
      assert.deepEqual(englishIn(transportFailure(ctx, networkError('ECONNRESET'), true)), [], provider);
      assert.deepEqual(englishIn(transportFailure(ctx, new SyntaxError('vendor words'), true)), [], provider);
      assert.deepEqual(englishIn(endedEarly(ctx)), [], provider);
    }
  });

  it('a missing key, and both timeouts of the retry policy', async () => {
    for (const provider of ['anthropic', 'openai', 'ollama'] as const) assert.deepEqual(englishIn(missingKey(provider, pseudo)), [], provider);
    assert.deepEqual(englishIn(await timeout('first token')), []);
    assert.deepEqual(englishIn(await timeout('idle')), []);
  });

  it('keeps the English exactly without a translator', () => {
    const ctx: FailureContext = { ...context('anthropic'), t: inEnglish };
    const refused = httpFailure(ctx, { status: 401, message: 'vendor words' });
    assert.equal(refused.message, 'Anthropic did not accept the API key (HTTP 401). Anthropic said: vendor words');
    assert.equal(httpFailure(ctx, { status: 529, code: 'overloaded_error', inStream: true }).message, 'Anthropic is overloaded or failed (overloaded_error in the middle of the answer).');
    assert.equal(transportFailure(ctx, networkError('ECONNRESET'), true).message, 'The connection to Anthropic was lost before the answer finished (ECONNRESET).');
    assert.equal(missingKey('anthropic').hint, 'Run "Agent Chat: Set API Key", or set the ANTHROPIC_API_KEY environment variable before starting VS Code.');
    assert.equal(missingKey('ollama').hint, 'Run "Agent Chat: Set API Key".');
  });

  describe('reaches a real provider through its settings', () => {
    const server = withServer('anthropic');
    it('a refused key, from the fake server through the SDK', async () => {
      server.server.enqueue({ fault: { kind: 'status', status: 401, message: 'vendor words' } });
      const provider = providerFor(server.server, { translate: pseudo, retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
      let caught: ProviderError | undefined;
      try {
        for await (const _ of provider.stream(request('anthropic'), new AbortController().signal)) {
          /* drain */
        }
      } catch (err) {
        caught = err as ProviderError;
      }
      assert.equal(caught?.kind, 'auth');
      assert.deepEqual(englishIn(caught!), []);
    });
  });
});
