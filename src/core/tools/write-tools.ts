// write_file, edit_file, create_directory, delete_file. Each only *proposes* a change; the runner
// asks for approval and changes.ts applies it, keeping the pre-image for undo.
import type { ResolvedPath } from './confine';
import { guard, plural, refuseHardLinked, resolveOrThrow } from './common';
import { linesCount, shownIn } from './shown-words';
import type { JsonSchema } from './schema';
import { decodeText, isBinary, lineCount, roundTrips, stateDigest } from './text';
import { ToolError, toolDefinition, type ProposedChange, type ToolContext, type WriteTool } from './types';

const pathProp: JsonSchema = { type: 'string', minLength: 1, description: "Workspace-relative path, e.g. 'src/app.ts'." };

function objectSchema(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** Existing text of a file we are about to change, refusing what text tools must not rewrite. */
async function readExistingText(ctx: ToolContext, r: ResolvedPath): Promise<{ text: string; digest: string } | undefined> {
  const t = shownIn(ctx);
  const stat = await ctx.fs.stat(r.absolute);
  if (!stat) return undefined;
  if (stat.type === 'directory') throw new ToolError(`'${r.relative}' is a directory.`, t('{0} is a folder', r.relative));
  if (stat.type !== 'file') throw new ToolError(`'${r.relative}' is not a regular file.`, t('{0} is not a regular file', r.relative));
  refuseHardLinked(stat.links, r.relative, t);
  const bytes = await ctx.fs.readFile(r.absolute, guard(ctx, r.relative, 'write'));
  if (isBinary(bytes)) throw new ToolError(`'${r.relative}' is a binary file; text tools cannot change it.`, t('{0} is a binary file', r.relative));
  const text = decodeText(bytes);
  if (!roundTrips(bytes, text)) throw new ToolError(`'${r.relative}' is not valid UTF-8; rewriting it as text would corrupt it.`, t('{0} is not valid UTF-8 text', r.relative));
  return { text, digest: stateDigest(bytes) };
}

/** Refuses early when an ancestor that exists is a file, so the proposal shown for approval can succeed. */
async function checkParents(ctx: ToolContext, r: ResolvedPath): Promise<void> {
  const p = ctx.fs.path;
  for (let dir = p.dirname(r.absolute); dir !== r.root.path && dir !== p.dirname(dir); dir = p.dirname(dir)) {
    const stat = await ctx.fs.stat(dir);
    if (stat && stat.type !== 'directory') {
      throw new ToolError(`Cannot create '${r.relative}': '${p.basename(dir)}' is a file, not a directory.`, shownIn(ctx)('{0} is a file, not a folder', p.basename(dir)));
    }
    if (stat) return;
  }
}

const writeSchema = objectSchema({ path: pathProp, content: { type: 'string', description: 'The complete new content of the file.' } });

export const writeFile: WriteTool = {
  kind: 'write',
  schema: writeSchema,
  definition: toolDefinition(
    'write_file',
    'Create a file, or replace a file\'s entire content. Creates missing parent directories. Prefer edit_file for small changes to existing files.',
    writeSchema,
  ),
  async prepare(args, ctx) {
    const r = await resolveOrThrow(ctx, args.path as string, 'write');
    const content = args.content as string;
    const existing = await readExistingText(ctx, r);
    if (existing?.text === content) return `'${r.relative}' already has this content; nothing to change.`;
    if (!existing) await checkParents(ctx, r);
    const n = lineCount(content);
    const t = shownIn(ctx);
    return {
      tool: 'write_file',
      path: r.relative,
      absolute: r.absolute,
      kind: existing ? 'modify' : 'create',
      before: existing?.text,
      after: content,
      beforeDigest: existing?.digest ?? stateDigest('absent'),
      summary: existing ? `Rewrite ${r.relative} (${lineCount(existing.text)} → ${plural(n, 'line')})` : `Create ${r.relative} (${plural(n, 'line')})`,
      shown: existing ? t('Rewrite {0} ({1} → {2})', r.relative, lineCount(existing.text), linesCount(n, t)) : t('Create {0} ({1})', r.relative, linesCount(n, t)),
    };
  },
};

const editSchema = objectSchema({
  path: pathProp,
  oldText: { type: 'string', minLength: 1, description: 'Exact text to replace, including whitespace and indentation; must occur exactly once. Without the line-number prefix read_file shows.' },
  newText: { type: 'string', description: 'Replacement text (may be empty to delete).' },
});

export const editFile: WriteTool = {
  kind: 'write',
  schema: editSchema,
  definition: toolDefinition(
    'edit_file',
    'Replace one exact occurrence of oldText with newText in an existing file. Include enough surrounding lines for oldText to be unique.',
    editSchema,
  ),
  async prepare(args, ctx) {
    const r = await resolveOrThrow(ctx, args.path as string, 'write');
    let oldText = args.oldText as string;
    let newText = args.newText as string;
    const t = shownIn(ctx);
    if (oldText === newText) throw new ToolError('oldText and newText are identical; nothing would change.', t('the new text is the same as the old'));
    const existing = await readExistingText(ctx, r);
    if (!existing) throw new ToolError(`File '${r.relative}' does not exist. Use write_file to create it.`, t('{0} does not exist', r.relative));
    const { text } = existing;
    // Models write '\n'; files may use '\r\n'. Match and write in the file's own convention.
    if (!text.includes(oldText) && text.includes('\r\n') && !oldText.includes('\r')) {
      oldText = oldText.replace(/\n/g, '\r\n');
      newText = newText.replace(/\r?\n/g, '\r\n');
    }
    const count = occurrences(text, oldText);
    if (count === 0) {
      const numbered = /^\s*\d+\t/m.test(oldText) ? ' It seems to include the line-number prefixes from read_file; remove them.' : '';
      throw new ToolError(
        `oldText was not found in '${r.relative}'. It must match the file exactly, including whitespace and indentation; read the file again and copy the text.${numbered}`,
        t('the text to replace was not found in {0}', r.relative),
      );
    }
    if (count > 1) {
      throw new ToolError(`oldText occurs ${count} times in '${r.relative}'; include more surrounding lines so it matches exactly once.`, t('the text to replace occurs {0} times in {1}', count, r.relative));
    }
    const at = text.indexOf(oldText);
    const after = text.slice(0, at) + newText + text.slice(at + oldText.length);
    return {
      tool: 'edit_file',
      path: r.relative,
      absolute: r.absolute,
      kind: 'modify',
      before: text,
      after,
      beforeDigest: existing.digest,
      summary: `Edit ${r.relative} (replace ${plural(lineCount(oldText), 'line')} with ${plural(lineCount(newText), 'line')})`,
      shown: t('Edit {0} (replace {1} with {2})', r.relative, linesCount(lineCount(oldText), t), linesCount(lineCount(newText), t)),
    };
  },
};

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

const mkdirSchema = objectSchema({ path: pathProp });

export const createDirectory: WriteTool = {
  kind: 'write',
  schema: mkdirSchema,
  definition: toolDefinition('create_directory', 'Create a directory, including missing parents.', mkdirSchema),
  async prepare(args, ctx) {
    const r = await resolveOrThrow(ctx, args.path as string, 'write');
    const t = shownIn(ctx);
    const stat = await ctx.fs.stat(r.absolute);
    if (stat?.type === 'directory') return `Directory '${r.relative}' already exists.`;
    if (stat) throw new ToolError(`'${r.relative}' already exists and is not a directory.`, t('{0} already exists and is not a folder', r.relative));
    await checkParents(ctx, r);
    const summary = `Create directory ${r.relative}`;
    return { tool: 'create_directory', path: r.relative, absolute: r.absolute, kind: 'mkdir', before: undefined, after: undefined, beforeDigest: stateDigest('absent'), summary, shown: t('Create folder {0}', r.relative) };
  },
};

const deleteSchema = objectSchema({ path: pathProp });

export const deleteFile: WriteTool = {
  kind: 'write',
  schema: deleteSchema,
  definition: toolDefinition('delete_file', 'Delete a file or an empty directory.', deleteSchema),
  async prepare(args, ctx): Promise<ProposedChange> {
    const r = await resolveOrThrow(ctx, args.path as string, 'write');
    const t = shownIn(ctx);
    if (r.inRoot === '') throw new ToolError(`Refusing to delete the workspace folder '${r.relative}'.`, t('{0} is a workspace folder and is not deleted', r.relative));
    const stat = await ctx.fs.stat(r.absolute);
    if (!stat) throw new ToolError(`'${r.relative}' does not exist.`, t('{0} does not exist', r.relative));
    // Undo could not recreate a link through this interface, so links are left alone.
    if (stat.symlink) throw new ToolError(`'${r.relative}' is a symbolic link; deleting links is not supported.`, t('{0} is a symbolic link, which is not deleted', r.relative));
    const base = { tool: 'delete_file', path: r.relative, absolute: r.absolute, after: undefined };
    if (stat.type === 'directory') {
      const entries = await ctx.fs.readDirectory(r.absolute);
      if (entries.length > 0) {
        throw new ToolError(`Directory '${r.relative}' is not empty (${plural(entries.length, 'entry', 'entries')}); delete its files first.`, t('the folder {0} is not empty', r.relative));
      }
      return { ...base, kind: 'rmdir', before: undefined, beforeDigest: stateDigest('dir'), summary: `Delete empty directory ${r.relative}`, shown: t('Delete empty folder {0}', r.relative) };
    }
    if (stat.type !== 'file') throw new ToolError(`'${r.relative}' is not a regular file.`, t('{0} is not a regular file', r.relative));
    const bytes = await ctx.fs.readFile(r.absolute, guard(ctx, r.relative, 'write'));
    const before = isBinary(bytes) ? undefined : decodeText(bytes);
    return { ...base, kind: 'delete', before, beforeDigest: stateDigest(bytes), summary: `Delete ${r.relative}`, shown: t('Delete {0}', r.relative) };
  },
};
