// get_problems: the editor's diagnostics (type errors, lint findings…) for a path or the whole workspace,
// so an agent can check that its change compiles without running anything.
import { resolveOrThrow } from './common';
import { formatProblems, summary, workspaceProblems } from './diagnostics';
import type { JsonSchema } from './schema';
import { problemCounts, shownIn } from './shown-words';
import { ToolError, toolDefinition, type ReadTool } from './types';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    path: { type: 'string', minLength: 1, description: "Workspace-relative file or folder, e.g. 'src/app.ts'. Default: the whole workspace." },
  },
  additionalProperties: false,
};

export const getProblems: ReadTool = {
  kind: 'read',
  schema,
  definition: toolDefinition(
    'get_problems',
    "List the editor's current problems (compiler, type-checker and linter diagnostics) for a file, a folder or the whole workspace: " +
      'file:line:column, severity, source and message, most severe first. Call it after changing a file to check the change. ' +
      'Diagnostics of a file may take a moment to update after an edit, and some languages only report files that are open.',
    schema,
  ),
  async execute(args, ctx) {
    const source = ctx.diagnostics;
    if (!source) throw new ToolError('Problems are not available here (no editor diagnostics).', shownIn(ctx)('problems are not available here'));
    const path = args.path as string | undefined;
    const target = path === undefined ? undefined : await resolveOrThrow(ctx, path);
    const where = target ? target.relative : 'the workspace';
    const found = workspaceProblems(ctx.fs, source, ctx.secrets, target?.absolute);
    const t = shownIn(ctx);
    if (found.length === 0) return { content: `No problems reported in ${where}.`, summary: target ? t('No problems in {0}', where) : t('No problems in the workspace') };
    const listing = formatProblems(found, ctx.problemLimits);
    return { content: `Problems in ${where} (${summary(listing.counts)}):\n${listing.text}`, summary: target ? t('Problems in {0}: {1}', where, problemCounts(listing.counts, t)) : t('Problems in the workspace: {0}', problemCounts(listing.counts, t)) };
  },
};
