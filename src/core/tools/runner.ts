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
import { defaultLimits, ToolError, type AppliedChange, type ProposedChange, type Tool, type ToolContext, type ToolKind, type ToolOptions } from './types';
import { createDirectory, deleteFile, editFile, writeFile } from './write-tools';

export const allTools: readonly Tool[] = [readFile, listDirectory, findFiles, searchText, getProblems, writeFile, editFile, createDirectory, deleteFile];

/** The definitions to send to the model: write tools only in trusted workspaces, get_problems only with diagnostics. */
export function toolDefinitions(options: Pick<ToolOptions, 'trusted' | 'diagnostics'>): ToolDefinition[] {
  return allTools.filter((t) => (options.trusted || t.kind === 'read') && (t !== getProblems || options.diagnostics)).map((t) => t.definition);
}

export interface ApprovalRequest {
  tool: string;
  kind: ToolKind;
  /** One line describing the action ("Edit src/app.ts (replace 3 lines with 5 lines)"). */
  summary: string;
  args: Record<string, unknown>;
  /** For write tools: the change to show as a diff. */
  change?: ProposedChange;
}

export interface ApprovalDecision {
  approved: boolean;
  /** Passed on to the model, e.g. what the user wants instead. */
  reason?: string;
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
  constructor(
    private readonly fs: ToolFileSystem,
    private options: ToolOptions,
    private readonly log: Logger = silentLogger,
  ) {}

  /** E.g. when the user grants workspace trust or changes the secret settings. */
  update(options: Partial<ToolOptions>): void {
    this.options = { ...this.options, ...options };
  }

  definitions(): ToolDefinition[] {
    return toolDefinitions(this.options);
  }

  async run(call: ToolCall, policy: ApprovalPolicy, signal?: AbortSignal): Promise<ToolRunResult> {
    const tool = allTools.find((t) => t.definition.name === call.name);
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
    if (tool.kind === 'write' && !this.options.trusted) {
      return result(
        'unavailable',
        `${call.name} is unavailable: this workspace is in Restricted Mode (not trusted), so tools that change files are disabled. ` +
          'Only reading tools can be used; tell the user what you would change instead.',
        `${call.name} blocked (Restricted Mode)`,
      );
    }
    const valid = validateArgs(tool.schema, call.arguments);
    if (!valid.ok) return result('error', `Invalid arguments for ${call.name}: ${valid.errors.join('; ')}.`, `${call.name}: invalid arguments`);

    const ctx = this.context(signal);
    try {
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
      ...(this.options.diagnostics ? { diagnostics: this.options.diagnostics } : {}),
    };
  }
}

function rejection(what: string, decision: ApprovalDecision): string {
  const reason = decision.reason?.trim();
  const why = reason ? ` Reason: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}` : '';
  return `The user rejected this action (${what}); nothing was changed.${why} Do not retry the same action unless the user asks for it.`;
}
