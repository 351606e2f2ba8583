// The directory walk behind find_files and search_text: bounded, sorted, never following
// directory symlinks (no loops, and no escape through a link the walk did not check).
import { displayPath } from './confine';
import { resolveOrThrow, throwIfAborted } from './common';
import type { FileType, WorkspaceRoot } from './fs';
import { folderRule } from './secrets';
import { shownIn } from './shown-words';
import { ToolError, type ToolContext } from './types';

export const skippedDirectories: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Scope {
  root: WorkspaceRoot;
  absolute: string;
  inRoot: string;
  /** The scope's real path relative to the real workspace folder (differs when reached through a link). */
  realInRoot: string;
  type: FileType;
}

/** Where to search: the given path, or every workspace folder when none (or '.') is given. */
export async function resolveScopes(ctx: ToolContext, path: string | undefined): Promise<Scope[]> {
  if (path === undefined || (ctx.fs.roots.length > 1 && /^[./\\]*$/.test(path))) {
    return ctx.fs.roots.map((root) => ({ root, absolute: root.path, inRoot: '', realInRoot: '', type: 'directory' }));
  }
  const r = await resolveOrThrow(ctx, path);
  const stat = await ctx.fs.stat(r.absolute);
  if (!stat) throw new ToolError(`'${r.relative}' does not exist.`, shownIn(ctx)('{0} does not exist', r.relative));
  const rule = stat.type === 'directory' ? (folderRule(r.inRoot, ctx.secrets) ?? folderRule(r.realInRoot, ctx.secrets)) : undefined;
  if (rule) throw new ToolError(`'${r.relative}' is a protected folder (matches '${rule}'); agents cannot search it.`, shownIn(ctx)('{0} is a protected folder', r.relative));
  return [{ root: r.root, absolute: r.absolute, inRoot: r.inRoot, realInRoot: r.realInRoot, type: stat.type }];
}

export interface WalkedFile {
  absolute: string;
  /** Relative to the workspace folder, '/' separators. */
  inRoot: string;
  /** As shown to the model. */
  relative: string;
  /** Relative to the scope being walked, for glob matching. */
  fromScope: string;
  symlink: boolean;
}

export interface WalkState {
  visited: number;
  /** Set when walkMaxEntries stopped the walk early. */
  truncated: boolean;
}

export async function* walkFiles(ctx: ToolContext, scopes: readonly Scope[], state: WalkState): AsyncGenerator<WalkedFile> {
  const p = ctx.fs.path;
  for (const scope of scopes) {
    const file = (inRoot: string, absolute: string, fromScope: string, symlink: boolean): WalkedFile => ({
      absolute,
      inRoot,
      relative: displayPath(ctx.fs, scope.root, inRoot),
      fromScope,
      symlink,
    });
    if (scope.type === 'file') {
      yield file(scope.inRoot, scope.absolute, p.basename(scope.absolute), false);
      continue;
    }
    const stack: { absolute: string; inRoot: string; fromScope: string }[] = [{ absolute: scope.absolute, inRoot: scope.inRoot, fromScope: '' }];
    while (stack.length > 0) {
      throwIfAborted(ctx);
      const dir = stack.pop() as (typeof stack)[number];
      let entries;
      try {
        entries = await ctx.fs.readDirectory(dir.absolute);
      } catch {
        continue; // unreadable directories are skipped, not fatal
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: typeof stack = [];
      for (const e of entries) {
        if (++state.visited > ctx.limits.walkMaxEntries) {
          state.truncated = true;
          return;
        }
        const join = (base: string) => (base === '' ? e.name : `${base}/${e.name}`);
        const child = { absolute: p.join(dir.absolute, e.name), inRoot: join(dir.inRoot), fromScope: join(dir.fromScope) };
        if (e.type === 'directory') {
          if (!e.symlink && !skippedDirectories.has(e.name) && !isProtectedFolder(ctx, scope, child)) subdirs.push(child);
        } else if (e.type === 'file') {
          yield file(child.inRoot, child.absolute, child.fromScope, e.symlink);
        }
      }
      // Reversed so the stack pops them in name order.
      stack.push(...subdirs.reverse());
    }
  }
}

/** Protected folders (`private/**`) are not entered: the names inside can be secrets too. */
function isProtectedFolder(ctx: ToolContext, scope: Scope, dir: { inRoot: string; fromScope: string }): boolean {
  const real = scope.realInRoot === '' ? dir.fromScope : `${scope.realInRoot}/${dir.fromScope}`;
  return folderRule(dir.inRoot, ctx.secrets) !== undefined || (real !== dir.inRoot && folderRule(real, ctx.secrets) !== undefined);
}
