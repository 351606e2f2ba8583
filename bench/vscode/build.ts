// The release build the real-VS-Code bench runs: `node esbuild.mjs --production` and `vsce package`, done in a
// temporary folder so that the shared checkout's dist/ and agent-chat.vsix (which other jobs use) stay as
// they are. The folder is then a complete extension (package.json, dist/, media/, README…), loaded by VS Code
// in development mode next to the bench helper extension.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
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
  /** Something about how the VSIX was made that the report should mention. */
  vsixNote?: string;
  buildMs: number;
  packageMs: number;
  dispose(): void;
}

const shipped = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore'];

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
    let vsixNote: string | undefined;
    const vsce = (extra: string[]) =>
      run(process.execPath, [join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--allow-missing-repository', ...extra, '--out', vsixPath], {
        cwd: extensionDir,
        maxBuffer: 16 * 2 ** 20,
        timeout: 180_000,
      });
    try {
      try {
        await vsce([]);
      } catch (err) {
        // Without a repository URL vsce refuses README images with relative paths; a base URL only rewrites
        // the packaged README's links (a few bytes), so the size stays representative. Reported as a note.
        if (!String(err).includes("Couldn't detect the repository")) throw err;
        vsixNote = 'vsce needed --baseContentUrl/--baseImagesUrl (no repository in package.json, README has a relative image)';
        await vsce(['--baseContentUrl', 'https://example.invalid/agent-chat', '--baseImagesUrl', 'https://example.invalid/agent-chat']);
      }
      vsixBytes = statSync(vsixPath).size;
    } catch (err) {
      vsixError = err instanceof Error ? err.message.split('\n').slice(0, 5).join(' ') : String(err);
    }
    return { root, extensionsFolder, extensionDir, bundles, vsixBytes, ...(vsixError ? { vsixError } : {}), ...(vsixNote ? { vsixNote } : {}), buildMs, packageMs: performance.now() - started, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}
