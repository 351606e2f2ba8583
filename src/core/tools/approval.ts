// What a tool call asks the user, what the user decides, and the text the model gets for a rejection.
import type { ExecTool, ProposedChange, ToolKind } from './types';

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
  /** The user chose *Always allow* (remembering it, under the request's alwaysAllowKey, is the extension's job). */
  always?: boolean;
}

export interface ApprovalPolicy {
  read: 'auto' | 'ask';
  write: 'auto' | 'ask';
  approve(request: ApprovalRequest): Promise<ApprovalDecision>;
}

/** The tool result for a rejected call, with the user's reason when they gave one. */
export function rejection(what: string, decision: ApprovalDecision, done = 'nothing was changed'): string {
  const reason = decision.reason?.trim();
  const why = reason ? ` Reason: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}` : '';
  return `The user rejected this action (${what}); ${done}.${why} Do not retry the same action unless the user asks for it.`;
}
