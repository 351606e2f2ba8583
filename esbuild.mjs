// @ts-check
// Builds the extension host bundle, one lazily loaded bundle per vendor SDK, and the webview bundle.
// Usage: node esbuild.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, realpathSync, rmSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { writeCodiconSubset } from './scripts/codicon-subset.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production') || process.env.NODE_ENV === 'production';

// The vendor SDKs are large; activation must not pay for parsing them. The host bundle refers to
// them through `import()`, which this plugin points at a sibling file built separately, so each
// SDK is read from disk only when its provider is first used.
/** @type {Record<string, string>} */
// The shell parser (used to judge commands before they run) is loaded the same way, on the first command.
const vendorSdks = { '@anthropic-ai/sdk': 'anthropic', openai: 'openai', ollama: 'ollama', 'web-tree-sitter': 'tree-sitter' };
/** @type {esbuild.Plugin} */
const lazyVendorSdks = {
  name: 'lazy-vendor-sdks',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(vendorSdks).map((s) => s.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: `./vendor/${vendorSdks[args.path]}.js`, external: true }));
    // The MCP SDK, through the one module that imports it (src/core/mcp/sdk.ts).
    build.onResolve({ filter: /^\.\/sdk\.js$/ }, (args) => (/[\\/]core[\\/]mcp$/.test(args.resolveDir) ? { path: './vendor/mcp.js', external: true } : undefined));
  },
};

// Our own code that runs only once a feature is used is a bundle of its own too: the host bundle's `import()`
// of the module becomes a `require` of the sibling file, so activation does not parse it. The chat itself is one
// of them: VS Code's activation figure counts loading extension.js, which keeps only the registrations.
/** @type {Record<string, string>} */
const lazyBundles = {
  'src/extension/lazy/chat-entry.ts': 'chat',
  'src/extension/native/handlers.ts': 'native-chat',
  'src/extension/lazy/mcp-entry.ts': 'mcp-hub',
  'src/extension/lazy/command-entry.ts': 'commands',
  'src/extension/lazy/provider-entry.ts': 'providers',
};
// Sources are named by their path under the project. esbuild hands over real paths, and the bench builds in a
// folder where `src` is a link to the project's: the project is where `src` really is, not the working directory
// (relative to which none of the names matched there, and the lazily loaded code went into extension.js).
const projectRoot = dirname(realpathSync('src'));
/** @type {esbuild.Plugin} */
const lazyOwnCode = {
  name: 'lazy-own-code',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const source = relative(projectRoot, resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'))).split(sep).join('/');
      const bundle = lazyBundles[source];
      return bundle ? { path: `./${bundle}.js`, external: true } : undefined;
    });
  },
};

// Every `import * as vscode from 'vscode'` in the bundle becomes a copy of VS Code's whole API object (one
// getter per name, ~400 names, once per importing file): tens of milliseconds at load. Importing it through
// one module whose export *inherits* from the API leaves nothing to copy, and every `vscode.x` still reads
// the API itself.
/** @type {esbuild.Plugin} */
const vscodeApiOnce = {
  name: 'vscode-api-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-api' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-api' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-api' }, () => ({ contents: 'module.exports = Object.create(require("vscode"));', loader: 'js' }));
  },
};

// A release build starts from an empty dist/ so no stale file (or source map) ends up in the VSIX.
if (production) rmSync('dist', { recursive: true, force: true });

/** @satisfies {esbuild.BuildOptions} */
const common = /** @type {const} */ ({
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: 'linked',
});

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: { extension: 'src/extension/main.ts', ...Object.fromEntries(Object.entries(lazyBundles).map(([source, bundle]) => [bundle, source])) },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // Lazily loaded bundles are `require`d, not `import()`ed: a CommonJS file loaded through the ES module
    // loader may not get VS Code's `require('vscode')`, which the lazily loaded parts of our own code need.
    supported: { 'dynamic-import': false },
    plugins: [lazyVendorSdks, lazyOwnCode, vscodeApiOnce],
  }),
  esbuild.context({
    ...common,
    // web-tree-sitter's ES module build finds itself through import.meta.url, which a CommonJS bundle lacks: use its CommonJS build.
    entryPoints: {
      ...Object.fromEntries(Object.entries(vendorSdks).map(([pkg, name]) => [`vendor/${name}`, pkg === 'web-tree-sitter' ? './node_modules/web-tree-sitter/tree-sitter.cjs' : pkg])),
      'vendor/mcp': 'src/core/mcp/sdk.ts',
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The `ollama` package's Node entry reads files with `fs`; nothing here needs a browser build.
    mainFields: ['module', 'main'],
  }),
  esbuild.context({
    ...common,
    // The Markdown engine (marked, DOMPurify) and the syntax highlighter are bundles of their own, loaded by the
    // page after its first paint (src/webview/lazy-script.ts).
    entryPoints: { webview: 'src/webview/main.ts', 'webview-markdown': 'src/webview/markdown-entry.ts', 'webview-highlight': 'src/webview/highlight-entry.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    loader: { '.ttf': 'file' },
    // The page's timeline (the bench reads it): when the script's first statement runs, after its fetch,
    // the style sheets it waits for, and its parse.
    banner: { js: "performance.mark('agent-chat:script');" },
  }),
]);

// The webview's icon font ships with the extension; it is copied, not bundled, because CSS loads it by URL.
mkdirSync('dist/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/codicons/${file}`);
// A new page carries only the icons its code names (scripts/codicon-subset.mjs); it links the full sheet after its first paint.
writeCodiconSubset('node_modules/@vscode/codicons/dist/codicon.css', 'dist/codicons/codicon-subset.css');

// The parser's WebAssembly (runtime and bash grammar) is read from beside the bundle (src/core/commands/shell-tree.ts).
copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
copyFileSync('node_modules/tree-sitter-bash/tree-sitter-bash.wasm', 'dist/tree-sitter-bash.wasm');

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
