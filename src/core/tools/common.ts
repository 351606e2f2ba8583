// Helpers the tool modules share.
import { openedCheck, resolveInWorkspace, type ResolvedPath } from './confine';
import { showPath } from './path-syntax';
import { inEnglish, type Translate } from '../protocol/translate';
import { refusalShown, shownIn } from './shown-words';
import type { OpenedCheck } from './fs';
import { GlobBudgetError } from './glob';
import type { Access } from './secrets';
import { ToolError, type ToolContext } from './types';

export async function resolveOrThrow(ctx: ToolContext, userPath: string, access: Access = 'read'): Promise<ResolvedPath> {
  const r = await resolveInWorkspace(ctx.fs, userPath, ctx.secrets, access);
  if (!r.ok) throw new ToolError(r.error, refusalShown(r, showPath(userPath), shownIn(ctx)));
  return r;
}

/** The check that what a read or write opened is still inside the workspace and not protected. */
export function guard(ctx: ToolContext, shown: string, access: Access = 'read'): OpenedCheck {
  return openedCheck(ctx.fs, shown, ctx.secrets, access, shownIn(ctx));
}

/** Refuses to change a file with other hard links: one of its other names may be outside the workspace. */
export function refuseHardLinked(links: number | undefined, shown: string, t: Translate = inEnglish): void {
  if (links !== undefined && links > 1) {
    throw new ToolError(
      `'${shown}' has ${links} hard links (the same file under other names, possibly outside the workspace), so agents do not change it. ` +
        'Tell the user the change to make instead',
      t('{0} has other names (hard links) and is not changed', shown),
    );
  }
}

export function throwIfAborted(ctx: ToolContext): void {
  if (ctx.signal?.aborted) throw new ToolError('Cancelled.', shownIn(ctx)('cancelled'));
}

/** `plural(3, 'file')` → '3 files'; with `more`, '3+ files'. */
export function plural(n: number, word: string, many = `${word}s`, more = false): string {
  return `${n}${more ? '+' : ''} ${n === 1 && !more ? word : many}`;
}

/** Friendly text for file-system errors from Node (errno codes) or VS Code (FileSystemError codes); in English unless `t` translates. */
export function describeFsError(err: unknown, t: Translate = inEnglish): string {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'FileNotFound':
      return t('no such file or directory');
    case 'EACCES':
    case 'EPERM':
    case 'NoPermissions':
      return t('permission denied');
    case 'EISDIR':
    case 'FileIsADirectory':
      return t('is a directory');
    case 'ENOTDIR':
    case 'FileNotADirectory':
      return t('a parent is not a directory');
    case 'EEXIST':
    case 'FileExists':
      return t('already exists');
    case 'ELOOP':
      return t('a symbolic link loop (links that point at each other)');
    case 'ENOTREG':
      return t('not a regular file (a pipe, socket or device)');
    case 'ENXIO':
      return t('not a regular file (a pipe or socket with nothing on the other end)');
    case 'ENOTEMPTY':
      return t('directory is not empty');
    case 'ENOSPC':
      return t('no space left on device');
    case 'EROFS':
      return t('read-only file system');
    default:
      // The system's own message (it has no code we know): quoted as it is.
      return err instanceof Error ? err.message : String(err);
  }
}

/** Whether either name matches; a glob that exhausts its budget becomes an error the model can act on. */
export function matchesWithinBudget(match: (rel: string) => boolean, fromScope: string, relative: string, glob: string, t: Translate = inEnglish): boolean {
  try {
    return match(fromScope) || match(relative);
  } catch (err) {
    if (!(err instanceof GlobBudgetError)) throw err;
    throw new ToolError(`The glob '${glob}' is too costly to match against this many files; use fewer '*' or a narrower path.`, t('the pattern {0} is too costly to match', glob));
  }
}
