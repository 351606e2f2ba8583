// The MCP servers VS Code runs (the user's and the workspace's mcp.json): their tools come from
// `vscode.lm.tools` (tagged `mcp`) and are called with `vscode.lm.invokeTool`. VS Code keeps their
// trust prompts, inputs, OAuth and restarts; we add our approval and per-agent scope.
import * as vscode from 'vscode';
import { lmTools } from './lm-api';
import type { Logger } from '../../core/log';
import { alwaysAllowKey, type McpApprovalRules, type McpExecTool } from '../../core/mcp/mcp-tools';
import { inputSchemaProblem } from '../../core/mcp/input-schema';
import { mcpResultOutput, type McpToolResult } from '../../core/mcp/results';
import { relayedResultIsError } from '../../core/mcp/relayed-errors';
import type { ToolSource } from '../../core/tools/runner';
import { ToolError, type ExecJudgement } from '../../core/tools/types';
import { splitToolName } from '../../core/mcp/vscode-config';

export class VsCodeMcpTools implements ToolSource {
  private built: { from: readonly vscode.LanguageModelToolInformation[]; key: string; tools: McpExecTool[] } | undefined;
  /** Tool name prefixes seen when a server we started came up, and that server's name. */
  private readonly learned = new Map<string, string>();

  constructor(
    private readonly rules: McpApprovalRules,
    /** Server names configured in VS Code's mcp.json files (to split tool names). */
    private readonly configured: () => readonly string[],
    /** Servers our own client runs: their VS Code copies are left out, so each server is listed once. */
    private readonly ours: () => readonly string[],
    private readonly log: Logger,
  ) {}

  tools(): McpExecTool[] {
    const infos = lmTools(vscode);
    const key = `${this.configured().join()}|${this.ours().join()}|${[...this.learned].join()}`;
    if (this.built?.from === infos && this.built.key === key) return this.built.tools;
    const ours = new Set(this.ours());
    const tools: McpExecTool[] = [];
    for (const info of infos) {
      if (!info.tags.includes('mcp') || !/^[a-zA-Z0-9_-]{1,64}$/.test(info.name)) continue;
      const ref = splitToolName(info.name, this.configured(), this.learned);
      if (ours.has(ref.server)) continue;
      const schema = info.inputSchema ?? { type: 'object', properties: {} };
      const problem = inputSchemaProblem(schema);
      if (problem) {
        this.log.warn(`VS Code MCP tool ${info.name} skipped: ${problem}.`);
        continue;
      }
      tools.push(this.tool(info, ref, schema as Record<string, unknown>));
    }
    this.built = { from: infos, key, tools };
    return tools;
  }

  /** Remembers that tools named `<prefix>…` belong to `server` (VS Code names them after the server's title). */
  learn(prefix: string, server: string): void {
    this.learned.set(prefix, server);
  }

  /** Server names that have tools in VS Code now. */
  runningServers(): string[] {
    return [...new Set(this.tools().map((t) => t.mcp.server))];
  }

  private tool(info: vscode.LanguageModelToolInformation, ref: { server: string; tool: string }, schema: Record<string, unknown>): McpExecTool {
    const label = `${ref.server} · ${ref.tool}`;
    const rules = this.rules;
    return {
      kind: 'exec',
      display: 'mcp',
      mcp: ref,
      definition: { name: info.name, description: info.description.slice(0, 2000), inputSchema: schema },
      schema: { type: 'object' },
      judge(args): ExecJudgement {
        if (rules.runsUnasked(ref.server, ref.tool)) return { verdict: 'auto', title: label };
        const json = JSON.stringify(args);
        return { verdict: 'ask', title: label, detail: json.length > 500 ? `${json.slice(0, 499)}…` : json, alwaysAllowKey: alwaysAllowKey(ref.server, ref.tool) };
      },
      async execute(args, ctx) {
        const cancel = new vscode.CancellationTokenSource();
        const onAbort = () => cancel.cancel();
        ctx.signal?.addEventListener('abort', onAbort, { once: true });
        try {
          const result = await vscode.lm.invokeTool(info.name, { input: args, toolInvocationToken: undefined }, cancel.token);
          return mcpResultOutput(fromLanguageModelResult(result), label, ctx.limits.readMaxChars);
        } catch (err) {
          if (err instanceof ToolError) throw err;
          if (ctx.signal?.aborted) throw new ToolError(`${label} was cancelled: the user stopped the answer.`);
          // VS Code cancels the calls of a server whose process ended (it crashed or was restarted) and starts the
          // server again on its next call.
          if (err instanceof Error && err.name === 'Canceled') throw new ToolError(serverEndedMessage(label));
          throw new ToolError(`${label} failed: ${err instanceof Error ? err.message : String(err)}`);
        } finally {
          ctx.signal?.removeEventListener('abort', onAbort);
          cancel.dispose();
        }
      },
    };
  }
}

/** What the model and the user read when VS Code ended a call nobody stopped. */
function serverEndedMessage(label: string): string {
  return `${label} failed: VS Code ended the call without a result; the server stopped or restarted during the call. The next call starts it again.`;
}

/** VS Code's result parts as MCP content blocks (text as text; data parts noted by type and size). */
function fromLanguageModelResult(result: vscode.LanguageModelToolResult): McpToolResult {
  const content = result.content.map((part) => {
    if (part instanceof vscode.LanguageModelTextPart) return { type: 'text', text: part.value };
    // Data parts (images, JSON) are newer than the API version we build against: recognised by shape.
    const data = part as { mimeType?: unknown; data?: unknown };
    if (typeof data.mimeType === 'string' && data.data instanceof Uint8Array) {
      if (/^text\/|json/.test(data.mimeType)) return { type: 'text', text: new TextDecoder().decode(data.data) };
      return { type: data.mimeType.startsWith('audio/') ? 'audio' : 'image', mimeType: data.mimeType, data: 'x'.repeat(Math.ceil((data.data.byteLength * 4) / 3)) };
    }
    return { type: 'text', text: '[a result part that is not text; not shown]' };
  });
  // `hasError` (newer than the API we build against) is VS Code's flag for a failed tool; 1.139 never sets it for
  // MCP tools, so the SDK's protocol-error text is recognised as well (relayed-errors.ts says what cannot be).
  const relayed: McpToolResult = { content, ...((result as { hasError?: unknown }).hasError === true ? { isError: true } : {}) };
  return relayedResultIsError(relayed) ? { ...relayed, isError: true } : relayed;
}
