// Checks shell syntax with mvdan/sh (the sh-syntax WebAssembly build), loading the module lazily and once.
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { getProcessor, type File } from 'sh-syntax';

/**
 * Where main.wasm is at run time. A bundle cannot find it through node_modules, so the build is expected to copy
 * `node_modules/sh-syntax/main.wasm` next to the bundle as `sh-syntax.wasm`; the extension glue may also point
 * at it explicitly with {@link setShellWasmLocator} (e.g. from the extension's install folder).
 */
export function locateWasm(): string {
  const besideBundle = path.join(__dirname, 'sh-syntax.wasm');
  if (existsSync(besideBundle)) return besideBundle;
  return require.resolve('sh-syntax/main.wasm');
}

// The project's lib settings leave out the WebAssembly typings; this is the part of the API used here.
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<object>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let locator: () => string = locateWasm;
let compiled: Promise<object> | undefined;
let processor: ReturnType<typeof getProcessor> | undefined;

/** Replaces how the wasm file is found; takes effect before the first parse only. */
export function setShellWasmLocator(locate: () => string): void {
  locator = locate;
}

function shellProcessor(): ReturnType<typeof getProcessor> {
  // Compiling 750 kB of wasm is the slow part: do it once and instantiate the compiled module per parse.
  compiled ??= Promise.resolve().then(() => wasmApi.compile(readFileSync(locator())));
  const module = compiled;
  type Instantiate = Parameters<typeof getProcessor>[0];
  const instantiate = async (imports: object): Promise<object> => wasmApi.instantiate(await module, imports);
  processor ??= getProcessor(instantiate as Instantiate);
  return processor;
}

export type SyntaxCheck = { ok: true; file: File } | { ok: false; error: string };

/** Parses `source` as bash; a syntax error (or a failure to load the parser) is reported, never thrown. */
export async function checkShellSyntax(source: string): Promise<SyntaxCheck> {
  try {
    const file = await shellProcessor()(source, { variant: 1, keepComments: false });
    return { ok: true, file };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
