// A real temporary workspace with real symlinks, and shortcuts to run tools against it.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { ToolRunner, type ApprovalPolicy, type ToolRunResult } from '../../../src/core/tools/runner';
import type { ToolOptions } from '../../../src/core/tools/types';

export interface TempWorkspace {
  base: string;
  root: string;
  outside: string;
  sibling: string;
  cleanup(): Promise<void>;
}

export const secretText = 'TOP-SECRET-OUTSIDE';

/** Writes `files` (relative path → content) under `dir`, creating folders. */
export async function writeTree(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, content);
  }
}

/** Every entry under `dir` with its bytes (hex) or link target, for exact before/after comparisons. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name);
      const rel = path.relative(dir, abs);
      if (e.isSymbolicLink()) out[rel] = `link:${await fs.readlink(abs)}`;
      else if (e.isDirectory()) {
        out[`${rel}/`] = 'dir';
        await walk(abs);
      } else out[rel] = (await fs.readFile(abs)).toString('hex');
    }
  };
  await walk(dir);
  return out;
}

/**
 * base/app (the workspace), base/outside (with a secret), base/app-evil (a sibling whose name starts
 * with the root's), and links from the workspace to outside.
 */
export async function makeWorkspace(): Promise<TempWorkspace> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'agent-tools-'));
  const root = path.join(base, 'app');
  const outside = path.join(base, 'outside');
  const sibling = path.join(base, 'app-evil');
  await writeTree(root, {
    'src/app.ts': 'export const app = 1;\nconsole.log(app);\n',
    'README.md': '# App\n',
  });
  await writeTree(outside, { 'secret.txt': secretText });
  await writeTree(sibling, { 'x.txt': secretText });
  await fs.symlink(path.join(outside, 'secret.txt'), path.join(root, 'link-file.txt'));
  await fs.symlink(outside, path.join(root, 'link-dir'));
  await fs.symlink(path.join(outside, 'nope.txt'), path.join(root, 'dangling.txt'));
  await fs.symlink(path.join(root, 'src', 'app.ts'), path.join(root, 'inner-link.ts'));
  return { base, root, outside, sibling, cleanup: () => fs.rm(base, { recursive: true, force: true }) };
}

export const autoApprove: ApprovalPolicy = { read: 'auto', write: 'auto', approve: async () => ({ approved: true }) };

export function runnerFor(roots: string[], options: Partial<ToolOptions> = {}): ToolRunner {
  return new ToolRunner(new NodeToolFileSystem(roots), { trusted: true, ...options });
}

let nextId = 0;

export function call(runner: ToolRunner, name: string, args: Record<string, unknown>, policy: ApprovalPolicy = autoApprove): Promise<ToolRunResult> {
  return runner.run({ id: `call_${++nextId}`, name, arguments: args }, policy);
}
