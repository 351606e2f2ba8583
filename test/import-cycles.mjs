// @ts-check
// Fails when modules of the house (src, test, bench) import each other in a cycle, type-only imports
// included: a cycle means two modules are one in disguise, and the order they load in decides what works.
// Usage: node test/import-cycles.mjs   (part of `npm run lint`)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folders = ['src', 'test', 'bench'];
const skipped = new Set(['node_modules', 'out', 'dist', 'workspace']);
const sourceFile = /\.(ts|mts|mjs)$/;

/** @param {string} dir @returns {string[]} */
function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skipped.has(name) ? [] : sources(path);
    return sourceFile.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names (`./a`, `./a.js`, `./dir`), or undefined for packages. */
function resolveImport(/** @type {string} */ from, /** @type {string} */ spec) {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec).replace(/\.(m?js)$/, '');
  const candidates = [`${base}.ts`, `${base}.mts`, `${base}.mjs`, `${base}.d.mts`, join(base, 'index.ts'), resolve(dirname(from), spec)];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** @type {Map<string, string[]>} */
const graph = new Map();
for (const file of folders.flatMap((f) => sources(join(root, f)))) {
  const imports = ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles;
  graph.set(file, imports.flatMap((i) => resolveImport(file, i.fileName) ?? []));
}

/** Strongly connected components with more than one module (or a module importing itself): Tarjan. */
function cycles() {
  /** @type {Map<string, { index: number, low: number }>} */
  const seen = new Map();
  /** @type {string[]} */
  const stack = [];
  /** @type {string[][]} */
  const found = [];
  const visit = (/** @type {string} */ v) => {
    const node = { index: seen.size, low: seen.size };
    seen.set(v, node);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!seen.has(w)) visit(w);
      if (stack.includes(w)) node.low = Math.min(node.low, /** @type {{ low: number }} */ (seen.get(w)).low);
    }
    if (node.low !== node.index) return;
    const component = stack.splice(stack.lastIndexOf(v));
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component);
  };
  for (const v of graph.keys()) if (!seen.has(v)) visit(v);
  return found;
}

const found = cycles();
for (const c of found) console.error(`Import cycle: ${c.map((f) => relative(root, f)).join(' ↔ ')}`);
console.log(found.length ? `${found.length} import cycle(s) in ${graph.size} modules.` : `No import cycles in ${graph.size} modules.`);
process.exitCode = found.length ? 1 : 0;
