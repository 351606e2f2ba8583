// The chat's Markdown renderer in a real Chromium: what it renders, and that links and code buttons
// reach the host only as messages.
import * as assert from 'node:assert/strict';
import { call, useTestPage } from './page';
import { sampleAnswer } from './sample-answer';

describe('webview Markdown: rendering', () => {
  const tp = useTestPage({ csp: true });

  it('renders headings, emphasis, lists, tables and inline code', async () => {
    const html = await call(
      tp().page,
      'show',
      '# Title\n\nSome *em* and **strong** and `code()`.\n\n- one\n- two\n\n1. first\n2. second\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n',
    );
    assert.match(html, /<h1>Title<\/h1>/);
    assert.match(html, /<em>em<\/em> and <strong>strong<\/strong> and <code>code\(\)<\/code>/);
    assert.match(html, /<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    assert.match(html, /<ol>\s*<li>first<\/li>/);
    assert.match(html, /<table>[\s\S]*<th>a<\/th>[\s\S]*<td align="center">2<\/td>/);
  });

  it('highlights fenced code and gives it a toolbar', async () => {
    const { page } = tp();
    const html = await call(page, 'show', '```ts\nconst x: number = 1; // one\n```\n');
    assert.match(html, /<code class="hljs language-ts">/);
    assert.match(html, /<span class="hljs-keyword">const<\/span>/);
    assert.match(html, /<span class="hljs-comment">\/\/ one<\/span>/);
    assert.equal(await page.locator('.md-code button[aria-label="Copy"][title="Copy"] .codicon-copy').count(), 1);
    assert.equal(await page.locator('.md-code button[aria-label="Insert at Cursor"] .codicon-insert').count(), 1);
    assert.equal(await page.locator('.md-code button[aria-label="Apply to File"]').count(), 0, 'no path, no Apply');
  });

  it('shows code in unknown languages as plain text', async () => {
    const html = await call(tp().page, 'show', '```brainfuck\n<+>\n```');
    assert.match(html, /<code class="hljs language-brainfuck">&lt;\+&gt;<\/code>/);
  });

  it('keeps a fenced block with blank lines as one <pre>', async () => {
    const { page } = tp();
    await call(page, 'show', 'Before\n\n```py\ndef f():\n\n\n    return 1\n\nx = 2\n```\n\nAfter\n');
    assert.equal(await page.locator('pre').count(), 1);
    assert.equal(await page.locator('pre').textContent(), 'def f():\n\n\n    return 1\n\nx = 2');
  });

  it('renders task lists without form controls', async () => {
    const html = await call(tp().page, 'show', '- [x] done\n- [ ] todo\n');
    assert.doesNotMatch(html, /<input/);
    assert.match(html, /☑ done[\s\S]*☐ todo/);
  });

  it('renders a long answer of every kind of block without a CSP violation or script error', async () => {
    const { page, errors, violations } = tp();
    const html = await call(page, 'show', sampleAnswer(6_000));
    await page.evaluate('document.fonts.ready');
    for (const tag of ['<h2>', '<ul>', '<ol>', '<table>', '<blockquote>', '<a ', 'class="hljs']) assert.ok(html.includes(tag), `rendered ${tag}`);
    assert.ok((await page.locator('.md-code button .codicon').count()) > 0, 'code toolbars with their icons');
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
  });
});

describe('webview Markdown: links and code actions', () => {
  const tp = useTestPage({ csp: true });

  it('posts openLink on a click and does not navigate', async () => {
    const { page } = tp();
    await call(page, 'show', 'See [the docs](https://example.com/docs?q=1 "Docs") and www.example.org.');
    // The header's avatar is an icon: its font loads once, on first paint; count the requests after that.
    await page.evaluate('document.fonts.ready.then(() => undefined)');
    const before = page.url();
    const requests = tp().requests.length;
    await call(page, 'posted', true);
    await page.click('a[title="Docs"]');
    await page.click('a:text("www.example.org")', { button: 'middle' });
    await page.click('a:text("www.example.org")', { modifiers: ['Control'] });
    await page.waitForTimeout(200);
    assert.deepEqual(await call(page, 'posted'), [
      { type: 'openLink', href: 'https://example.com/docs?q=1' },
      { type: 'openLink', href: 'http://www.example.org/' },
    ]);
    assert.equal(page.url(), before);
    assert.equal(page.context().pages().length, 1, 'no window opened');
    assert.equal(tp().requests.length, requests, 'no request went out');
    assert.ok(await page.evaluate(() => 'mdTest' in globalThis), 'still the same document');
  });

  it('Copy and Insert post the exact code', async () => {
    const { page } = tp();
    const code = 'fn main() {\n    println!("<hi> & \'bye\'");\n\n}';
    await call(page, 'show', `Text\n\n\`\`\`rust\n${code}\n\`\`\`\n\n\`\`\`\nsecond\n\`\`\``);
    await call(page, 'posted', true);
    await page.locator('.md-code').first().getByRole('button', { name: 'Copy' }).click();
    await page.locator('.md-code').first().getByRole('button', { name: 'Insert at Cursor' }).click();
    await page.locator('.md-code').nth(1).getByRole('button', { name: 'Copy' }).click();
    assert.deepEqual(await call(page, 'posted'), [
      { type: 'copyCode', code },
      { type: 'insertCode', code },
      { type: 'copyCode', code: 'second' },
    ]);
  });

  for (const info of ['ts src/app.ts', 'ts:src/app.ts', 'ts path=src/app.ts']) {
    it(`offers Apply to File for \`\`\`${info}`, async () => {
      const { page } = tp();
      await call(page, 'show', `\`\`\`${info}\nexport const a = 1;\n\`\`\``);
      await call(page, 'posted', true);
      assert.equal(await page.locator('.md-code-label').textContent(), 'src/app.ts');
      await page.getByRole('button', { name: 'Apply to File' }).click();
      assert.deepEqual(await call(page, 'posted'), [{ type: 'applyCode', code: 'export const a = 1;', path: 'src/app.ts' }]);
    });
  }

  it('does not take a fence option for a path', async () => {
    const { page } = tp();
    await call(page, 'show', '```js {1,3}\nx\n```\n\n```bash session\ny\n```');
    assert.equal(await page.getByRole('button', { name: 'Apply to File' }).count(), 0);
  });
});
