// A tool call in the chat: name and arguments as they stream, then its result, and while a change
// waits for the user, Approve / Reject (with an optional reason for the model) and View Diff. Commands show
// their exact text and folder with Run / Reject / Always allow, then their output as it streams.
import type { ToolCallView } from '../core/protocol/chat-message';
import { boundForDisplay } from '../core/protocol/output-display';
import { button, el } from './dom';
import { send } from './host';

const statusText: Record<ToolCallView['status'], string> = {
  streaming: 'preparing…',
  pending: 'queued',
  awaitingApproval: 'waiting for your approval',
  running: 'running…',
  done: 'done',
  error: 'failed',
  rejected: 'rejected',
  cancelled: 'not run',
};

export function renderToolCall(call: ToolCallView, messageId: string): HTMLElement {
  if (call.kind === 'command') return renderCommand(call);
  const args = call.argumentsText.length > 300 ? `${call.argumentsText.slice(0, 300)}…` : call.argumentsText;
  const node = el(
    'div',
    {
      class: `tool-call ${call.status}`,
      'data-tool-call-id': call.id,
      'data-tool-status': call.status,
      ...(call.kind ? { 'data-tool-kind': call.kind } : {}),
      role: 'group',
      'aria-label': `Tool ${call.name}`,
    },
    el('span', { class: 'codicon codicon-tools', 'aria-hidden': 'true' }),
    el('span', { class: 'tool-name' }, call.name),
    el('span', { class: 'tool-status' }, statusText[call.status]),
    el('code', { class: 'tool-args' }, call.summary ?? args),
  );
  // An exec tool's card: what runs (server · tool) and with what (its arguments).
  if (call.approval?.detail && call.status === 'awaitingApproval') node.append(el('code', { class: 'tool-approval-detail' }, call.approval.detail));
  if (call.output && call.status === 'running') node.append(el('pre', { class: 'tool-live-output' }, call.output.slice(-2000)));
  if (call.status === 'awaitingApproval') node.append(approvalControls(call, messageId));
  // What the user decided, in their words; the longer text in `result` is meant for the model.
  else if (call.status === 'rejected') node.append(el('div', { class: 'tool-result' }, rejectedText(call)));
  else if (call.result && call.status !== 'done') node.append(el('div', { class: 'tool-result' }, call.result));
  else if (call.result) {
    // Results can be long (whole files): folded by default, one click away.
    const details = el('details', { class: 'tool-output' }, el('summary', {}, 'Output'), el('pre', {}, call.result.slice(0, 20_000)));
    node.append(details);
  }
  return node;
}

function rejectedText(call: ToolCallView): string {
  // Calls stored before the reason was kept apart: take it back out of the model's text.
  const reason = call.rejectedReason ?? /Reason: ([\s\S]*?)\.? Do not retry/.exec(call.result ?? '')?.[1] ?? '';
  return reason ? `Rejected: ${reason}` : 'Rejected';
}

function approvalControls(call: ToolCallView, messageId: string): HTMLElement {
  const reason = el('input', { type: 'text', class: 'reject-reason', placeholder: 'Reason (optional, told to the agent)', 'aria-label': 'Reason for rejecting' });
  const decide = (approved: boolean, always = false) => {
    const text = reason.value.trim();
    send({ type: 'approveTool', toolCallId: call.id, approved, ...(text && !approved ? { reason: text } : {}), ...(always ? { always } : {}) });
  };
  const approve = el('button', { type: 'button', class: 'primary approve', 'aria-label': 'Approve' }, 'Approve');
  approve.addEventListener('click', () => decide(true));
  const reject = el('button', { type: 'button', class: 'reject', 'aria-label': 'Reject' }, 'Reject');
  reject.addEventListener('click', () => decide(false));
  reason.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') decide(false);
  });
  const always = el('button', { type: 'button', class: 'always-allow', 'aria-label': 'Always allow' }, 'Always allow');
  always.addEventListener('click', () => decide(true, true));
  // Exec tools (commands, MCP) have nothing to diff; they may offer Always allow instead.
  const extra = call.approval ? (call.approval.canAlwaysAllow ? [always] : []) : [button('View Diff', 'diff', () => send({ type: 'showDiff', messageId, toolCallId: call.id }))];
  return el('div', { class: 'approval' }, approve, reject, ...extra, reason);
}

