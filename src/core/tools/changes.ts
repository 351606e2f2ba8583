// Applying proposed changes and undoing them from stored pre-images (USERS.md #10: undo per turn
// from the files we touched, not a shadow repository).
import { openedCheck, resolveInWorkspace } from './confine';
import { describeFsError, refuseHardLinked } from './common';
import { inEnglish, type Translate } from '../protocol/translate';
import { refusalShown, shownIn } from './shown-words';
import type { OpenedCheck, ToolFileSystem } from './fs';
import type { SecretPolicy } from './secrets';
import { encodeText, stateDigest } from './text';
import { ToolError, type AppliedChange, type ProposedChange, type ToolContext } from './types';

/** What is at `absolute` now, with its bytes when it is a file. */
async function current(fs: ToolFileSystem, absolute: string, check: OpenedCheck): Promise<{ digest: string; bytes?: Uint8Array; links?: number }> {
  const stat = await fs.stat(absolute);
  if (!stat) return { digest: stateDigest('absent') };
  if (stat.type === 'directory') return { digest: stateDigest('dir') };
  const bytes = await fs.readFile(absolute, check);
  return { digest: stateDigest(bytes), bytes, ...(stat.links !== undefined ? { links: stat.links } : {}) };
}

/**
 * Re-checks confinement and the secret rules, which also apply to Undo: a directory could have been
 * swapped for a symlink (to outside, or to `.env`) while the user was deciding or since the change.
 * Returns the check for what each file operation then opens.
 */
async function reconfirm(fs: ToolFileSystem, change: ProposedChange, policy: SecretPolicy, t: Translate = inEnglish): Promise<OpenedCheck> {
  const r = await resolveInWorkspace(fs, change.path, policy, 'write');
  if (!r.ok) throw new ToolError(r.error, refusalShown(r, change.path, t));
  if (r.absolute !== change.absolute) throw new ToolError(`'${change.path}' no longer resolves to the same file.`, t('{0} is no longer the same file', change.path));
  return openedCheck(fs, change.path, policy, 'write', t);
}

/** Creates the missing directories above and including `dir`, returning them outermost first. */
async function ensureDirectory(fs: ToolFileSystem, dir: string, check: OpenedCheck, t: Translate = inEnglish): Promise<string[]> {
  const missing: string[] = [];
  for (let d = dir; ; d = fs.path.dirname(d)) {
    const stat = await fs.stat(d);
    if (stat?.type === 'directory') break;
    if (stat) throw new ToolError(`'${fs.path.basename(d)}' is a file, not a directory.`, t('{0} is a file, not a folder', fs.path.basename(d)));
    if (fs.path.dirname(d) === d) break;
    missing.unshift(d);
  }
  for (const d of missing) await fs.createDirectory(d, check);
  return missing;
}

export async function applyChange(change: ProposedChange, ctx: ToolContext): Promise<AppliedChange> {
  const { fs } = ctx;
  const t = shownIn(ctx);
  const check = await reconfirm(fs, change, ctx.secrets, t);
  const now = await current(fs, change.absolute, check);
  if (now.digest !== change.beforeDigest) {
    throw new ToolError(`'${change.path}' changed after this change was proposed; read it again and retry.`, t('{0} changed while the change waited', change.path));
  }
  let createdDirs: string[] = [];
  switch (change.kind) {
    case 'create':
    case 'modify':
      if (change.kind === 'modify') refuseHardLinked(now.links, change.path, t);
      createdDirs = await ensureDirectory(fs, fs.path.dirname(change.absolute), check, t);
      await fs.writeFile(change.absolute, encodeText(change.after ?? ''), check);
      break;
    case 'mkdir':
      createdDirs = await ensureDirectory(fs, change.absolute, check, t);
      break;
    case 'delete':
    case 'rmdir':
      await fs.delete(change.absolute, { recursive: false }, check);
      break;
  }
  const after = await current(fs, change.absolute, check);
  return { ...change, preImage: now.bytes, createdDirs, afterDigest: after.digest };
}

export interface UndoResult {
  /** Paths (as shown to the model) restored to their state before the change. */
  restored: string[];
  /** Changes left alone, with why: changed again since, or the restore failed. */
  conflicts: { path: string; reason: string }[];
}

/**
 * Undoes changes newest first. A path that changed again after our change (the user kept editing)
 * is reported as a conflict and left alone, unless `force` is set.
 */
export async function undoChanges(
  fs: ToolFileSystem,
  changes: readonly AppliedChange[],
  options: { force?: boolean; secrets?: SecretPolicy; t?: Translate } = {},
): Promise<UndoResult> {
  const result: UndoResult = { restored: [], conflicts: [] };
  // The reasons are for the user (the chat's notice, VS Code's Chat), in their language.
  const t = options.t ?? inEnglish;
  for (const change of [...changes].reverse()) {
    try {
      const check = await reconfirm(fs, change, options.secrets ?? {}, t);
      const now = await current(fs, change.absolute, check);
      if (now.digest !== change.afterDigest && !options.force) {
        result.conflicts.push({ path: change.path, reason: t('changed since the agent modified it') });
        continue;
      }
      await undoOne(fs, change, check, t);
      result.restored.push(change.path);
    } catch (err) {
      result.conflicts.push({ path: change.path, reason: err instanceof ToolError ? (err.shown ?? err.message) : describeFsError(err, t) });
    }
  }
  return result;
}

async function undoOne(fs: ToolFileSystem, change: AppliedChange, check: OpenedCheck, t: Translate): Promise<void> {
  switch (change.kind) {
    case 'modify':
    case 'delete':
      await ensureDirectory(fs, fs.path.dirname(change.absolute), check, t);
      await fs.writeFile(change.absolute, change.preImage ?? new Uint8Array(), check);
      break;
    case 'create':
      if (await fs.stat(change.absolute)) await fs.delete(change.absolute, { recursive: false }, check);
      break;
    case 'rmdir':
      await ensureDirectory(fs, change.absolute, check, t);
      break;
    case 'mkdir':
      if ((await fs.readDirectory(change.absolute)).length > 0) throw new ToolError('the directory is no longer empty', t('the folder is no longer empty'));
      break;
  }
  // Directories we created go too, innermost first, but only while empty: never take user files with them.
  // (They come from the conversation's log after a reload, so each must still be one of the file's own
  // folders inside the workspace.)
  for (const dir of [...change.createdDirs].reverse()) {
    if (!ownFolderInWorkspace(fs, dir, change.absolute)) continue;
    const stat = await fs.stat(dir);
    if (stat?.type === 'directory' && (await fs.readDirectory(dir)).length === 0) await fs.delete(dir, { recursive: false }, check);
  }
}

/** `dir` lies between a workspace folder (exclusive) and `absolute` (the changed path). */
function ownFolderInWorkspace(fs: ToolFileSystem, dir: string, absolute: string): boolean {
  const inside = (parent: string, child: string) => {
    const rel = fs.path.relative(parent, child);
    return rel !== '' && !rel.startsWith('..') && !fs.path.isAbsolute(rel);
  };
  return (dir === absolute || inside(dir, absolute)) && fs.roots.some((root) => inside(root.path, dir));
}
