// Runs the model's tool calls: validates arguments, enforces Restricted Mode, asks for approval
// according to the policy, applies write tools' changes and reports everything as a result the
// model can read (never a throw that would end the turn).
import type { ToolCall, ToolDefinition } from '../providers/types';
import type { Logger } from '../log';
import { silentLogger } from '../log';
import { applyChange, undoChanges, type UndoResult } from './changes';
import { describeFsError } from './common';
import type { ToolFileSystem } from './fs';
import { findFiles } from './find-files';
import { getProblems } from './get-problems';
import { listDirectory, readFile } from './read-tools';
import { validateArgs } from './schema';
import { searchText } from './search-text';
import { needsShell, noShellNote } from './not-offered';
import { shownIn } from './shown-words';
import { rejection, type ApprovalPolicy } from './approval';
import { runExec } from './exec-run';
import { defaultLimits, ToolError, type AppliedChange, type ExecJudgement, type Tool, type ToolContext, type LineRange, type ToolKind, type ToolOptions, type ToolSource } from './types';
import { createDirectory, deleteFile, editFile, writeFile } from './write-tools';

export type { ApprovalDecision, ApprovalPolicy, ApprovalRequest } from './approval';
export type { ToolSource } from './types';

export const allTools: readonly Tool[] = [readFile, listDirectory, findFiles, searchText, getProblems, writeFile, editFile, createDirectory, deleteFile];

/** The definitions to send to the model: write and exec tools only in trusted workspaces, get_problems only with diagnostics. */
export function toolDefinitions(options: Pick<ToolOptions, 'trusted' | 'diagnostics'>, tools: readonly Tool[] = allTools): ToolDefinition[] {
  return tools.filter((t) => (options.trusted || t.kind === 'read') && (t !== getProblems || options.diagnostics)).map((t) => t.definition);
}

export type ToolStatus = 'ok' | 'error' | 'rejected' | 'unavailable';

export interface ToolRunResult {
  callId: string;
  toolName: string;
  kind: ToolKind | undefined;
  status: ToolStatus;
  /** The tool message for the model. */
  content: string;
  isError: boolean;
  /** One line for the UI. */
  summary: string;
  /** Set when a write tool changed the disk; keep it for undo. */
  change?: AppliedChange;
  /** Exec tools: how the command ended and how long it ran. */
  exitCode?: number;
  durationMs?: number;
  /** read_file: the lines read (see ToolOutput). */
  lineRange?: LineRange;
}

export class ToolRunner {
  private readonly sources = new Set<ToolSource>();

  constructor(
    private readonly fs: ToolFileSystem,
    private options: ToolOptions,
    private readonly log: Logger = silentLogger,
  ) {}

