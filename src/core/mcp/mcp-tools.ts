// An MCP server's tools as the runner's `exec` tools: each call is judged (auto-approved, remembered,
// or asked about with server, tool and arguments), then sent to the server through a caller that
// knows the transport (our own client, or VS Code's MCP).
import type { Logger } from '../log';
import type { JsonSchema } from '../tools/schema';
import { ToolError, type ExecJudgement, type ExecTool, type ToolOutput } from '../tools/types';
import { mcpDefinition } from './input-schema';
import { mcpToolName } from './naming';
import { mcpResultOutput, type McpToolResult } from './results';

/** One tool as the server lists it. */
export interface McpToolInfo {
  name: string;
  description?: string;
  inputSchema: unknown;
}

export interface McpCallOptions {
  signal?: AbortSignal;
  /** Progress the server reports, as a line of text. */
  onProgress?: (text: string) => void;
}

/** Sends one call to the server the tools came from. */
export interface McpCaller {
  call(tool: string, args: Record<string, unknown>, options: McpCallOptions): Promise<McpToolResult>;
}

/** Whether a call may run without asking: `agentChat.mcp.autoApprove` or an earlier *Always allow*. */
export interface McpApprovalRules {
  runsUnasked(server: string, tool: string): boolean;
}

/** An exec tool that knows which server and tool it stands for (for patterns and the servers list). */
export interface McpExecTool extends ExecTool {
  mcp: { server: string; tool: string };
}

/** Past this many tools in one request, models pick worse; the log and the servers list say so. */
export const manyToolsThreshold = 40;

/** The key *Always allow* remembers for one MCP tool. */
export function alwaysAllowKey(server: string, tool: string): string {
  return `mcp:${server}/${tool}`;
}

/** The server's tools that can be offered; those with unusable schemas are skipped with a log line. */
export function buildMcpTools(server: string, listed: readonly McpToolInfo[], caller: McpCaller, rules: McpApprovalRules, log: Logger): McpExecTool[] {
  const tools: McpExecTool[] = [];
  for (const info of listed) {
    const definition = mcpDefinition(mcpToolName(server, info.name), info.description, info.inputSchema);
    if ('skipped' in definition) {
      log.warn(`MCP ${server}: tool "${info.name}" skipped: ${definition.skipped}.`);
      continue;
    }
    tools.push(execTool(server, info.name, definition, caller, rules));
  }
  return tools;
}

function execTool(server: string, tool: string, definition: McpExecTool['definition'], caller: McpCaller, rules: McpApprovalRules): McpExecTool {
  const label = `${server} · ${tool}`;
  return {
    kind: 'exec',
    display: 'mcp',
    mcp: { server, tool },
    definition,
    // The server validates its own arguments (its schema may use more than our validator knows).
    schema: { type: 'object' } satisfies JsonSchema,
    judge(args): ExecJudgement {
      if (rules.runsUnasked(server, tool)) return { verdict: 'auto', title: label };
      return { verdict: 'ask', title: label, detail: argumentsLine(args), alwaysAllowKey: alwaysAllowKey(server, tool) };
    },
    async execute(args, ctx): Promise<ToolOutput> {
      try {
        const result = await caller.call(tool, args, { ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.onOutput ? { onProgress: ctx.onOutput } : {}) });
        return mcpResultOutput(result, label, ctx.limits.readMaxChars);
      } catch (err) {
        if (err instanceof ToolError) throw err;
        if (ctx.signal?.aborted) throw new ToolError(`${label} was cancelled: the user stopped the answer.`);
        throw new ToolError(`${label} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}

function argumentsLine(args: Record<string, unknown>): string {
  const json = JSON.stringify(args);
  return json.length > 500 ? `${json.slice(0, 499)}…` : json;
}
