// Builds an agent's system prompt: its role, then guidance every agent shares. It holds nothing that
// changes while the user works (the active file goes with each question instead, see model-context.ts),
// so it stays byte-identical between requests and the providers' prompt caches keep hitting.
import type { AgentDefinition } from './builtin';
import { handOffInstructions } from './handoff';
import { toolAllowed } from '../mcp/patterns';
import { toolListSummary } from '../mcp/scope';

export interface PromptContext {
  workspaceName?: string;
  folders: string[];
  /** The project's own instructions (AGENTS.md at the workspace root). */
  projectInstructions?: string;
  /** Names of the tools this agent can call now. */
  tools: string[];
  /** True when the workspace is not trusted: no write tools. */
  restricted: boolean;
  teammates: readonly Pick<AgentDefinition, 'name' | 'description' | 'tools'>[];
}

export function systemPrompt(agent: AgentDefinition, ctx: PromptContext): string {
  const parts = [agent.systemPrompt.trim()];
  const where = ctx.folders.length
    ? `You are working in the workspace "${ctx.workspaceName ?? ctx.folders[0]}" (folders: ${ctx.folders.join(', ')}).`
    : 'No folder is open, so there are no files to work with.';
  parts.push(`## Workspace\n${where}`);
  if (ctx.tools.length) {
    parts.push(
      [
        '## Tools',
        `You can call: ${ctx.tools.join(', ')}. Paths are relative to the workspace.`,
        'Read before you change; prefer edit_file with an exact, unique snippet over rewriting whole files.',
        'Tool results come back to you; continue until the task is done, then answer briefly with what you did.',
        ctx.restricted
          ? 'The workspace is in Restricted Mode (not trusted): you can read but not change files. Say what you would change instead.'
          : 'The user approves changes before they are applied, and can reject them with a reason.',
        commandGuidance(ctx, agent),
      ].join('\n'),
    );
  }
  const others = ctx.teammates.filter((t) => t.name !== agent.name);
  if (others.length) {
    parts.push(
      [
        '## Team',
        // Only when some agent's tools are narrowed: then who can do what decides where work goes.
        ...others.map((t) => `- @${t.name}: ${t.description}${ctx.teammates.some((a) => a.tools) ? ` (tools: ${toolListSummary(t.tools)})` : ''}`),
        handOffInstructions,
      ].join('\n'),
    );
  }
  if (ctx.projectInstructions?.trim()) parts.push(`## Project instructions (AGENTS.md)\n${ctx.projectInstructions.trim()}`);
  return parts.join('\n\n');
}

function commandGuidance(ctx: PromptContext, agent: AgentDefinition): string {
  if (ctx.tools.includes('run_command')) {
    return [
      'Use run_command to run tests, builds, linters, type checks and quick inspections (git status, git diff, a version), then read the exit code and output.',
      'The user approves each command unless they allowed it; a rejection comes back with their reason. Commands get no input: use non-interactive flags.',
      'Do not use it to read or change files (use the file tools), to start servers or watchers that never end, or for anything destructive or outside the workspace.',
    ].join('\n');
  }
  // The true reason: a narrowed tool list is the user's choice for this agent, not a missing shell.
  const why = ctx.restricted
    ? 'the workspace is in Restricted Mode'
    : !toolAllowed(agent.tools, { name: 'run_command' })
      ? 'your tool list does not include run_command; a teammate whose list does can run them'
      : !ctx.folders.length
        ? 'no folder is open'
        : 'this workspace has no shell to run them in';
  return `You cannot run commands here (${why}): when a command would help, tell the user which one to run and what to look for.`;
}
