// Adds one of the page's later scripts (a bundle of its own beside the page's script, under the same nonce) after
// the page's load event and first paint, so neither waits for fetching or compiling it (after-load.ts).
import { afterLoadAndPaint } from './after-load';

/** The page's own script element, read while it runs (document.currentScript is null afterwards). */
const ownScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;

export interface LaterScript {
  /** The `data-*` key naming its URL on an inline page's script element (webview-html.ts). */
  dataKey: string;
  /** Its file name beside a linked page's script (dist/webview.js). */
  file: string;
  /** Called if it cannot be loaded (it is missing, or the page's policy refuses it). */
  onError?: () => void;
}

/** After the page's load and the paint after it, adds the script; false when the page's own script cannot tell where it is. */
export function addScriptAfterPaint({ dataKey, file, onError }: LaterScript): boolean {
  // Named on the script element when the page carries its script inline, else beside it.
  const src = ownScript?.dataset[dataKey] ?? ownScript?.src.replace(/webview\.js(?=$|[?#])/, file);
  if (!ownScript || !src) return false;
  afterLoadAndPaint(() => {
    const script = document.createElement('script');
    script.nonce = ownScript.nonce ?? '';
    script.src = src;
    if (onError) script.addEventListener('error', onError, { once: true });
    document.body.append(script);
  });
  return true;
}
