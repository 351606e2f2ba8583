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
import { listDirectory, readFile } from './read-tools';
import { validateArgs } from './schema';
import { searchText } from './search-text';
import { defaultLimits, ToolError, type AppliedChange, type ExecTool, type ProposedChange, type Tool, type ToolContext, type ToolKind, type ToolOptions } from './types';
import { createDirectory, deleteFile, editFile, writeFile } from './write-tools';

export const allTools: readonly Tool[] = [readFile, listDirectory, findFiles, searchText, writeFile, editFile, createDirectory, deleteFile];

/** The definitions to send to the model: write tools only in trusted workspaces. */
export function toolDefinitions(options: { trusted: boolean }): ToolDefinition[] {
  return allTools.filter((t) => options.trusted || t.kind === 'read').map((t) => t.definition);
}

export interface ApprovalRequest {
  tool: string;
  kind: ToolKind;
  /** One line describing the action ("Edit src/app.ts (replace 3 lines with 5 lines)"). */
  summary: string;
  args: Record<string, unknown>;
  /** For write tools: the change to show as a diff. */
  change?: ProposedChange;
  /** For exec tools: the approval card's title and second line, and what *Always allow* would remember. */
  title?: string;
  detail?: string;
  alwaysAllowKey?: string;
  /** For exec tools: how the chat shows the call. */
  display?: ExecTool['display'];
}

export interface ApprovalDecision {
  approved: boolean;
  /** Passed on to the model, e.g. what the user wants instead. */
  reason?: string;
  /** The user chose *Always allow* (remembered by the extension under the request's alwaysAllowKey). */
  always?: boolean;
}

/** More tools for the runner (the command tool, an MCP server's tools); asked for the current list on every use. */
export interface ToolSource {
  tools(): readonly Tool[];
}

export interface ApprovalPolicy {
  read: 'auto' | 'ask';
  write: 'auto' | 'ask';
  approve(request: ApprovalRequest): Promise<ApprovalDecision>;
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

  /** Adds tools until the returned handle is disposed. */
  addSource(source: ToolSource): { dispose(): void } {
    this.sources.add(source);
    return { dispose: () => void this.sources.delete(source) };
  }

  /** The definitions to send to the model; `filter` narrows them (an agent's own tool list). */
  definitions(filter?: (name: string) => boolean): ToolDefinition[] {
    return this.available()
      .map((t) => t.definition)
      .filter((d) => !filter || filter(d.name));
  }

  /** Every tool usable now: write and exec tools only in trusted workspaces; a built-in name wins over a source's. */
  private available(): Tool[] {
    const tools = allTools.filter((t) => this.options.trusted || t.kind === 'read');
    if (!this.options.trusted) return tools;
    const names = new Set(tools.map((t) => t.definition.name));
    for (const source of this.sources) {
      for (const tool of source.tools()) {
        if (names.has(tool.definition.name)) continue;
        names.add(tool.definition.name);
        tools.push(tool);
      }
    }
    return tools;
  }

  private find(name: string): Tool | undefined {
    return allTools.find((t) => t.definition.name === name) ?? [...this.sources].flatMap((s) => s.tools()).find((t) => t.definition.name === name);
  }

