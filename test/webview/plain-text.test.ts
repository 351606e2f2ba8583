// Plain words (an answer's first text, and many tails of prose) are shown without parsing and sanitising them:
// they must come out exactly as Markdown makes them, and anything Markdown would make more of still goes through it.
import * as assert from 'node:assert/strict';
import { call, useTestPage } from './page';

describe('webview Markdown: plain text', () => {
  const tp = useTestPage({ csp: true });

  it('plain words are shown exactly as Markdown renders them, without the sanitizer', async () => {
    const { page } = tp();
    for (const text of ['f0 ', 'Port 8080.', 'Sure, it is fine! Is it?', 'I\'m here; you\u2019re there', 'Größe 42', 'end  ']) {
      // The same text as a finished block (followed by another) is rendered by marked and the sanitizer: the reference.
      const reference = (await call(page, 'show', `${text}\n\nnext\n`)).split('</div>')[0];
      const parses = (await page.evaluate(`(() => {
        window.__parses = 0;
        const parse = DOMParser.prototype.parseFromString;
        DOMParser.prototype.parseFromString = function (...args) { window.__parses++; return parse.apply(this, args); };
        try { return { html: mdTest.show(${JSON.stringify(text)}), parses: window.__parses }; } finally { DOMParser.prototype.parseFromString = parse; }
      })()`)) as { html: string; parses: number };
      assert.equal(parses.html, `${reference}</div>`, JSON.stringify(text));
      assert.equal(parses.parses, 0, `${JSON.stringify(text)} went through the sanitizer`);
    }
  });

  it('text Markdown makes more of still goes through Markdown', async () => {
    const { page } = tp();
    assert.match(await call(page, 'show', '1. first'), /<ol>/);
    assert.match(await call(page, 'show', 'see www.example.com'), /<a href="http:\/\/www\.example\.com\/?">/);
    assert.match(await call(page, 'show', 'an *emphasis*'), /<em>emphasis<\/em>/);
    assert.match(await call(page, 'show', 'Title\n==='), /<h1>Title<\/h1>/);
  });
});