function commandText(call: ToolCallView): string {
  try {
    const args = JSON.parse(call.argumentsText) as { command?: unknown };
    if (typeof args.command === 'string') return args.command;
  } catch {
    // Still streaming: the arguments are not whole JSON yet.
  }
  return call.approval?.title.replace(/^Run /, '') ?? call.argumentsText;
}

function renderCommand(call: ToolCallView): HTMLElement {
  const node = el(
    'div',
    { class: `tool-call command ${call.status}`, 'data-tool-call-id': call.id, 'data-tool-status': call.status, 'data-tool-kind': 'command', role: 'group', 'aria-label': `Command ${commandText(call)}` },
    el('span', { class: 'codicon codicon-terminal', 'aria-hidden': 'true' }),
    el('span', { class: 'tool-status' }, statusText[call.status]),
    el('pre', { class: 'command-line' }, el('code', {}, commandText(call))),
  );
  if (call.approval?.detail) node.append(el('div', { class: 'command-folder' }, call.approval.detail));
  if (call.status === 'awaitingApproval') node.append(commandApproval(call));
  else if (call.status === 'rejected') node.append(el('div', { class: 'tool-result' }, rejectedText(call)));
  if (call.exitCode !== undefined || call.durationMs !== undefined) {
    const parts = [call.exitCode !== undefined ? `exit code ${call.exitCode}` : 'no exit code', call.durationMs !== undefined ? `${(call.durationMs / 1000).toFixed(1)} s` : ''];
    node.append(el('div', { class: 'command-exit', 'data-exit-code': String(call.exitCode ?? '') }, parts.filter(Boolean).join(' · ')));
  }
  if (call.output !== undefined || call.status === 'running' || call.status === 'done') node.append(outputBlock(call));
  if (call.status === 'error' && call.result && call.output === undefined) node.append(el('div', { class: 'tool-result' }, call.result));
  return node;
}

function outputBlock(call: ToolCallView): HTMLElement {
  const details = el('details', { class: 'tool-output command-output-block', open: '' }, el('summary', {}, 'Output'));
  details.append(el('pre', { class: 'command-output', 'aria-live': 'off' }, call.output ?? ''));
  if (call.status !== 'running') details.append(button('Open full output', 'go-to-file', () => send({ type: 'openToolOutput', toolCallId: call.id })));
  return details;
}

/** Appends streamed output to a command's call (bounded like the host's copy) and to its block on the page. */
export function appendCommandOutput(call: ToolCallView, node: Element | null, text: string): void {
  call.output = boundForDisplay((call.output ?? '') + text);
  const pre = node?.querySelector('pre.command-output');
  if (!pre) return;
  if (call.output.length < (pre.textContent?.length ?? 0) + text.length) pre.textContent = call.output;
  else pre.append(document.createTextNode(text));
}

function commandApproval(call: ToolCallView): HTMLElement {
  const reason = el('input', { type: 'text', class: 'reject-reason', placeholder: 'Reason (optional, told to the agent)', 'aria-label': 'Reason for rejecting' });
  const decide = (approved: boolean, always = false) => {
    const text = reason.value.trim();
    send({ type: 'approveTool', toolCallId: call.id, approved, ...(text && !approved ? { reason: text } : {}), ...(always ? { always: true } : {}) });
  };
  const action = (label: string, cls: string, run: () => void) => {
    const b = el('button', { type: 'button', class: cls, 'aria-label': label }, label);
    b.addEventListener('click', run);
    return b;
  };
  reason.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') decide(false);
  });
  const controls = el('div', { class: 'approval' }, action('Run', 'primary approve', () => decide(true)), action('Reject', 'reject', () => decide(false)));
  if (call.approval?.canAlwaysAllow) controls.append(action('Always allow', 'always-allow', () => decide(true, true)));
  controls.append(reason);
  return controls;
}
