// The run_command tool: judged part by part against the user's lists, run by an injected executor, capped for the model.
import type { CommandExecutor, ExecResult } from '../commands/executor';
import { DEFAULT_CAP, OutputCapper } from '../commands/output';
import { judge, type CommandLists } from '../commands/policy';
import type { Translate } from '../protocol/translate';
import { resolveOrThrow } from './common';
import { shownIn } from './shown-words';
import type { JsonSchema } from './schema';
import { toolDefinition, ToolError, type ExecJudgement, type ExecTool, type ToolContext } from './types';

export interface CommandSettings {
  autoApprove: readonly string[];
  deny: readonly string[];
  /** Exact commands the user chose *Always allow* for in this workspace. */
  alwaysAllowed: readonly string[];
  defaultTimeoutSeconds: number;
  maxTimeoutSeconds: number;
  idleTimeoutSeconds: number;
}

const schema: JsonSchema = {
  type: 'object',
  properties: {
    command: { type: 'string', description: 'The shell command line, exactly as it should run.' },
    cwd: { type: 'string', description: 'Folder to run in, relative to the workspace (default: the first workspace folder).' },
    timeoutSeconds: { type: 'number', description: 'Give up after this many seconds (default from the user settings).' },
  },
  required: ['command'],
  additionalProperties: false,
};

const TITLE_CHARS = 200;

/** The key *Always allow* stores for a command: its exact text. */
export function commandAllowKey(command: string): string {
  return `command:${command.trim()}`;
}

async function folderOf(args: Record<string, unknown>, ctx: ToolContext): Promise<{ absolute: string; shown: string }> {
  const cwd = args.cwd as string | undefined;
  const root = ctx.fs.roots[0];
  if (cwd === undefined || cwd.trim() === '' || cwd.trim() === '.') {
    if (!root) throw new ToolError('No folder is open, so there is nowhere to run a command.', shownIn(ctx)('no folder is open'));
    return { absolute: root.path, shown: ctx.fs.roots.length > 1 ? root.name : '.' };
  }
  const r = await resolveOrThrow(ctx, cwd);
  const stat = await ctx.fs.stat(r.absolute);
  if (stat?.type !== 'directory') throw new ToolError(`'${r.relative}' is not a folder; cwd must name a folder of the workspace.`, shownIn(ctx)('{0} is not a folder', r.relative));
  return { absolute: r.absolute, shown: r.relative };
}

/** The command on one line, shortened for a title. */
function oneLine(command: string): string {
  const one = command.trim().replace(/\s*\n\s*/g, ' ⏎ ');
  return one.length > TITLE_CHARS ? `${one.slice(0, TITLE_CHARS)}…` : one;
}

function title(command: string): string {
  return `Run ${oneLine(command)}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "npm test (exit 1, 2.5 s)" in the user's language (the duration's decimal mark too). */
function shownSummary(command: string, r: ExecResult, t: Translate, locale: string | undefined): string {
  const ending = r.cancelled ? t('stopped') : r.timedOut ? t('timed out') : r.idle ? t('ended: no output') : t('exit {0}', r.exitCode ?? '?');
  const time = (r.durationMs / 1000).toLocaleString(locale ?? 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return t('Run {0} ({1}, {2} s)', oneLine(command), ending, time);
}

/** What the model reads: how it ended, then the capped output. */
export function describeResult(r: ExecResult, output: string, limits: { timeoutSeconds: number; idleSeconds: number }): string {
  const lines: string[] = [];
  if (r.cancelled) lines.push(`Stopped by the user after ${seconds(r.durationMs)}; the command and everything it started were ended.`);
  else if (r.timedOut) lines.push(`Timed out after ${limits.timeoutSeconds} s and was ended (ask for a longer timeoutSeconds if it needs more time).`);
  else if (r.idle) {
    // True on both paths: a child process has no input at all, and nobody types into the terminal for the model.
    lines.push(`Ended after ${limits.idleSeconds} s without output. A command waiting for input (a prompt, a pager) never gets any here, so it was ended: pass flags that avoid prompts (such as --yes or --no-pager), or give the input through a file or a pipe.`);
  }
  lines.push(`Exit code: ${r.exitCode ?? 'none'} · ${seconds(r.durationMs)} · ${r.where === 'terminal' ? 'ran in the Agent Chat terminal' : 'ran as a child process'}`);
  lines.push(output.trim() === '' ? '(no output)' : `Output:\n${output}`);
  return lines.join('\n');
}

/** Builds the tool around an executor; `settings()` is read at each call so changed settings apply at once. */
export function runCommandTool(executor: CommandExecutor, settings: () => CommandSettings): ExecTool {
  return {
    kind: 'exec',
    display: 'command',
    schema,
    definition: toolDefinition(
      'run_command',
      'Run a shell command in the workspace (tests, builds, linters, git status, inspecting the project) and get its exit code and output. ' +
        'The user approves each command unless they allowed it. No input can be typed: use non-interactive flags. ' +
        'Not for reading or changing files (use the file tools), and never for long-running servers or watchers.',
      schema,
    ),
    async judge(args, ctx): Promise<ExecJudgement> {
      const command = args.command as string;
      const where = await folderOf(args, ctx);
      const s = settings();
      const lists: CommandLists = { autoApprove: s.autoApprove, deny: s.deny, alwaysAllowed: [] };
      const j = await judge(command, lists);
      const t = shownIn(ctx);
      const card = { title: title(command), shownTitle: t('Run {0}', oneLine(command)), detail: t('in {0}', where.shown), alwaysAllowKey: commandAllowKey(command) };
      // What the user allowed once for this exact text runs again, unless a deny pattern covers it now.
      const always = j.verdict === 'ask' && s.alwaysAllowed.includes(command.trim());
      return { ...card, verdict: always ? 'auto' : j.verdict, reason: j.reason };
    },
    async execute(args, ctx) {
      const command = args.command as string;
      const where = await folderOf(args, ctx);
      const s = settings();
      const asked = args.timeoutSeconds as number | undefined;
      const timeoutSeconds = Math.max(1, Math.min(asked ?? s.defaultTimeoutSeconds, s.maxTimeoutSeconds));
      const capper = new OutputCapper(DEFAULT_CAP);
      const r = await executor.execute({
        command,
        cwd: where.absolute,
        timeoutMs: timeoutSeconds * 1000,
        idleTimeoutMs: s.idleTimeoutSeconds * 1000,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onOutput: (chunk) => {
          capper.push(chunk);
          ctx.onOutput?.(chunk);
        },
      });
      if (r.error) throw new ToolError(`The command could not be started: ${r.error}`, shownIn(ctx)('the command could not be started'));
      const content = describeResult(r, capper.finish(), { timeoutSeconds, idleSeconds: s.idleTimeoutSeconds });
      const summary = shownSummary(command, r, shownIn(ctx), ctx.locale);
      return { content, summary, ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}), durationMs: r.durationMs };
    },
  };
}