  /** E.g. when the user grants workspace trust or changes the secret settings. */
  update(options: Partial<ToolOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** Adds tools (the command tool, an MCP server's); they are offered until the returned handle is disposed. */
  addSource(source: ToolSource): { dispose(): void } {
    this.sources.add(source);
    return { dispose: () => void this.sources.delete(source) };
  }

  /** Every tool usable now: write and exec tools only in trusted workspaces; a built-in name wins over a source's. */
  tools(): Tool[] {
    const tools = allTools.filter((t) => (this.options.trusted || t.kind === 'read') && (t !== getProblems || this.options.diagnostics));
    if (!this.options.trusted) return tools;
    const names = new Set(tools.map((t) => t.definition.name));
    for (const source of this.sources) {
      for (const tool of source.tools()) {
        if (names.has(tool.definition.name) || this.noShellFor(tool.definition.name)) continue;
        names.add(tool.definition.name);
        tools.push(tool);
      }
    }
    return tools;
  }

  /** What the model is offered; `filter` narrows it by name (an agent's own tool list). */
  definitions(filter?: (name: string) => boolean): ToolDefinition[] {
    return this.tools()
      .map((t) => t.definition)
      .filter((d) => !filter || filter(d.name));
  }

  /** How the chat shows a call of `name`. */
  displayKind(name: string): 'read' | 'write' | 'command' | 'mcp' | undefined {
    const tool = this.find(name);
    return tool?.kind === 'exec' ? tool.display : tool?.kind;
  }

  /** Whether `name` needs a shell this workspace does not have (a virtual folder). */
  private noShellFor(name: string): boolean {
    return this.options.shell === false && needsShell(name);
  }

  /** Any known tool, also one not offered now (a write tool in Restricted Mode is refused with a reason, not "unknown"). */
  private find(name: string): Tool | undefined {
    return allTools.find((t) => t.definition.name === name) ?? [...this.sources].flatMap((s) => s.tools()).find((t) => t.definition.name === name);
  }

  /**
   * How an exec tool's call would be treated (deny / auto / ask, with its title), without running it: for an
   * editor that asks the user itself before the call (VS Code's Chat). Undefined for other tools, for a call
   * that would be refused anyway (unknown, Restricted Mode, invalid arguments) and when judging fails.
   */
  async judge(name: string, args: Record<string, unknown>): Promise<ExecJudgement | undefined> {
    const tool = this.find(name);
    if (tool?.kind !== 'exec' || !this.options.trusted || this.noShellFor(name)) return undefined;
    const valid = validateArgs(tool.schema, args);
    if (!valid.ok) return undefined;
    try {
      return await tool.judge(valid.value, this.context(undefined));
    } catch {
      return undefined;
    }
  }

  async run(call: ToolCall, policy: ApprovalPolicy, signal?: AbortSignal, onOutput?: (text: string) => void): Promise<ToolRunResult> {
    const tool = this.find(call.name);
    const t = shownIn(this.options);
    const result = (status: ToolStatus, content: string, summary = content, change?: AppliedChange): ToolRunResult => ({
      callId: call.id,
      toolName: call.name,
      kind: tool?.kind,
      status,
      content,
      isError: status !== 'ok',
      summary,
      ...(change ? { change } : {}),
    });
    // Before the lookup: the tool is not even loaded where there is no shell, and "unknown" would not say why.
    if (this.noShellFor(call.name)) return result('unavailable', noShellNote(call.name), t('{0} blocked (virtual workspace: no shell to run commands in)', call.name));
    if (!tool) {
      const names = this.definitions().map((d) => d.name).join(', ');
      return result('error', `Unknown tool '${call.name}'. Available tools: ${names}.`, t('{0} is not a known tool', call.name));
    }
    if (tool.kind !== 'read' && !this.options.trusted) {
      return result(
        'unavailable',
        `${call.name} is unavailable: this workspace is in Restricted Mode (not trusted), so tools that change files or run commands are disabled. ` +
          'Only reading tools can be used; tell the user what you would change or run instead.',
        t('{0} blocked (Restricted Mode)', call.name),
      );
    }
    const valid = validateArgs(tool.schema, call.arguments);
    if (!valid.ok) return result('error', `Invalid arguments for ${call.name}: ${valid.errors.join('; ')}.`, t('{0}: invalid arguments', call.name));

    const ctx = { ...this.context(signal), ...(onOutput ? { onOutput } : {}) };
    try {
      if (tool.kind === 'exec') {
        const out = await runExec(tool, call.name, valid.value, ctx, policy);
        return { ...result(out.status, out.content, out.summary), ...exitFields(out) };
      }
      if (tool.kind === 'read') {
        if (policy.read === 'ask') {
          const decision = await policy.approve({ tool: call.name, kind: 'read', summary: `${call.name} ${JSON.stringify(valid.value)}`, args: valid.value });
          if (!decision.approved) return result('rejected', rejection(`${call.name} call`, decision), t('{0} rejected', call.name));
        }
        const out = await tool.execute(valid.value, ctx);
        return { ...result('ok', out.content, out.summary), ...(out.lineRange ? { lineRange: out.lineRange } : {}) };
      }
      const proposed = await tool.prepare(valid.value, ctx);
      if (typeof proposed === 'string') return result('ok', proposed, t('{0}: nothing to change', call.name));
      // The user reads `shown` (approval, diff, row); the model reads the English `summary`.
      const shown = proposed.shown ?? proposed.summary;
      if (policy.write === 'ask') {
        const decision = await policy.approve({ tool: call.name, kind: 'write', summary: shown, args: valid.value, change: proposed });
        if (!decision.approved) return result('rejected', rejection(proposed.summary, decision), t('Rejected: {0}', shown));
        // Stop pressed while the approval was pending: the user no longer wants this turn's changes.
        if (signal?.aborted) return result('error', `Cancelled; ${proposed.summary} was not applied.`, t('Not applied: {0}', shown));
      }
      const applied = await applyChange(proposed, ctx);
      return result('ok', `Done: ${proposed.summary}.`, shown, applied);
    } catch (err) {
      // The model reads the English; the user the tool's own wording of it (an MCP server's text is quoted as it is).
      if (err instanceof ToolError) return result('error', err.message, t('{0} failed: {1}', call.name, err.shown ?? err.message));
      this.log.warn(`tool ${call.name} failed: ${describeFsError(err)}`);
      return result('error', `${call.name} failed: ${describeFsError(err)}.`, t('{0} failed: {1}', call.name, describeFsError(err, t)));
    }
  }

  /** Restores the files touched by these changes (e.g. one turn's), newest first. */
  undo(changes: readonly AppliedChange[], options: { force?: boolean } = {}): Promise<UndoResult> {
    // Under the secret rules in force now: a path may have become a link to `.env` since the change.
    return undoChanges(this.fs, changes, { ...options, secrets: this.context(undefined).secrets, t: shownIn(this.options) });
  }

  private context(signal: AbortSignal | undefined): ToolContext {
    const { allowSecrets, secretGlobs, allowedSecretGlobs } = this.options;
    return {
      fs: this.fs,
      secrets: { allowSecrets, secretGlobs, allowedSecretGlobs },
      limits: { ...defaultLimits, ...this.options.limits },
      ...(signal ? { signal } : {}),
      ...(this.options.diagnostics ? { diagnostics: this.options.diagnostics } : {}),
      ...(this.options.t ? { t: this.options.t } : {}),
      ...(this.options.locale ? { locale: this.options.locale } : {}),
    };
  }
}

function exitFields(out: { exitCode?: number; durationMs?: number }): { exitCode?: number; durationMs?: number } {
  return { ...(out.exitCode !== undefined ? { exitCode: out.exitCode } : {}), ...(out.durationMs !== undefined ? { durationMs: out.durationMs } : {}) };
}
