// Transpiles the host-side TypeScript (src/ without the webview, test/, bench/) into out/ file by file, without
// type checking: the benchmark's fast path (`npm run bench`), where tsc's full check of every test took most
// of a quick run's first half minute. Types are checked by `npm run typecheck` and lint, and `npm test`
// compiles with tsc as before.
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const skip = new Set(['node_modules', 'webview', 'workspace']);

/**
 * Every .ts file below `dir` (no declaration files), leaving out the browser code and test workspaces.
 * @param {string} dir
 * @returns {string[]}
 */
function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip.has(name) ? [] : tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const started = Date.now();
const entryPoints = ['src', 'test', 'bench'].flatMap(tsFiles);
await build({ entryPoints, outdir: 'out', outbase: '.', bundle: false, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning' });
process.stdout.write(`transpiled ${entryPoints.length} files into out/ in ${Date.now() - started} ms\n`);
