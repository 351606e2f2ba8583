// Opens the chat page in a fresh Chromium tab the way the extension's webview would run it, watching what must not
// happen: every CSP violation the page reports and every uncaught error. `acquireVsCodeApi` is a stand-in that
// records what the page posts (the host seam, not the thing under test).
import type { Browser, Page } from 'playwright-core';

export interface WatchedPage {
  page: Page;
  /** "directive blocked-URI" of each `securitypolicyviolation` event. */
  violations: string[];
  /** Messages of the page's uncaught errors. */
  errors: string[];
}

export async function openWatchedPage(browser: Browser, url: string, waitUntil: 'load' | 'domcontentloaded' = 'load'): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 400, height: 700 } });
  const violations: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.exposeFunction('__violation', (v: string) => violations.push(v));
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.__violation(e.effectiveDirective + ' ' + e.blockedURI));
window.__posted = []; window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} });`);
  await page.goto(url, { waitUntil });
  return { page, violations, errors };
}
