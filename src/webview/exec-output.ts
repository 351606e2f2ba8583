// What a command or MCP call shows below its progress line: the user's rejection, how a command ended
// (exit code, time), and the output as it streams (bounded like the host's copy), its whole text one click away.
import type { ToolCallView } from '../core/protocol/chat-message';
import { boundForDisplay } from '../core/protocol/output-display';
import { button, el } from './dom';
import { send } from './host';

/** The parts under an exec call's progress line. */
export function execParts(call: ToolCallView, rejected: string): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (call.status === 'rejected') parts.push(el('div', { class: 'tool-result' }, rejected));
  if (call.exitCode !== undefined || call.durationMs !== undefined) {
    const text = [call.exitCode !== undefined ? `exit code ${call.exitCode}` : 'no exit code', call.durationMs !== undefined ? `${(call.durationMs / 1000).toFixed(1)} s` : ''];
    parts.push(el('div', { class: 'command-exit', 'data-exit-code': String(call.exitCode ?? '') }, text.filter(Boolean).join(' · ')));
  }
  const streams = call.output !== undefined || call.status === 'running' || (call.kind === 'command' && call.status === 'done');
  if (streams) parts.push(outputBlock(call));
  if (call.status === 'error' && call.result && call.output === undefined) parts.push(el('div', { class: 'tool-result' }, call.result));
  if (call.kind === 'mcp' && call.status === 'done' && call.result) {
    parts.push(el('details', { class: 'tool-output' }, el('summary', { title: 'Show what the tool returned' }, 'Result'), el('pre', {}, call.result.slice(0, 20_000))));
  }
  return parts;
}

function outputBlock(call: ToolCallView): HTMLElement {
  const details = el('details', { class: 'tool-output command-output-block', open: '' }, el('summary', {}, 'Output'));
  details.append(el('pre', { class: 'command-output', 'aria-live': 'off' }, call.output ?? ''));
  if (call.kind === 'command' && call.status !== 'running') details.append(button('Open full output', 'go-to-file', () => send({ type: 'openToolOutput', toolCallId: call.id })));
  return details;
}

/** Appends streamed output to a call (bounded like the host's copy) and to its block on the page. */
export function appendCommandOutput(call: ToolCallView, node: Element | null, text: string): void {
  call.output = boundForDisplay((call.output ?? '') + text);
  const pre = node?.querySelector('pre.command-output');
  if (!pre) return;
  if (call.output.length < (pre.textContent?.length ?? 0) + text.length) pre.textContent = call.output;
  else pre.append(document.createTextNode(text));
}
