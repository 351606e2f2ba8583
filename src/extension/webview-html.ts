// The chat page: one bundled script with a fresh nonce, a strict CSP, and no network access.
// The conversation's snapshot is written into the page as data, so the first paint needs no round
// trip to the host (the page would otherwise load, say `ready`, and wait for the snapshot).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostToWebview } from '../core/protocol/messages';
import { initialSnapshotId, scriptSafeJson } from '../core/protocol/script-json';

export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, snapshot?: HostToWebview): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
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
