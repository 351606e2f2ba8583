// A summary of a V8 sampling heap profile (CDP `HeapProfiler.stopSampling`): bytes allocated by the functions
// that allocated them (self) and, to place them, by the script they belong to. A diagnostic, not a figure.
import { largest } from '../stats';

export interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

export interface SamplingProfile {
  head: SamplingNode;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** "total; by script: …; top functions: …" for the report's notes. */
export function summarizeAllocations(profile: SamplingProfile, top = 12): string {
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  let total = 0;
  const visit = (node: SamplingNode): void => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    // Long page addresses (a webview's index.html and its query) are cut to their file name.
    const script = url.split('/').pop()?.split('?')[0] || '(no script address)';
    if (node.selfSize) {
      total += node.selfSize;
      const name = `${functionName || '(anonymous)'} ${script}:${lineNumber + 1}:${columnNumber + 1}`;
      byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
      byScript.set(script, (byScript.get(script) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child);
  };
  visit(profile.head);
  const list = (m: Map<string, number>, n: number) => largest(m, n).map(([k, v]) => `${k} ${mib(v)}`).join(', ');
  return `${mib(total)}; by script: ${list(byScript, 6)}; top functions: ${list(byFunction, top)}`;
}
