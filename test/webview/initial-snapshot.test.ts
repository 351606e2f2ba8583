// The snapshot the host writes into the chat page's HTML is data: whatever the messages contain
// (a model can write `</script>`), the HTML parser hands the page exactly the JSON that was written,
// and nothing in it runs. The page is the extension's own (chatHtml), loaded here without its CSP so
// that only the escaping stands between a message and the page.
import * as assert from 'node:assert/strict';
import type { HostToWebview } from '../../src/core/protocol/messages';
import { initialSnapshotId } from '../../src/core/protocol/script-json';
import { chatHtml } from '../../src/extension/webview-html';
import { useTestPage } from './page';

const nasty = [
  '</script><script>window.__pwned = 1</script>',
  '</SCRIPT ><img src=x onerror="window.__pwned=1">',
  '<!-- <script> --> </script>',
  '<![CDATA[ ]]> \u2028 \u2029 "quotes" \\ backslash',
  '```html\n<script src="https://evil.example/x.js"></script>\n```',
];

describe('webview: snapshot written into the page', () => {
  const tp = useTestPage({ csp: false });

  it('reads back exactly and runs nothing, whatever the messages say', async () => {
    const { page } = tp();
    const snapshot = {
      type: 'snapshot',
      conversation: { id: 'c1', title: '</title><script>window.__pwned = 1</script>', updatedAt: 0, messageCount: nasty.length },
      messages: nasty.map((text, i) => ({ id: `m${i}`, role: 'assistant', author: 'backend', text, status: 'complete', createdAt: 0 })),
      hasOlder: false,
      agents: [],
      defaultAgent: 'orchestrator',
      model: 'm',
    } satisfies HostToWebview;
    // The page's own scripts and styles are left out (unreachable URLs); its CSP goes too.
    const html = chatHtml({ cspSource: 'http://127.0.0.1:9', asset: (...p) => `http://127.0.0.1:9/${p.join('/')}` }, snapshot)
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replace('</body>', '<p id="after">after</p></body>');
    await page.setContent(html, { waitUntil: 'domcontentloaded' });
    await page.waitForTimeout(50);
    // A string, evaluated in the page (this file compiles without the DOM types).
    const seen = (await page.evaluate(`({
      parsed: JSON.parse(document.getElementById('${initialSnapshotId}')?.textContent ?? 'null'),
      pwned: window.__pwned ?? 0,
      scripts: document.scripts.length,
      after: document.getElementById('after')?.textContent,
      images: document.images.length,
    })`)) as { parsed: unknown; pwned: number; scripts: number; after: string; images: number };
    assert.deepEqual(seen.parsed, snapshot);
    assert.equal(seen.pwned, 0);
    assert.equal(seen.scripts, 2, 'the data block and the page script, nothing split out of them');
    assert.equal(seen.images, 0);
    assert.equal(seen.after, 'after', 'the document goes on after the data block');
  });
});
