// A throw-away copy of the sample workspace, for tests that let the agents change files: the repository's
// test/workspace is never touched. The copy is removed by `remove()` and, failing that, when the process exits.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sampleWorkspace } from './harness';

export interface TempWorkspace {
  /** The folder to open (named "workspace", like the sample). */
  readonly dir: string;
  /** Absolute path of a workspace-relative file. */
  file(relative: string): string;
  /** A file's text as it is on disk now. */
  read(relative: string): string;
  /** The text the file had in the sample workspace. */
  original(relative: string): string;
  remove(): void;
}

export function copySampleWorkspace(label: string): TempWorkspace {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), `agent-chat-e2e-${label}-`));
  const dir = path.join(base, 'workspace');
  fs.cpSync(sampleWorkspace, dir, { recursive: true });
  const remove = () => fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 });
  process.once('exit', remove);
  return {
    dir,
    file: (relative) => path.join(dir, relative),
    read: (relative) => fs.readFileSync(path.join(dir, relative), 'utf8'),
    original: (relative) => fs.readFileSync(path.join(sampleWorkspace, relative), 'utf8'),
    remove() {
      process.removeListener('exit', remove);
      remove();
    },
  };
}
