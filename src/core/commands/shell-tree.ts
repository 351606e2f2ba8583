// Parses shell text with tree-sitter-bash (WebAssembly), loaded on first use so activation never pays for it.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Node, Parser } from 'web-tree-sitter';

export type ShellNode = Node;

/** What cannot be parsed (or the parser could not load): the caller asks the user instead of guessing. */
export class ShellParseError extends Error {}

let loading: Promise<Parser> | undefined;
let parser: Parser | undefined;

/**
 * Where a wasm file is at run time: the build copies both next to the bundle (esbuild.mjs); from the
 * compiled sources (tests) they are found in node_modules.
 */
function wasmFile(name: string, fromPackage: string): string {
  const beside = path.join(__dirname, name);
  return existsSync(beside) ? beside : require.resolve(fromPackage);
}

async function load(): Promise<Parser> {
  const loaded = await import('web-tree-sitter');
  // From the bundle it is a CommonJS file whose names Node cannot see statically: they are on `default` there.
  const ts = 'Parser' in loaded ? loaded : (loaded as unknown as { default: typeof loaded }).default;
  const runtime = wasmFile('tree-sitter.wasm', 'web-tree-sitter/tree-sitter.wasm');
  await ts.Parser.init({ locateFile: () => runtime } as Parameters<typeof ts.Parser.init>[0]);
  const bash = await ts.Language.load(wasmFile('tree-sitter-bash.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm'));
  const p = new ts.Parser();
  p.setLanguage(bash);
  parser = p;
  return p;
}

/** Loads the parser once; later calls return at once. A failed load is retried on the next call. */
export async function loadShellParser(): Promise<void> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw new ShellParseError(`the shell parser could not be loaded (${err instanceof Error ? err.message : String(err)})`);
  });
  await loading;
}

/** Parses `src` and hands the tree's root to `visit` (the tree is freed afterwards); needs loadShellParser first. */
export function withShellTree<T>(src: string, visit: (root: ShellNode) => T): T {
  if (!parser) throw new ShellParseError('the shell parser is not loaded');
  const tree = parser.parse(src);
  if (!tree) throw new ShellParseError('the shell parser gave no result');
  try {
    if (tree.rootNode.hasError) throw new ShellParseError(`it is not complete, valid shell syntax near \`${firstError(tree.rootNode)}\``);
    return visit(tree.rootNode);
  } finally {
    tree.delete();
  }
}

function firstError(node: ShellNode): string {
  if (node.isError || node.isMissing) return node.isMissing ? `missing ${node.type}` : node.text.slice(0, 40);
  for (const child of node.children) if (child?.hasError) return firstError(child);
  return node.text.slice(0, 40);
}
