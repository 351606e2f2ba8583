// Helpers the tool modules share.
import { resolveInWorkspace, type ResolvedPath } from './confine';
import { GlobBudgetError } from './glob';
import { ToolError, type ToolContext } from './types';

export async function resolveOrThrow(ctx: ToolContext, userPath: string): Promise<ResolvedPath> {
  const r = await resolveInWorkspace(ctx.fs, userPath, ctx.secrets);
  if (!r.ok) throw new ToolError(r.error);
  return r;
}

export function throwIfAborted(ctx: ToolContext): void {
  if (ctx.signal?.aborted) throw new ToolError('Cancelled.');
}

/** `plural(3, 'file')` → '3 files'; with `more`, '3+ files'. */
export function plural(n: number, word: string, many = `${word}s`, more = false): string {
  return `${n}${more ? '+' : ''} ${n === 1 && !more ? word : many}`;
}

/** Friendly text for file-system errors from Node (errno codes) or VS Code (FileSystemError codes). */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'FileNotFound':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
    case 'NoPermissions':
      return 'permission denied';
    case 'EISDIR':
    case 'FileIsADirectory':
      return 'is a directory';
    case 'ENOTDIR':
    case 'FileNotADirectory':
      return 'a parent is not a directory';
    case 'EEXIST':
    case 'FileExists':
      return 'already exists';
    case 'ENOTEMPTY':
      return 'directory is not empty';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

/** Whether either name matches; a glob that exhausts its budget becomes an error the model can act on. */
export function matchesWithinBudget(match: (rel: string) => boolean, fromScope: string, relative: string, glob: string): boolean {
  try {
    return match(fromScope) || match(relative);
  } catch (err) {
    if (!(err instanceof GlobBudgetError)) throw err;
    throw new ToolError(`The glob '${glob}' is too costly to match against this many files; use fewer '*' or a narrower path.`);
  }
}
