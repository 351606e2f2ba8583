// The release build the real-VS-Code bench runs: `node esbuild.mjs --production` and `vsce package`, done in a
// temporary folder so that the shared checkout's dist/ and agent-chat.vsix (which other jobs use) stay as
// they are. The folder is then a complete extension (package.json, dist/, media/, README…), loaded by VS Code
// in development mode next to the bench helper extension.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ReleaseBuild {
  /** Temporary root; remove with `dispose`. */
  root: string;
  /** Pass this as extensionDevelopmentPath: a folder holding both extensions. */
  extensionsFolder: string;
  /** The built Agent Chat extension inside it. */
  extensionDir: string;
  /** Bytes of every dist/**\/*.js, by path relative to dist/. */
  bundles: Record<string, number>;
  vsixBytes: number | undefined;
  vsixError?: string;
  buildMs: number;
  packageMs: number;
  dispose(): void;
}

const shipped = ['package.json', 'package.nls.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore'];

/** The options of `vsce package` in package.json's "package" script, without --out. */
function packageArgs(repoRoot: string): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const m = /vsce package([^&|;]*)/.exec(pkg.scripts?.package ?? '');
  const args = (m?.[1] ?? ' --no-dependencies --allow-missing-repository').trim().split(/\s+/).filter(Boolean);
  const out = args.indexOf('--out');
  if (out >= 0) args.splice(out, 2);
  return args;
}

function jsSizes(dir: string, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, jsSizes(join(dir, e.name), rel));
    else if (e.name.endsWith('.js')) out[rel] = statSync(join(dir, e.name)).size;
  }
  return out;
}

export async function releaseBuild(repoRoot: string, helperDir: string): Promise<ReleaseBuild> {
  const root = mkdtempSync(join(tmpdir(), 'agent-chat-bench-'));
  const dispose = () => rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  try {
    const extensionsFolder = join(root, 'extensions');
    const extensionDir = join(extensionsFolder, 'agent-chat');
    mkdirSync(extensionDir, { recursive: true });
    for (const f of shipped) if (existsSync(join(repoRoot, f))) cpSync(join(repoRoot, f), join(extensionDir, f), { dereference: true });
    cpSync(join(repoRoot, 'media'), join(extensionDir, 'media'), { recursive: true, dereference: true });
    cpSync(helperDir, join(extensionsFolder, 'bench-helper'), { recursive: true, dereference: true });
    // esbuild.mjs works relative to its working directory: sources and node_modules are linked in for the
    // build and unlinked before packaging (vsce must not walk them).
    const links = ['src', 'node_modules', 'tsconfig.json'].map((name) => join(extensionDir, name));
    for (const name of ['src', 'node_modules', 'tsconfig.json']) symlinkSync(join(repoRoot, name), join(extensionDir, name));
    let started = performance.now();
    try {
      await run(process.execPath, [join(repoRoot, 'esbuild.mjs'), '--production'], { cwd: extensionDir, maxBuffer: 16 * 2 ** 20, timeout: 180_000 });
    } finally {
      for (const l of links) unlinkSync(l);
    }
    const buildMs = performance.now() - started;
    const bundles = jsSizes(join(extensionDir, 'dist'));
    started = performance.now();
    const vsixPath = join(root, 'agent-chat.vsix');
    let vsixBytes: number | undefined;
    let vsixError: string | undefined;
    // The same vsce options as `npm run package`, read from package.json so the two stay alike.
    const vsixArgs = packageArgs(repoRoot);
    try {
      await run(process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', ...vsixArgs, '--out', vsixPath], {
        cwd: extensionDir,
        maxBuffer: 16 * 2 ** 20,
        timeout: 180_000,
      });
      vsixBytes = statSync(vsixPath).size;
    } catch (err) {
      vsixError = err instanceof Error ? err.message.split('\n').slice(0, 5).join(' ') : String(err);
    }
    return { root, extensionsFolder, extensionDir, bundles, vsixBytes, ...(vsixError ? { vsixError } : {}), buildMs, packageMs: performance.now() - started, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}
