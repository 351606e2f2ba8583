// run_command and the tools of Agent Chat's own MCP servers as VS Code language-model tools: VS Code's chat
// shows each call and asks with its own confirmation where our rules ask (the deny list, autoApprove and the
// Always-allowed lists are judged first, by the same code as in our chat); the call then runs in our runner.
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type { ApprovalPolicy, ToolRunner } from '../../core/tools/runner';
import type { ExecJudgement } from '../../core/tools/types';
import { newId } from '../../core/util/ids';
import { signalFor } from './cancellation';
import { mcpToolLmName, runCommandLmName } from './constants';
import { firstLine } from '../../core/util/log-line';

type Input = Record<string, unknown>;

/** What the generic MCP tool receives: our name of the server's tool (`mcp_<server>_<tool>`) and its arguments. */
export function mcpToolInput(name: string, args: Input): Input {
  return { tool: name, arguments: args };
}

/** run_command and the generic MCP tool, by the names VS Code knows them. */
export function execTools(runner: () => ToolRunner | undefined, log: Logger): Map<string, vscode.LanguageModelTool<Input>> {
  return new Map([
    [runCommandLmName, execTool(runner, log, 'command', (input) => ({ name: 'run_command', args: input }))],
    [mcpToolLmName, execTool(runner, log, 'mcp', (input) => ({ name: typeof input.tool === 'string' ? input.tool : '', args: isObject(input.arguments) ? input.arguments : {} }))],
  ]);
}

function execTool(runner: () => ToolRunner | undefined, log: Logger, display: 'command' | 'mcp', call: (input: Input) => { name: string; args: Input }): vscode.LanguageModelTool<Input> {
  // Only the tools of this kind: the generic MCP tool must never become a way around a file tool's confirmation.
  const allowed = (r: ToolRunner | undefined, name: string) => r?.displayKind(name) === display;
  return {
    prepareInvocation: async (options) => {
      const { name, args } = call(options.input);
      const r = runner();
      // Not this kind, or Restricted Mode: invoke refuses it with the reason; nothing to confirm.
      if (!allowed(r, name) || !vscode.workspace.isTrusted) return { invocationMessage: name };
      const judged = await r?.judge(name, args);
      const invocationMessage = judged ? invocationFor(name, judged) : name;
      // Auto-approved runs unasked; a denied call is refused by the runner when invoked (the model is told
      // why). Anything else, including a call that could not be judged, is confirmed.
      if (judged?.verdict === 'auto' || judged?.verdict === 'deny') return { invocationMessage };
      return { invocationMessage, confirmationMessages: confirmationFor(name, judged ?? { verdict: 'ask', title: name, detail: JSON.stringify(args) }) };
    },
    invoke: async (options, token) => {
      const { name, args } = call(options.input);
      const r = runner();
      if (!r) return textResult(vscode.l10n.t('No folder is open, so there is nowhere to run it.'));
      if (!allowed(r, name)) return textResult(`'${name}' is not a ${display === 'mcp' ? 'tool of an MCP server of Agent Chat' : 'command tool'}; nothing was run.`);
      const cancel = signalFor(token);
      try {
        // VS Code asked (prepareInvocation) where our rules ask; a call on the deny list is still refused here.
        const result = await r.run({ id: newId('t'), name, arguments: args }, confirmedByVscode, cancel.signal);
        log.info(`VS Code chat tool ${name}: ${result.status}`);
        log.debug(`VS Code chat tool ${name}: ${firstLine(result.content)}`);
        return textResult(result.content);
      } finally {
        cancel.dispose();
      }
    },
  };
}

function invocationFor(name: string, judged: ExecJudgement): string {
  const shown = judged.shownTitle ?? judged.title;
  if (judged.verdict === 'deny') return vscode.l10n.t('Blocked: {0}', shown);
  return name === 'run_command' ? vscode.l10n.t('Running {0}', shown) : vscode.l10n.t('Calling {0}', shown);
}

/** The exact command (or MCP tool and arguments) and where it runs, as our approval card shows them. */
function confirmationFor(name: string, judged: ExecJudgement): vscode.LanguageModelToolConfirmationMessages {
  const message = new vscode.MarkdownString();
  message.appendCodeblock(judged.shownTitle ?? judged.title, name === 'run_command' ? 'sh' : 'text');
  if (judged.detail) message.appendText(judged.detail);
  const title = name === 'run_command' ? vscode.l10n.t('Run this command?') : vscode.l10n.t('Call this MCP tool?');
  return { title, message };
}

/** VS Code's confirmation was the user's answer; what our rules deny is still denied by the runner. */
const confirmedByVscode: ApprovalPolicy = { read: 'auto', write: 'auto', approve: () => Promise.resolve({ approved: true }) };

function isObject(x: unknown): x is Input {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}
