// read_file and list_directory.
import { guard, resolveOrThrow, plural } from './common';
import { linesCount, shownIn } from './shown-words';
import { folderRule } from './secrets';
import type { JsonSchema } from './schema';
import { clip, decodeText, isBinary, splitLines } from './text';
import { ToolError, toolDefinition, type ReadTool, type ToolContext } from './types';

const readSchema: JsonSchema = {
  type: 'object',
  properties: {
    path: { type: 'string', minLength: 1, description: "Workspace-relative path, e.g. 'src/app.ts'." },
    startLine: { type: 'integer', minimum: 1, description: 'First line to return (1-based). Default 1.' },
    endLine: { type: 'integer', minimum: 1, description: 'Last line to return (inclusive). Default: end of file.' },
  },
  required: ['path'],
  additionalProperties: false,
};

export const readFile: ReadTool = {
  kind: 'read',
  schema: readSchema,
  definition: toolDefinition(
    'read_file',
    'Read a text file of the workspace. Lines are prefixed with their number and a tab (the prefix is not part of the file). ' +
      'Long files are returned in parts; use startLine/endLine to read more.',
    readSchema,
  ),
  async execute(args, ctx) {
    const r = await resolveOrThrow(ctx, args.path as string);
    const t = shownIn(ctx);
    const stat = await ctx.fs.stat(r.absolute);
    if (!stat) throw new ToolError(`File '${r.relative}' does not exist. Use list_directory or find_files to locate it.`, t('{0} does not exist', r.relative));
    if (stat.type === 'directory') throw new ToolError(`'${r.relative}' is a directory; use list_directory.`, t('{0} is a folder', r.relative));
    if (stat.type !== 'file') throw new ToolError(`'${r.relative}' is not a regular file.`, t('{0} is not a regular file', r.relative));
    const { limits } = ctx;
    if (stat.size > limits.readMaxFileBytes) {
      throw new ToolError(`'${r.relative}' is too large to read (${stat.size} bytes); use search_text to find the relevant part.`, t('{0} is too large to read', r.relative));
    }
    const bytes = await ctx.fs.readFile(r.absolute, guard(ctx, r.relative));
    if (isBinary(bytes)) throw new ToolError(`'${r.relative}' is a binary file (${bytes.length} bytes); read_file only reads text.`, t('{0} is a binary file', r.relative));
    const lines = splitLines(decodeText(bytes).replace(/^\uFEFF/, ''));
    const total = lines.length;
    if (total === 0) return { content: `${r.relative} is empty.`, summary: t('Read {0} (empty)', r.relative) };

    const start = (args.startLine as number | undefined) ?? 1;
    const requestedEnd = Math.min((args.endLine as number | undefined) ?? total, total);
    if (start > total) throw new ToolError(`startLine ${start} is past the end of '${r.relative}', which has ${plural(total, 'line')}.`, t('{0} has only {1}', r.relative, linesCount(total, t)));
    if (requestedEnd < start) throw new ToolError(`endLine (${requestedEnd}) must not be before startLine (${start}).`, t('the last line asked for comes before the first'));

    const width = String(requestedEnd).length;
    const out: string[] = [];
    let chars = 0;
    let last = start - 1;
    for (let n = start; n <= requestedEnd && n - start < limits.readMaxLines; n++) {
      const line = `${String(n).padStart(width)}\t${clip(lines[n - 1] as string, limits.maxLineChars)}`;
      if (chars + line.length > limits.readMaxChars && out.length > 0) break;
      out.push(line);
      chars += line.length + 1;
      last = n;
    }
    const header = `${r.relative} (lines ${start}-${last} of ${total}):`;
    const more = last < requestedEnd ? `\n[Truncated at line ${last} of ${total}. Call read_file with startLine=${last + 1} to continue.]` : '';
    const summary = t('Read {0} (lines {1}-{2} of {3})', r.relative, start, last, total);
    return { content: `${header}\n${out.join('\n')}${more}`, summary, lineRange: { start, end: last, total } };
  },
};

const listSchema: JsonSchema = {
  type: 'object',
  properties: { path: { type: 'string', minLength: 1, description: "Workspace-relative directory. Default '.', the workspace folder." } },
  additionalProperties: false,
};

export const listDirectory: ReadTool = {
  kind: 'read',
  schema: listSchema,
  definition: toolDefinition(
    'list_directory',
    "List a directory of the workspace. Directories end with '/'; symbolic links are marked '(symlink)'.",
    listSchema,
  ),
  async execute(args, ctx) {
    const path = (args.path as string | undefined) ?? '.';
    if (ctx.fs.roots.length > 1 && /^[./\\]*$/.test(path)) return listRoots(ctx);
    const r = await resolveOrThrow(ctx, path);
    const stat = await ctx.fs.stat(r.absolute);
    const t = shownIn(ctx);
    if (!stat) throw new ToolError(`Directory '${r.relative}' does not exist.`, t('{0} does not exist', r.relative));
    if (stat.type !== 'directory') throw new ToolError(`'${r.relative}' is not a directory; use read_file for files.`, t('{0} is not a folder', r.relative));
    // Names inside a protected folder (a `private/**` rule, a link to one) can be secrets themselves.
    const rule = folderRule(r.inRoot, ctx.secrets) ?? folderRule(r.realInRoot, ctx.secrets);
    if (rule) throw new ToolError(`'${r.relative}' is a protected folder (matches '${rule}'); its contents are not listed for agents.`, t('{0} is a protected folder', r.relative));
    const entries = (await ctx.fs.readDirectory(r.absolute)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const max = ctx.limits.listMaxEntries;
    const shown = entries
      .slice(0, max)
      .map((e) => `${e.name}${e.type === 'directory' ? '/' : ''}${e.symlink ? ' (symlink)' : ''}`);
    const label = r.relative === '.' ? '.' : `${r.relative}/`;
    if (entries.length === 0) return { content: `${label} is empty.`, summary: shownIn(ctx)('Listed {0} (empty)', label) };
    const more = entries.length > max ? `\n[Showing ${max} of ${entries.length} entries. Use find_files to narrow down.]` : '';
    return { content: `${label} (${plural(entries.length, 'entry', 'entries')}):\n${shown.join('\n')}${more}`, summary: shownIn(ctx)('Listed {0} ({1})', label, entries.length) };
  },
};

function listRoots(ctx: ToolContext) {
  const names = ctx.fs.roots.map((r) => `${r.name}/`);
  return {
    content: `This workspace has ${names.length} folders; start paths with a folder name:\n${names.join('\n')}`,
    summary: shownIn(ctx)('Listed {0} workspace folders', names.length),
  };
}
