// Streaming: an answer fed in small appends must end up exactly as if rendered at once, finished blocks
// must keep their DOM nodes, and the DOM work of a paint must not grow with the answer (its time is the
// benchmark's to measure).
import * as assert from 'node:assert/strict';
import type { PaintWork } from './fixtures/page-api';
import { call, useTestPage } from './page';
import { sampleAnswer } from './sample-answer';

describe('webview Markdown: streaming', () => {
  const tp = useTestPage({ csp: true });

  it('a burst of text is shown over several paints, and the answer says complete only once all of it is', async () => {
    const { page } = tp();
    const paragraph = (i: number) => `Paragraph ${i}: ${'lorem ipsum dolor sit amet '.repeat(20)}`;
    const text = Array.from({ length: 100 }, (_, i) => paragraph(i)).join('\n\n'); // ~55,000 characters
    const r = await call(page, 'settle', text);
    const paints = r.shownChars.length;
    // How much one paint takes is learnt from its cost (a time budget), never more than 32,000 characters.
    assert.ok(paints >= Math.ceil(text.length / 32_000), `${text.length} characters in ${paints} paints of at most 32,000`);
    assert.ok(r.shownChars.every((n, i) => n - (r.shownChars[i - 1] ?? 0) <= 32_000), `no paint added more than 32,000 characters: ${r.shownChars.join(', ')}`);
    assert.ok(r.shownChars.every((n, i) => i === 0 || n > r.shownChars[i - 1]!), `each paint showed more: ${r.shownChars.join(', ')}`);
    assert.deepEqual(r.statuses, [...Array<string>(paints).fill('streaming'), 'complete']);
    assert.equal(r.text.replace(/\s+/g, ' ').trim(), text.replace(/\s+/g, ' ').trim());
  });

  it('1,000 appends end in the same DOM as one render, without re-creating finished blocks', async () => {
    const { page } = tp();
    const text = sampleAnswer(12_000);
    const { ids, html } = await call(page, 'stream', text, 1000);
    assert.ok(ids.length >= 1000, `painted ${ids.length} times`);
    assert.equal(html, await call(page, 'show', text));
    let recreated = 0;
    for (let i = 1; i < ids.length; i++) {
      // All but the last element are finished blocks; the last is the tail, whose content is redone.
      const finished = (ids[i - 1] ?? []).slice(0, -1);
      const now = ids[i] ?? [];
      finished.forEach((id, j) => (recreated += id === now[j] ? 0 : 1));
    }
    assert.equal(recreated, 0, 'finished blocks kept their element and content nodes');
    const blocks = ids.at(-1)?.length ?? 0;
    assert.ok(blocks > 20, `the answer was split into ${blocks} blocks`);
  });

  it('keeps a fenced block with blank lines as one <pre> while it streams', async () => {
    const { page } = tp();
    const code = 'def f():\n\n    """Doc.\n\n    More."""\n\n\n    return 1\n';
    const text = `Intro.\n\n\`\`\`python\n${code}\`\`\`\n\nAfter.\n`;
    const { html } = await call(page, 'stream', text, text.length);
    assert.equal(html, await call(page, 'show', text));
    assert.equal(await page.locator('pre').count(), 1);
    assert.equal(await page.locator('pre').textContent(), code.replace(/\n$/, ''));
  });

  it('streams a long open code block in kept chunks, and renders it whole once closed', async () => {
    const { page } = tp();
    const code = Array.from({ length: 300 }, (_, i) => (i % 37 === 36 ? '\n' : `    total += item${i}.price * 2  # "<b>" & 'x'\n`)).join('');
    const open = `Here:\n\n\`\`\`python app/calc.py\n  ${code}`;
    const streamed = await call(page, 'stream', open, 600);
    assert.equal(streamed.html, await call(page, 'show', open), 'same DOM as one render');
    assert.equal(await page.locator('pre').textContent(), `  ${code}`, 'the code, exactly, leading spaces and all');
    assert.ok((await page.locator('.md-code-chunk').count()) >= 5, 'kept in chunks');
    assert.equal(await page.locator('.md-code-label').textContent(), 'app/calc.py');
    const closed = await call(page, 'stream', `${open}\`\`\``, 600);
    assert.equal(closed.html, await call(page, 'show', `${open}\`\`\``));
    assert.equal(await page.locator('.md-code-chunk').count(), 0, 'closed: highlighted as a whole');
    assert.equal(await page.locator('pre').textContent(), `  ${code}`.replace(/\n$/, ''));
  });

  it('splitting into blocks renders common Markdown as one render would', async () => {
    const { page } = tp();
    const text =
      '# Setup\n\nRun this:\n\n```sh\nnpm ci\n\nnpm test\n```\n\nThen:\n- a\n- b\n  - c\n\n> quote\n> more\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n' +
      '1. one\n   ```js\n   x()\n   ```\n2. two\n\n    indented code\n\n    more of it\n\nDone *now*.\n';
    await call(page, 'show', text);
    // Blocks are joined by their own whitespace; only the text nodes between elements may differ.
    const flat = (html: string) => html.replace(/>\s+</g, '><').trim();
    assert.equal(flat(await call(page, 'unwrapped')), flat(await call(page, 'whole', text)));
  });

  it('renders from scratch when the final text differs from the streamed one', async () => {
    const { page } = tp();
    await call(page, 'stream', '# Draft\n\nfirst paragraph\n\nsecond', 10);
    const replaced = await call(page, 'repaint', '# Final\n\nonly paragraph\n');
    assert.equal(replaced, await call(page, 'show', '# Final\n\nonly paragraph\n'));
    assert.doesNotMatch(replaced, /Draft|second/);
  });

  it('a paint touches as many nodes at the end of a long answer as near its start', async () => {
    const { page } = tp();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const check = (what: string, short: PaintWork, long: PaintWork) => {
      const [s, l] = [median(short.perPaint), median(long.perPaint)];
      const figures = `${what}: median nodes per paint ${s} at ${short.length} chars, ${l} at ${long.length} chars; whole answer ${long.wholeNodes} nodes`;
      console.log(`      ${figures}`);
      assert.ok(s > 0, `paints did DOM work: ${figures}`);
      // Flat: the same tails are painted in both runs, so the longer answer may only cost a little more.
      assert.ok(l <= 2 * s + 20, `per-paint work grew with the answer: ${figures}`);
      assert.ok(Math.max(...long.perPaint) * 5 < long.wholeNodes, `a paint redid much of the answer: ${figures}`);
    };
    // Mixed Markdown: appended at a block boundary so both runs paint the same tails.
    const more = sampleAnswer(8_000).slice(0, 6_000);
    const mixed = (length: number) => call(page, 'paintWork', `${sampleAnswer(length)}\n\n`, more, 50);
    check('mixed answer', await mixed(1_000), await mixed(50_000));
    // The worst case: the tail is one code block that keeps growing.
    const code = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `  const value${from + i} = compute(${i}, "text"); // step ${i}\n`).join('');
    const inCode = (lines: number) => call(page, 'paintWork', `\`\`\`ts\n${code(0, lines)}`, code(lines, 60), 50);
    check('inside a code block', await inCode(20), await inCode(1_000));
  });
});
