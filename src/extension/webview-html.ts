// The chat page: one bundled script with a fresh nonce, a strict CSP, and no network access.
// The conversation's snapshot is written into the page as data, so the first paint needs no round
// trip to the host (the page would otherwise load, say `ready`, and wait for the snapshot).
// No VS Code API here (the caller passes what it needs), so tests can load the very page in a browser.
import { randomBytes } from 'node:crypto';
import type { HostToWebview } from '../core/protocol/messages';
import { initialSnapshotId, scriptSafeJson } from '../core/protocol/script-json';

export interface PageResources {
  /** The webview's `cspSource`: where its own resources load from. */
  cspSource: string;
  /** The URL of a file of the extension (e.g. `asset('dist', 'webview.js')`). */
  asset(...path: string[]): string;
}

export function chatHtml({ cspSource, asset }: PageResources, snapshot?: HostToWebview): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${asset('media', 'chat.css')}">
<link rel="stylesheet" href="${asset('media', 'markdown.css')}">
<title>Agent Chat</title>
</head>
<body>
<div id="app"></div>
${snapshot ? `<script type="application/json" id="${initialSnapshotId}">${scriptSafeJson(snapshot)}</script>\n` : ''}<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
}
