// find_files: glob search over the workspace.
import { matchesWithinBudget, plural } from './common';
import { pathMatcher } from './glob';
import { filesCount, shownIn } from './shown-words';
import type { JsonSchema } from './schema';
import { ToolError, toolDefinition, type ReadTool } from './types';
import { resolveScopes, walkFiles, type WalkState } from './walk';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    pattern: {
      type: 'string',
      minLength: 1,
      description: "Glob, e.g. '**/*.test.ts', 'src/**/index.{ts,tsx}'. Without '/', it matches file names at any depth ('*.md').",
    },
    path: { type: 'string', minLength: 1, description: 'Directory to search, workspace-relative. Default: the whole workspace.' },
  },
  required: ['pattern'],
  additionalProperties: false,
};

export const findFiles: ReadTool = {
  kind: 'read',
  schema,
  definition: toolDefinition(
    'find_files',
    'Find files by glob pattern (supports **, *, ?, {a,b}, [abc]); the pattern is relative to `path`. ' +
      'Skips node_modules and .git. Returns workspace-relative paths.',
    schema,
  ),
  async execute(args, ctx) {
    const pattern = args.pattern as string;
    let match: (rel: string) => boolean;
    try {
      match = pathMatcher(pattern, { budget: { remaining: ctx.limits.globMaxSteps } });
    } catch (err) {
      throw new ToolError(`Invalid glob '${pattern}': ${err instanceof Error ? err.message : String(err)}.`, shownIn(ctx)('the pattern {0} is not valid', pattern));
    }
    const scopes = await resolveScopes(ctx, args.path as string | undefined);
    if (scopes.some((s) => s.type !== 'directory')) throw new ToolError(`'${String(args.path)}' is not a directory.`, shownIn(ctx)('{0} is not a folder', String(args.path)));
    const state: WalkState = { visited: 0, truncated: false };
    const found: string[] = [];
    let more = false;
    for await (const f of walkFiles(ctx, scopes, state)) {
      if (!matchesWithinBudget(match, f.fromScope, f.relative, pattern, shownIn(ctx))) continue;
      if (found.length >= ctx.limits.findMaxResults) {
        more = true;
        break;
      }
      found.push(f.relative);
    }
    found.sort();
    const where = args.path === undefined ? 'the workspace' : `'${String(args.path)}'`;
    const notes: string[] = [];
    if (more) notes.push(`[Showing the first ${found.length} matches; use a narrower pattern or path.]`);
    if (state.truncated) notes.push(`[Stopped after visiting ${ctx.limits.walkMaxEntries} entries; results may be incomplete.]`);
    if (found.length === 0) {
      return { content: [`No files match '${pattern}' in ${where}.`, ...notes].join('\n'), summary: shownIn(ctx)('Found no files matching {0}', pattern) };
    }
    return {
      content: [`${plural(found.length, 'file', 'files', more)} matching '${pattern}' in ${where}:`, ...found, ...notes].join('\n'),
      summary: shownIn(ctx)('Found {0} matching {1}', filesCount(found.length, more, shownIn(ctx)), pattern),
    };
  },
};
