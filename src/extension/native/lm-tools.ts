// Our file tools as VS Code language-model tools (`agentChat_read_file`, …): VS Code's chat shows each call,
// asks for confirmation where our rules say so (writes with their diff), and we run them with our runner,
// which keeps the secret rules, Restricted Mode and the workspace boundary. Applied changes are kept for undo.
import * as vscode from 'vscode';
import type { Logger } from '../../core/log';
import type { ApprovalPolicy, ApprovalRequest, ToolRunner } from '../../core/tools/runner';
import type { AppliedChange } from '../../core/tools/types';
import { newId } from '../../core/util/ids';
import { signalFor } from './cancellation';
import { confirmationFor } from './change-preview';
import { toolPrefix } from './constants';
import { firstLine } from '../../core/util/log-line';

type Input = Record<string, unknown>;

/** One of our file tools: its name and whether it reads or writes (handed over by activation, which has the list). */
export interface FileToolName {
  name: string;
  kind: 'read' | 'write';
}

export interface LmToolsDeps {
  runner(): ToolRunner | undefined;
  /** Our file tools (the list lives in the main bundle; this part takes it from there rather than carrying a copy). */
  fileTools: readonly FileToolName[];
  autoApprove(): { read: boolean; write: boolean };
  log: Logger;
}

export class LmTools {
  /** Every change applied through VS Code's chat, in order; a participant's turn takes the ones it made. */
  private readonly applied: AppliedChange[] = [];

  constructor(private readonly deps: LmToolsDeps) {}

  /** Our tool names as VS Code knows them. */
  static lmName(name: string): string {
    return `${toolPrefix}${name}`;
  }

  ours(name: string): boolean {
    return this.deps.fileTools.some((t) => t.name === name);
  }

  /** Our file tools, by the names VS Code knows them. */
  tools(): Map<string, vscode.LanguageModelTool<Input>> {
    return new Map(this.deps.fileTools.map((t) => [LmTools.lmName(t.name), this.tool(t.name, t.kind)]));
  }

  /** How many changes were applied so far: a turn notes it first and takes `changesSince(mark)` after. */
  get mark(): number {
    return this.applied.length;
  }

  changesSince(mark: number): AppliedChange[] {
    return this.applied.slice(mark);
  }

  private tool(name: string, kind: 'read' | 'write'): vscode.LanguageModelTool<Input> {
    return {
      prepareInvocation: async (options) => {
        const invocationMessage = vscode.l10n.t('{0} {1}', name, typeof options.input.path === 'string' ? options.input.path : '');
        if (this.deps.autoApprove()[kind]) return { invocationMessage };
        const request = await this.dryRun(name, options.input);
        if (!request) return { invocationMessage };
        const confirmationMessages = request.change
          ? confirmationFor(request.change)
          : { title: vscode.l10n.t('Allow {0}?', name), message: request.summary };
        return { invocationMessage, confirmationMessages };
      },
      invoke: async (options, token) => {
        const runner = this.deps.runner();
        if (!runner) return textResult(vscode.l10n.t('No folder is open, so there are no files to work with.'));
        const cancel = signalFor(token);
        try {
          // VS Code asked for confirmation (prepareInvocation) where our rules want it; running is what is left.
          const result = await runner.run({ id: newId('t'), name, arguments: options.input }, confirmed, cancel.signal);
          if (result.change) this.applied.push(result.change);
          this.deps.log.info(`VS Code chat tool ${name}: ${result.status}`);
          this.deps.log.debug(`VS Code chat tool ${name}: ${firstLine(result.content)}`);
          return textResult(result.content);
        } finally {
          cancel.dispose();
        }
      },
    };
  }

  /** What the call would do, without doing it: the runner's approval request, answered with "no". */
  private async dryRun(name: string, input: Input): Promise<ApprovalRequest | undefined> {
    let asked: ApprovalRequest | undefined;
    const probe: ApprovalPolicy = {
      read: 'ask',
      write: 'ask',
      approve: (request) => {
        asked = request;
        return Promise.resolve({ approved: false });
      },
    };
    await this.deps.runner()?.run({ id: newId('t'), name, arguments: input }, probe);
    return asked;
  }
}

const confirmed: ApprovalPolicy = { read: 'auto', write: 'auto', approve: () => Promise.resolve({ approved: true }) };

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}
