// Every path from the model goes through resolveInWorkspace. Containment is decided on real paths
// (symlinks resolved) with path.relative, never by string prefix: `/work/app-evil` is not in `/work/app`.
import type { PlatformPath } from 'node:path';
import type { OpenedCheck, ToolFileSystem, WorkspaceRoot } from './fs';
import { pathSyntaxProblem, showPath } from './path-syntax';
import { protectionReason, secretRule, type Access, type SecretPolicy } from './secrets';
import { inEnglish, type Translate } from '../protocol/translate';
import { ToolError } from './types';

export interface ResolvedPath {
  /** Lexical absolute path (no `..`, symlinks not resolved); what the tools read and write. */
  absolute: string;
  /** Same with every symlink resolved. */
  real: string;
  /** As shown to the model: relative to the folder, prefixed with its name in multi-root workspaces. */
  relative: string;
  /** Relative to `root.path` with '/' separators; '' for the folder itself. */
  inRoot: string;
  /** `real` relative to the real path of the folder that contains it, '/' separators. */
  realInRoot: string;
  root: WorkspaceRoot;
}

/** Why a path was refused, as data: the user's wording is made from it (shown-words.ts), the model reads `error`. */
export type PathRefusal = 'form' | 'no-folder' | 'outside' | 'which-folder' | 'unresolved' | 'protected';

/** A refused path: `error` for the model; `refusal` (with the protecting rule, if one) for the user's wording. */
export type ResolveResult = ({ ok: true } & ResolvedPath) | { ok: false; error: string; refusal: PathRefusal; rule?: string };

export function isInside(p: PlatformPath, parent: string, child: string): boolean {
  const rel = p.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel));
}

export function displayPath(fs: ToolFileSystem, root: WorkspaceRoot, inRoot: string): string {
  if (fs.roots.length > 1) return inRoot === '' ? root.name : `${root.name}/${inRoot}`;
  return inRoot === '' ? '.' : inRoot;
}

function toInRoot(p: PlatformPath, root: string, absolute: string): string {
  return p.relative(root, absolute).split(p.sep).join('/');
}

/** `access` 'write' also applies the rules for files agents may read but not change. */
export async function resolveInWorkspace(fs: ToolFileSystem, userPath: string, policy: SecretPolicy = {}, access: Access = 'read'): Promise<ResolveResult> {
  const shown = showPath(userPath);
  const fail = (why: string, refusal: PathRefusal, rule?: string): ResolveResult => ({ ok: false, error: `Path '${shown}' ${why}.`, refusal, ...(rule ? { rule } : {}) });
  const problem = pathSyntaxProblem(userPath);
  if (problem) return fail(problem, 'form');
  if (fs.roots.length === 0) return fail('cannot be used: no folder is open in this workspace', 'no-folder');
  const p = fs.path;
  const outside = fail('is outside the workspace; only files inside the workspace folder can be used', 'outside');

  // Backslashes are separators everywhere, so `..\\x` is traversal on every host, not a file name.
  const norm = userPath.replace(/\\/g, '/');
  let root: WorkspaceRoot | undefined;
  let absolute: string;
  if (norm.startsWith('/')) {
    absolute = p.resolve(norm);
    // The deepest folder wins when workspace folders are nested.
    root = fs.roots.filter((r) => isInside(p, r.path, absolute)).sort((a, b) => b.path.length - a.path.length)[0];
    if (!root) return outside;
  } else {
    const segments = norm.split('/').filter((s) => s !== '' && s !== '.');
    if (fs.roots.length > 1) {
      const names = fs.roots.map((r) => `'${r.name}/'`).join(', ');
      root = fs.roots.find((r) => r.name === segments[0]);
      if (!root) return fail(`does not start with a workspace folder name; this workspace has several folders: ${names}`, 'which-folder');
      segments.shift();
    } else {
      root = fs.roots[0] as WorkspaceRoot;
    }
    absolute = p.resolve(root.path, ...segments);
    if (!isInside(p, root.path, absolute)) return outside;
  }

  const real = await realpathOfLongestExisting(fs, absolute);
  if (typeof real !== 'string') return fail(real.error, 'unresolved');
  const inRoot = toInRoot(p, root.path, absolute);
  const located = await locateReal(fs, real);
  if (!located) return fail('resolves through a symbolic link to a location outside the workspace', 'outside');
  // Checked on both names so a link `notes.txt -> .env` does not expose the secret.
  const rule = secretRule(inRoot, policy, access) ?? secretRule(located.realInRoot, policy, access);
  if (rule) return fail(protectionReason(rule, access), 'protected', rule);
  return { ok: true, absolute, real, relative: displayPath(fs, root, inRoot), inRoot, realInRoot: located.realInRoot, root };
}

/** Where a real path lies: relative to the real path of the workspace folder containing it, if any. */
async function locateReal(fs: ToolFileSystem, real: string): Promise<{ realInRoot: string } | undefined> {
  const realRoots = await Promise.all(fs.roots.map((r) => fs.realpath(r.path).catch(() => r.path)));
  const realRoot = realRoots.find((r) => isInside(fs.path, r, real));
  return realRoot === undefined ? undefined : { realInRoot: toInRoot(fs.path, realRoot, real) };
}

/**
 * A check of what a read or write actually opened (see local-io.ts): its real path must still be in
 * the workspace and not protected, however the path was changed since it was resolved.
 */
export function openedCheck(fs: ToolFileSystem, shown: string, policy: SecretPolicy, access: Access, t: Translate = inEnglish): OpenedCheck {
  return async (real) => {
    const located = await locateReal(fs, real);
    if (!located) {
      const english = `Path '${shown}' now resolves to a location outside the workspace (it was changed while in use); nothing was ${access === 'read' ? 'read' : 'written'}.`;
      throw new ToolError(english, t('{0} is outside the workspace', shown));
    }
    const rule = secretRule(located.realInRoot, policy, access);
    if (rule) throw new ToolError(`Path '${shown}' ${protectionReason(rule, access)}.`, t("{0} is a protected file (matches '{1}')", shown, rule));
  };
}

/** Real path of `absolute`, resolving the longest prefix that exists, so files about to be created are checked too. */
async function realpathOfLongestExisting(fs: ToolFileSystem, absolute: string): Promise<string | { error: string }> {
  const p = fs.path;
  const tail: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      const real = await fs.realpath(current);
      return tail.length === 0 ? real : p.join(real, ...tail.reverse());
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === 'ELOOP') return { error: 'goes through a symbolic link loop (links that point at each other)' };
      // Something is there but cannot be resolved: a dangling link (whose target could be anywhere), a loop, no access.
      const stat = await fs.stat(current).catch((e: unknown) => ((e as { code?: unknown } | null)?.code === 'ELOOP' ? ('loop' as const) : ('unreadable' as const)));
      if (stat === 'loop') return { error: 'goes through a symbolic link loop (links that point at each other)' };
      if (stat === 'unreadable') return { error: 'cannot be resolved (permission denied or I/O error)' };
      if (stat?.symlink) return { error: `goes through a symbolic link ('${p.basename(current)}') whose target does not exist` };
      if (stat) return { error: 'cannot be resolved' };
      const parent = p.dirname(current);
      if (parent === current) return { error: 'cannot be resolved' };
      tail.push(p.basename(current));
      current = parent;
    }
  }
}
