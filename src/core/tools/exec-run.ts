// Runs one exec tool call: the tool judges it, a denied call never runs, an asked one waits for the user.
import { rejection, type ApprovalPolicy } from './approval';
import { shownIn } from './shown-words';
import type { ExecTool, ToolContext, ToolOutput } from './types';

export interface ExecOutcome extends ToolOutput {
  status: 'ok' | 'error' | 'rejected';
}

/** Judges, asks where needed, then executes; ToolErrors thrown by the tool are left to the runner. */
export async function runExec(tool: ExecTool, name: string, args: Record<string, unknown>, ctx: ToolContext, policy: ApprovalPolicy): Promise<ExecOutcome> {
  const judged = await tool.judge(args, ctx);
  const t = shownIn(ctx);
  // The user's wording of the title (the model reads `judged.title`, in English).
  const shown = judged.shownTitle ?? judged.title;
  if (judged.verdict === 'deny') {
    const why = judged.reason ? ` ${judged.reason}.` : '';
    return {
      status: 'error',
      content: `Not run: ${judged.title} is on the user's deny list or breaks a safety rule.${why} Do not try to get around it; tell the user what you wanted to run and why.`,
      summary: t('Blocked: {0}', shown),
    };
  }
  if (judged.verdict === 'ask') {
    const decision = await policy.approve({
      tool: name,
      kind: 'exec',
      display: tool.display,
      summary: shown,
      args,
      title: shown,
      ...(judged.detail ? { detail: judged.detail } : {}),
      ...(judged.alwaysAllowKey ? { alwaysAllowKey: judged.alwaysAllowKey } : {}),
    });
    if (!decision.approved) return { status: 'rejected', content: rejection(judged.title, decision, 'nothing was run'), summary: t('Rejected: {0}', shown) };
    if (ctx.signal?.aborted) return { status: 'error', content: `Cancelled; ${judged.title} was not run.`, summary: t('Not run: {0}', shown) };
  }
  const out = await tool.execute(args, ctx);
  return { status: 'ok', ...out };
}
