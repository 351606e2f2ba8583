// The snapshot the host writes into the chat page's HTML is data: whatever the messages contain
// (a model can write `</script>`), the HTML parser hands the page exactly the JSON that was written,
// and nothing in it runs.
import * as assert from 'node:assert/strict';
import { initialSnapshotId, scriptSafeJson } from '../../src/core/protocol/script-json';
import { useTestPage } from './page';

const nasty = [
  '</script><script>window.__pwned = 1</script>',
  '</SCRIPT ><img src=x onerror="window.__pwned=1">',
  '<!-- <script> --> </script>',
  '<![CDATA[ ]]> \u2028 \u2029 "quotes" \\ backslash',
  '```html\n<script src="https://evil.example/x.js"></script>\n```',
];

describe('webview: snapshot written into the page', () => {
  const tp = useTestPage({ csp: true });

  it('reads back exactly and runs nothing, whatever the messages say', async () => {
    const { page } = tp();
    const snapshot = { type: 'snapshot', messages: nasty.map((text, i) => ({ id: `m${i}`, text })) };
    const html = `<!DOCTYPE html><html><body><div id="app"></div>
<script type="application/json" id="${initialSnapshotId}">${scriptSafeJson(snapshot)}</script>
<p id="after">after</p></body></html>`;
    await page.setContent(html);
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
    assert.equal(seen.scripts, 1, 'one data block, nothing split out of it');
    assert.equal(seen.images, 0);
    assert.equal(seen.after, 'after', 'the document goes on after the data block');
  });
});
