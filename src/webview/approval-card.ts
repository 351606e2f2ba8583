// The card of a tool call that waits for the user: a title naming what happens ("Edit src/app.ts · +5 −0",
// or a command's "Run npm test"), a detail line, and text buttons: Approve (Ctrl+Enter) / Reject / Open Diff
// for file changes; Run / Reject / Always allow for commands and MCP tools. The reason field appears only
// after "Reject with feedback…", and is what the agent is told.
import type { ToolCallView } from '../core/protocol/chat-message';
import { el } from './dom';
import { fileLink, toolArgs } from './file-link';
import { send } from './host';
import { localize } from './localize';

const pendingApprove = '.tool-call[data-tool-status="awaitingApproval"] .approve';

/** The card's content: head, detail, buttons (the caller makes the card element with the call's data hooks). */
export function approvalCard(call: ToolCallView, messageId: string): HTMLElement[] {
  const command = call.kind === 'command' || call.kind === 'mcp';
  const summary = call.summary ?? call.approval?.title ?? call.name;
  const reason = el('input', { type: 'text', class: 'reject-reason', placeholder: localize('What should the agent do instead?'), 'aria-label': localize('Reason for rejecting'), hidden: '' });
  const decide = (approved: boolean, always = false) => {
    const text = reason.value.trim();
    send({ type: 'approveTool', toolCallId: call.id, approved, ...(text && !approved ? { reason: text } : {}), ...(always ? { always } : {}) });
  };
  const approve = textButton(call.kind === 'command' ? localize('Run') : localize('Approve'), 'primary approve', () => decide(true));
  approve.title = localize('{0} (Ctrl+Enter)', approve.textContent ?? '');
  approve.setAttribute('aria-keyshortcuts', 'Control+Enter');
  const reject = textButton(localize('Reject'), 'secondary reject', () => decide(false));
  const buttons = el('div', { class: 'approval' }, approve, reject);
  if (command && call.approval?.canAlwaysAllow) buttons.append(textButton(localize('Always allow'), 'secondary always-allow', () => decide(true, true)));
  if (!command) buttons.append(textButton(localize('Open Diff'), 'secondary open-diff', () => send({ type: 'showDiff', messageId, toolCallId: call.id })));
  const feedback = el('button', { type: 'button', class: 'link-button reject-feedback' }, localize('Reject with feedback…'));
  feedback.addEventListener('click', () => {
    reason.hidden = false;
    feedback.hidden = true;
    reason.focus();
  });
  reason.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) decide(false);
    if (e.key === 'Escape') {
      e.preventDefault(); // not Stop: Esc here only closes the field
      reason.hidden = true;
      feedback.hidden = false;
      feedback.focus();
    }
  });
  buttons.append(feedback, reason);
  const detail = call.approval?.detail ?? /\(([^()]*)\)$/.exec(summary)?.[1];
  if (call.kind === 'command') return [...commandHead(call, detail), buttons];
  return [
    el('div', { class: 'approval-head' },
      el('span', { class: `codicon codicon-${call.kind === 'mcp' ? 'plug' : 'shield'}`, 'aria-hidden': 'true' }),
      el('span', { class: 'approval-title' }, ...title(call, summary)),
    ),
    detail ? el('div', { class: 'approval-detail tool-approval-detail' }, detail) : '',
    // The whole summary, for the bar above the composer and screen readers.
    el('span', { class: 'tool-args visually-hidden' }, summary),
    buttons,
  ].filter((n): n is HTMLElement => n !== '');
}

/** A command's card says exactly what runs, and where. */
function commandHead(call: ToolCallView, detail: string | undefined): HTMLElement[] {
  const command = toolArgs(call.argumentsText).command;
  const text = typeof command === 'string' ? command : call.argumentsText;
  return [
    el('div', { class: 'approval-head' }, el('span', { class: 'codicon codicon-terminal', 'aria-hidden': 'true' }), el('span', { class: 'approval-title' }, localize('Run'))),
    el('pre', { class: 'command-line' }, el('code', {}, text)),
    ...(detail ? [el('div', { class: 'approval-detail command-folder' }, detail)] : []),
    el('span', { class: 'tool-args visually-hidden' }, localize('Run {0}', `${text}${detail ? ` ${detail}` : ''}`)),
  ];
}

/** "Edit src/app.ts · +5 −0" with the file as a link; a command's title as it is. */
function title(call: ToolCallView, summary: string): (string | Node)[] {
  if (call.approval) return [call.approval.title];
  const path = call.diffStat?.path ?? (toolArgs(call.argumentsText).path as string | undefined);
  const head = summary.replace(/\s*\([^()]*\)$/, '');
  const at = path ? head.indexOf(path) : -1;
  const parts: (string | Node)[] = path && at >= 0 ? [head.slice(0, at), fileLink(path), head.slice(at + path.length)] : [head];
  if (call.diffStat) parts.push(' · ', ...lineCounts(call.diffStat));
  return parts;
}

/** "+5 −0" in the theme's added / removed colours. */
export function lineCounts(stat: { added: number; removed: number }): HTMLElement[] {
  return [
    el('span', { class: 'lines-added', title: stat.added === 1 ? localize('1 line added') : localize('{0} lines added', stat.added) }, `+${stat.added}`),
    el('span', { class: 'lines-removed', title: stat.removed === 1 ? localize('1 line removed') : localize('{0} lines removed', stat.removed) }, ` −${stat.removed}`),
  ];
}

/** Ctrl+Enter (Cmd+Enter) approves the first change that waits, wherever the focus is in the chat. */
export function approveWithKeyboard(e: KeyboardEvent): void {
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey) return;
  const approve = document.querySelector<HTMLButtonElement>(pendingApprove);
  if (!approve) return;
  e.preventDefault();
  e.stopPropagation();
  approve.click();
}

function textButton(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', class: `text-button ${className}` }, label);
  b.addEventListener('click', onClick);
  return b;
}
