// Token counts read as the user's display language writes numbers: the page follows the `lang` the host writes
// into it, an export follows the language the host passes, and English stays the default.
import * as assert from 'node:assert/strict';
import type { ChatMessageRecord } from '../../../src/core/protocol/chat-message';
import { toMarkdown } from '../../../src/core/history/export-markdown';
import { tokens, usageLine, useNumberLocale } from '../../../src/core/protocol/usage-text';
import { chatHtml } from '../../../src/extension/webview-html';

const usage = { inputTokens: 1_234_567, outputTokens: 2_345, cacheReadTokens: 10_000 };

describe('numbers in the display language', () => {
  afterEach(() => useNumberLocale('en-US'));

  it('groups counts in English by default', () => {
    assert.equal(usageLine(usage, undefined, true), '1,244,567 in · 2,345 out · 10,000 read from cache · 1,234,567 uncached');
  });

  it('groups counts as the language named groups them', () => {
    assert.equal(usageLine(usage, undefined, true, undefined, 'de'), '1.244.567 in · 2.345 out · 10.000 read from cache · 1.234.567 uncached');
    assert.equal(tokens(2_345, false, 'de'), '2.345');
  });

  it('follows the language the page set when the caller names none', () => {
    useNumberLocale('de');
    assert.equal(tokens(1_234_567), '1.234.567');
    useNumberLocale('en-US');
    assert.equal(tokens(1_234_567), '1,234,567');
  });

  it('shortens counts as the language shortens them', () => {
    assert.deepEqual([12_345, 10_000, 1_250_000, 1_000_000].map((n) => tokens(n, true)), ['12.3K', '10K', '1.25M', '1M']);
    // German writes no short form for thousands, and a comma before the decimals of millions.
    assert.deepEqual([12_345, 1_250_000].map((n) => tokens(n, true, 'de')), ['12.345', '1,25\u00a0Mio.']);
    assert.equal(tokens(12_345, true, 'fr'), '12,3\u00a0k');
    assert.equal(usageLine({ inputTokens: 12_345, outputTokens: 5 }, undefined, false, undefined, 'fr'), '12,3\u00a0k in · 5 out');
  });

  it('keeps English grouping for something that is not a language tag, rather than failing', () => {
    useNumberLocale('not a tag!');
    assert.equal(tokens(2_345), '2,345');
  });

  it('groups an export\'s token line as the host\'s language does', () => {
    const answer = { id: 'a', role: 'assistant', author: 'backend', text: 'Done.', createdAt: 0, status: 'complete', meta: { turnUsage: usage } } as unknown as ChatMessageRecord;
    assert.match(toMarkdown('T', [answer], undefined, 'de'), /1\.244\.567 in · 2\.345 out/);
    assert.match(toMarkdown('T', [answer]), /1,244,567 in · 2,345 out/);
  });

  it('writes VS Code\'s display language into the page, and English for anything that is not a language tag', () => {
    const page = (language?: string) => chatHtml({ cspSource: 'x', asset: (...p) => p.join('/'), ...(language === undefined ? {} : { language }) });
    assert.match(page('pt-br'), /<html lang="pt-br">/);
    assert.match(page(), /<html lang="en">/);
    assert.match(page('"><script>alert(1)</script>'), /<html lang="en">/);
    assert.doesNotMatch(page('"><script>alert(1)</script>'), /alert/);
  });
});
