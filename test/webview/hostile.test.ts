// Hostile answers must render as inert text. Run twice: under the chat page's CSP (as shipped), and
// without any CSP, where nothing but the renderer and sanitizer stands between the text and the page.
// Under the CSP, markup written past the renderer must be stopped by the CSP alone.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { call, pageAssets, useTestPage } from './page';
import { sampleAnswer } from './sample-answer';

// Each sets window.__pwned or opens a dialog if it ever runs; the data: URL also carries a script.
const hostile: Record<string, { input: string; visible?: string }> = {
  'script tag': { input: '<script>window.__pwned = 1; alert(1)</script>', visible: '<script>window.__pwned = 1; alert(1)</script>' },
  'inline script tag': { input: 'Hi <script>window.__pwned=1</script> there', visible: 'Hi <script>window.__pwned=1</script> there' },
  'img onerror': { input: '<img src=x onerror="window.__pwned=1">', visible: '<img src=x onerror="window.__pwned=1">' },
  'inline img onerror': { input: 'a <img src=x onerror=alert(1)> b', visible: 'a <img src=x onerror=alert(1)> b' },
  'slashed img': { input: 'x <code><img/src=x onerror=window.__pwned=1></code>', visible: '<img/src=x onerror=window.__pwned=1>' },
  'javascript link': { input: '[x](javascript:window.__pwned=1)' },
  'javascript link, spaced scheme': { input: '[x](java%0ascript:alert(1)) [y](<javascript:alert(1)>)' },
  'html anchor': { input: '<a href="javascript:window.__pwned=1">click</a>', visible: '<a href="javascript:window.__pwned=1">click</a>' },
  iframe: { input: '<iframe src="javascript:parent.__pwned=1"></iframe>', visible: '<iframe src="javascript:parent.__pwned=1"></iframe>' },
  style: { input: '<style>body { display: none }</style>\n\nafter', visible: '<style>body { display: none }</style>' },
  'data url link': { input: '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
  'data url image': { input: '![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)' },
  'remote image': { input: '![a cat](https://example.com/cat.png)', visible: 'a cat' },
  'svg onload': { input: '<svg onload="window.__pwned=1"><circle r=1 /></svg>', visible: '<svg onload="window.__pwned=1">' },
  'form and input': { input: '<form action="https://evil.example"><input name=q autofocus onfocus=alert(1)></form>', visible: '<input name=q' },
  'object and embed': { input: '<object data="x.swf"></object><embed src="x.swf">', visible: '<embed src="x.swf">' },
  'pre block with a blank line': { input: '<pre>\n<img src=x onerror=alert(1)>\n\n</pre>', visible: '<img src=x onerror=alert(1)>' },
  'autolink scheme': { input: '<javascript:alert(1)> and <vbscript:msgbox(1)>' },
  'entity-encoded tag': { input: '&lt;img src=x onerror=alert(1)&gt;', visible: '<img src=x onerror=alert(1)>' },
};

/** A server on another origin that records what reaches it. */
async function otherOrigin(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

for (const csp of [true, false]) {
  describe(`webview Markdown: hostile input (${csp ? 'with' : 'without'} CSP)`, () => {
    const tp = useTestPage({ csp });

    for (const [name, { input, visible }] of Object.entries(hostile)) {
      it(`renders ${name} inert`, async () => {
        const { page, origin } = tp();
        await call(page, 'show', input);
        await page.waitForTimeout(50); // let an injected handler or load fire, if there were one
        const audit = await call(page, 'audit');
        assert.equal(audit.pwned, false, 'no script ran');
        assert.deepEqual(tp().dialogs, [], 'no dialog opened');
        assert.equal(audit.handlers, 0, 'no on* attributes');
        assert.deepEqual(audit.unsafeUrls, [], 'only http(s) URLs');
        const forbidden = ['script', 'img', 'iframe', 'style', 'svg', 'form', 'input', 'object', 'embed', 'image'];
        assert.deepEqual(audit.tags.filter((t) => forbidden.includes(t)), []);
        if (visible) assert.ok(audit.text.includes(visible), `shows ${JSON.stringify(visible)} as text, got ${JSON.stringify(audit.text)}`);
        const stray = tp().requests.filter((u) => !u.startsWith(`${origin}/`));
        assert.deepEqual(stray, [], 'nothing loaded from elsewhere');
      });
    }

    it('shows a 200,000-character line without breaking the layout', async () => {
      const { page } = tp();
      const line = 'x'.repeat(200_000);
      for (const input of [line, `\`${line}\``, `\`\`\`\n${line}\n\`\`\``, `| a |\n|---|\n| ${line} |`]) {
        await call(page, 'show', input);
        const audit = await call(page, 'audit');
        assert.equal(audit.overflowsPage, false, `layout held for ${input.slice(0, 5)}…`);
        assert.ok(audit.text.includes(line.slice(0, 1000)));
      }
    });

    it('loads nothing but its own assets', async () => {
      const { page, origin, requests } = tp();
      await call(page, 'show', sampleAnswer(3_000)); // code blocks with toolbar icons: the font loads too
      await page.evaluate('document.fonts.ready');
      const own = ['/', ...pageAssets];
      const others = requests.filter((u) => !own.includes(new URL(u).pathname) || !u.startsWith(`${origin}/`));
      assert.deepEqual(others, []);
      assert.ok(requests.some((u) => u.endsWith('/dist/webview.js')), `the page script loaded: ${requests.join(', ')}`);
    });

    if (csp) {
      it('its CSP alone stops markup that got past the renderer', async () => {
        const { page, violations } = tp();
        const other = await otherOrigin();
        const elsewhere = other.url;
        // Written into the page directly, as if the sanitizer had let it through.
        await page.evaluate(`(() => {
          const app = document.getElementById('app');
          app.innerHTML = '<img id="remote" src="${elsewhere}/pixel.png">'
            + '<img src="/missing.png" onerror="window.__pwned = \\'img handler\\'">'
            + '<iframe src="${elsewhere}/frame"></iframe>'
            + '<link rel="stylesheet" href="${elsewhere}/theme.css">'
            + '<style>#app { visibility: hidden }</style>';
          const script = document.createElement('script');
          script.textContent = "window.__pwned = 'inline script'";
          document.body.append(script);
        })()`);
        await page.waitForTimeout(300); // let the loads and the handler fire, if they were allowed
        await other.close();
        assert.equal(await page.evaluate('window.__pwned ?? null'), null, 'no script or handler ran');
        assert.equal(await page.evaluate("getComputedStyle(document.getElementById('app')).visibility"), 'visible', 'the inline style was not applied');
        assert.deepEqual(other.hits, [], `nothing reached another origin (${violations.join('; ')})`);
        const blocked = new Set(violations.map((v) => v.split(' ')[0]));
        for (const directive of ['img-src', 'frame-src', 'style-src-elem', 'script-src-elem', 'script-src-attr']) {
          assert.ok(blocked.has(directive), `the CSP reported ${directive}: ${violations.join('; ')}`);
        }
      });
    }
  });
}