  async run(call: ToolCall, policy: ApprovalPolicy, signal?: AbortSignal, onOutput?: (text: string) => void): Promise<ToolRunResult> {
    const tool = this.find(call.name);
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
    if (!tool) {
      const names = this.definitions().map((d) => d.name).join(', ');
      return result('error', `Unknown tool '${call.name}'. Available tools: ${names}.`);
    }
    if (tool.kind !== 'read' && !this.options.trusted) {
      return result(
        'unavailable',
        `${call.name} is unavailable: this workspace is in Restricted Mode (not trusted), so tools that change files or run things are disabled. ` +
          'Only reading tools can be used; tell the user what you would change instead.',
        `${call.name} blocked (Restricted Mode)`,
      );
    }
    const valid = validateArgs(tool.schema, call.arguments);
    if (!valid.ok) return result('error', `Invalid arguments for ${call.name}: ${valid.errors.join('; ')}.`, `${call.name}: invalid arguments`);

    const ctx = { ...this.context(signal), ...(onOutput ? { onOutput } : {}) };
    try {
      if (tool.kind === 'exec') return await runExec(tool, call.name, valid.value, ctx, policy, result);
      if (tool.kind === 'read') {
        if (policy.read === 'ask') {
          const decision = await policy.approve({ tool: call.name, kind: 'read', summary: `${call.name} ${JSON.stringify(valid.value)}`, args: valid.value });
          if (!decision.approved) return result('rejected', rejection(`${call.name} call`, decision), `${call.name} rejected`);
        }
        const out = await tool.execute(valid.value, ctx);
        return result('ok', out.content, out.summary);
      }
      const proposed = await tool.prepare(valid.value, ctx);
      if (typeof proposed === 'string') return result('ok', proposed);
      if (policy.write === 'ask') {
        const decision = await policy.approve({ tool: call.name, kind: 'write', summary: proposed.summary, args: valid.value, change: proposed });
        if (!decision.approved) return result('rejected', rejection(proposed.summary, decision), `Rejected: ${proposed.summary}`);
        // Stop pressed while the approval was pending: the user no longer wants this turn's changes.
        if (signal?.aborted) return result('error', `Cancelled; ${proposed.summary} was not applied.`);
      }
      const applied = await applyChange(proposed, ctx);
      return result('ok', `Done: ${proposed.summary}.`, proposed.summary, applied);
    } catch (err) {
      if (err instanceof ToolError) return result('error', err.message, `${call.name} failed: ${err.message}`);
      this.log.warn(`tool ${call.name} failed: ${describeFsError(err)}`);
      return result('error', `${call.name} failed: ${describeFsError(err)}.`);
    }
  }

  /** Restores the files touched by these changes (e.g. one turn's), newest first. */
  undo(changes: readonly AppliedChange[], options: { force?: boolean } = {}): Promise<UndoResult> {
    // Under the secret rules in force now: a path may have become a link to `.env` since the change.
    return undoChanges(this.fs, changes, { ...options, secrets: this.context(undefined).secrets });
  }

  private context(signal: AbortSignal | undefined): ToolContext {
    const { allowSecrets, secretGlobs, allowedSecretGlobs } = this.options;
    return {
      fs: this.fs,
      secrets: { allowSecrets, secretGlobs, allowedSecretGlobs },
      limits: { ...defaultLimits, ...this.options.limits },
      ...(signal ? { signal } : {}),
    };
  }
}

type ResultOf = (status: ToolStatus, content: string, summary?: string) => ToolRunResult;

/** An exec tool's call: judged, asked about when the judgement says so, then run with output streaming. */
async function runExec(tool: ExecTool, name: string, args: Record<string, unknown>, ctx: ToolContext, policy: ApprovalPolicy, result: ResultOf): Promise<ToolRunResult> {
  const judged = await tool.judge(args, ctx);
  if (judged.verdict === 'deny') return result('rejected', judged.reason ?? `${judged.title} is not allowed.`, `Denied: ${judged.title}`);
  if (judged.verdict === 'ask') {
    const decision = await policy.approve({
      tool: name,
      kind: 'exec',
      display: tool.display,
      summary: judged.title,
      args,
      title: judged.title,
      ...(judged.detail !== undefined ? { detail: judged.detail } : {}),
      ...(judged.alwaysAllowKey ? { alwaysAllowKey: judged.alwaysAllowKey } : {}),
    });
    if (!decision.approved) return result('rejected', rejection(judged.title, decision), `Rejected: ${judged.title}`);
    if (ctx.signal?.aborted) return result('error', `Cancelled; ${judged.title} did not run.`);
  }
  const out = await tool.execute(args, ctx);
  return result('ok', out.content, out.summary);
}

function rejection(what: string, decision: ApprovalDecision): string {
  const reason = decision.reason?.trim();
  const why = reason ? ` Reason: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}` : '';
  return `The user rejected this action (${what}); nothing was changed.${why} Do not retry the same action unless the user asks for it.`;
}
