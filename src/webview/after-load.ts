// VS Code shows a new webview's frame only at its page's load event (or 200 ms after writing the page, whichever
// comes first), and that event waits for everything the page has asked for by then. A script or style sheet the
// page adds before it would keep the whole page hidden while it loads; added after it, it cannot.

/** Time after which what waits for the load event goes ahead anyway (a resource that never ends must not hold it). */
const loadWaitMs = 1000;

/** Runs `run` in a task after the next frame has been painted (its style, layout and paint are done by then). */
export function afterPaint(run: () => void): void {
  requestAnimationFrame(() => setTimeout(run));
}

/** Runs `run` once the page's load event has fired and the frame after it has been painted (once only). */
export function afterLoadAndPaint(run: () => void): void {
  let done = false;
  const later = () => {
    if (done) return;
    done = true;
    afterPaint(run);
  };
  if (document.readyState === 'complete') return later();
  window.addEventListener('load', later, { once: true });
  setTimeout(later, loadWaitMs);
}
