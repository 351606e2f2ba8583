// Which of VS Code's language-model tools carries one of our tool calls in VS Code's Chat: the file tools and
// run_command as our contributed tools, an MCP tool of a server VS Code runs as VS Code's own tool (its UI and
// confirmation), a tool of one of our MCP servers through our generic MCP tool.
import * as vscode from 'vscode';
import type { ToolRunner } from '../../core/tools/runner';
import { mcpToolLmName, runCommandLmName } from './constants';
import { mcpToolInput } from './lm-exec-tools';
import { LmTools } from './lm-tools';

export interface LmCall {
  lmName: string;
  input: Record<string, unknown>;
}

/** Undefined for a name no tool has (the model is told so). */
export function lmCallFor(name: string, args: Record<string, unknown>, runner: ToolRunner | undefined, tools: LmTools): LmCall | undefined {
  if (tools.ours(name)) return { lmName: LmTools.lmName(name), input: args };
  const kind = runner?.displayKind(name);
  if (kind === 'command') return { lmName: runCommandLmName, input: args };
  if (kind !== 'mcp') return undefined;
  const vscodeOwn = vscode.lm.tools.some((t) => t.name === name && t.tags.includes('mcp'));
  return vscodeOwn ? { lmName: name, input: args } : { lmName: mcpToolLmName, input: mcpToolInput(name, args) };
}
