// search_text: plain or regex search through the workspace's text files.
import { resolveInWorkspace } from './confine';
import { guard, matchesWithinBudget, plural, throwIfAborted } from './common';
import { pathMatcher } from './glob';
import { GuardedRegex, RegexTimeoutError } from './regex-guard';
import type { JsonSchema } from './schema';
import { secretRule } from './secrets';
import { matchesCount, shownIn } from './shown-words';
import { clip, decodeText, isBinary, splitLines } from './text';
import { ToolError, toolDefinition, type ReadTool, type ToolContext } from './types';
import { resolveScopes, walkFiles, type WalkedFile, type WalkState } from './walk';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    query: { type: 'string', minLength: 1, description: 'Text to find, or a JavaScript regular expression when regex is true.' },
    regex: { type: 'boolean', description: 'Treat query as a regular expression. Default false.' },
    caseSensitive: { type: 'boolean', description: 'Default false.' },
    path: { type: 'string', minLength: 1, description: 'File or directory to search, workspace-relative. Default: the whole workspace.' },
    include: { type: 'string', minLength: 1, description: "Only files matching this glob, e.g. '*.ts' or 'src/**/*.{js,ts}'." },
  },
  required: ['query'],
  additionalProperties: false,
};

/** Files are matched in batches of about this many characters per guarded regex call. */
const batchChars = 512 * 1024;

interface Loaded {
  file: WalkedFile;
  text: string;
}

export const searchText: ReadTool = {
  kind: 'read',
  schema,
  definition: toolDefinition(
    'search_text',
    "Search text files for a string or regular expression. Returns 'path:line: text' for each matching line. " +
      'Skips node_modules, .git, binary files and files over 1 MB.',
    schema,
  ),
  async execute(args, ctx) {
    const query = args.query as string;
    const caseSensitive = args.caseSensitive === true;
    const matchLines = args.regex === true ? regexMatcher(query, caseSensitive, ctx) : plainMatcher(query, caseSensitive);
    let include: ((rel: string) => boolean) | undefined;
    try {
      include = args.include === undefined ? undefined : pathMatcher(args.include as string, { budget: { remaining: ctx.limits.globMaxSteps } });
    } catch (err) {
      throw new ToolError(`Invalid include glob: ${err instanceof Error ? err.message : String(err)}.`, shownIn(ctx)('the pattern {0} is not valid', String(args.include)));
    }
    const scopes = await resolveScopes(ctx, args.path as string | undefined);
    const state: WalkState = { visited: 0, truncated: false };
    const max = ctx.limits.searchMaxMatches;
    const hits: string[] = [];
    let searched = 0;
    let skipped = 0;
    let batch: Loaded[] = [];
    let batchSize = 0;

    const flush = () => {
      const perFile = matchLines(batch.map((b) => b.text));
      batch.forEach((b, i) => {
        const lines = splitLines(b.text);
        for (const n of perFile[i] ?? []) {
          if (hits.length > max || n >= lines.length) break;
          hits.push(`${b.file.relative}:${n + 1}: ${clip((lines[n] as string).trim(), 200)}`);
        }
      });
      batch = [];
      batchSize = 0;
    };

    for await (const file of walkFiles(ctx, scopes, state)) {
      throwIfAborted(ctx);
      if (include && !matchesWithinBudget(include, file.fromScope, file.relative, args.include as string, shownIn(ctx))) continue;
      const text = await loadSearchable(ctx, file);
      if (text === undefined) {
        skipped++;
        continue;
      }
      searched++;
      batch.push({ file, text });
      batchSize += text.length;
      if (batchSize >= batchChars) flush();
      if (hits.length > max) break;
    }
    if (batch.length > 0 && hits.length <= max) flush();

    const more = hits.length > max;
    const shown = hits.slice(0, max);
    const notes: string[] = [];
    if (more) notes.push(`[Showing the first ${max} matches; narrow the query, path or include.]`);
    if (state.truncated) notes.push(`[Stopped after visiting ${ctx.limits.walkMaxEntries} entries; results may be incomplete.]`);
    if (skipped > 0) notes.push(`[Skipped ${skipped} binary, large, protected or unreadable files.]`);
    const head = shown.length === 0 ? `No matches for '${query}' in ${searched} files.` : `${plural(shown.length, 'match', 'matches', more)} for '${query}':`;
    return { content: [head, ...shown, ...notes].join('\n'), summary: shownIn(ctx)('Searched for {0}: {1}', query, matchesCount(shown.length, more, shownIn(ctx))) };
  },
};

function plainMatcher(query: string, caseSensitive: boolean) {
  const needle = caseSensitive ? query : query.toLowerCase();
  return (texts: string[]) =>
    texts.map((t) =>
      splitLines(t).flatMap((line, i) => ((caseSensitive ? line : line.toLowerCase()).includes(needle) ? [i] : [])),
    );
}

function regexMatcher(query: string, caseSensitive: boolean, ctx: ToolContext) {
  let guarded: GuardedRegex;
  try {
    guarded = new GuardedRegex(query, caseSensitive ? '' : 'i', ctx.limits.regexBudgetMs, ctx.limits.searchMaxLineChars);
  } catch (err) {
    const english = `Invalid regular expression '${query}': ${err instanceof Error ? err.message : String(err)}. Fix it or set regex to false.`;
    throw new ToolError(english, shownIn(ctx)('the regular expression {0} is not valid', query));
  }
  return (texts: string[]) => {
    try {
      return guarded.scan(texts);
    } catch (err) {
      if (!(err instanceof RegexTimeoutError)) throw err;
      throw new ToolError(
        `The regular expression '${query}' took too long (over ${ctx.limits.regexBudgetMs} ms), probably catastrophic backtracking ` +
          'from nested quantifiers like (a+)+. Simplify it or search for plain text.',
        shownIn(ctx)('the regular expression {0} took too long', query),
      );
    }
  };
}

/** The file's text, or undefined when it must not or need not be searched. */
async function loadSearchable(ctx: ToolContext, file: WalkedFile): Promise<string | undefined> {
  if (secretRule(file.inRoot, ctx.secrets)) return undefined;
  // A file symlink may point outside the workspace or at a secret: check it like a path from the model.
  if (file.symlink && !(await resolveInWorkspace(ctx.fs, file.relative, ctx.secrets)).ok) return undefined;
  try {
    const stat = await ctx.fs.stat(file.absolute);
    if (!stat || stat.size > ctx.limits.searchMaxFileBytes) return undefined;
    // The guard sees the real path of what was opened: a scope reached through a folder link, or a
    // folder swapped for one during the walk, cannot lead to a secret or outside.
    const bytes = await ctx.fs.readFile(file.absolute, guard(ctx, file.relative));
    return isBinary(bytes) ? undefined : decodeText(bytes);
  } catch {
    return undefined;
  }
}
