// Tool calls in the chat as one-line progress items: an icon per tool, a spinner while it runs and a
// check when done, plain wording with the file as a link, the output one click away. Consecutive reads
// fold into one expandable line ("Read 3 files"). A call that waits for the user becomes an approval card;
// commands and MCP calls show their output below the line (exec-output.ts).
import type { ToolCallView } from '../core/protocol/chat-message';
import { approvalCard } from './approval-card';
import { el } from './dom';
import { execParts, failureParts, returned } from './exec-output';
import { fileLink, toolArgs } from './file-link';
import { localize } from './localize';

const toolIcons: Readonly<Record<string, string>> = {
  read_file: 'file', list_directory: 'folder-opened', find_files: 'search', search_text: 'search',
  get_problems: 'warning', write_file: 'new-file', edit_file: 'edit', create_directory: 'new-folder', delete_file: 'trash',
};

const statusIcons: Record<ToolCallView['status'], string> = {
  streaming: 'loading', pending: 'loading', running: 'loading', awaitingApproval: 'shield',
  done: 'check', error: 'error', rejected: 'circle-slash', cancelled: 'circle-slash',
};

const statusText: Record<ToolCallView['status'], string> = {
  streaming: localize('preparing'), pending: localize('queued'), awaitingApproval: localize('waiting for your approval'), running: localize('running'),
  done: localize('done'), error: localize('failed'), rejected: localize('rejected'), cancelled: localize('not run'),
};

/**
 * Rows built by an earlier render, by first call id: reused while their calls are the very same objects
 * (an update replaces its call's object), so a change to one call of 200 rebuilds one row, not 200.
 */
export type ToolRowCache = Map<string, { calls: readonly ToolCallView[]; node: HTMLElement }>;

/** The calls of one answer, reads that follow each other grouped. */
export function renderToolCalls(calls: readonly ToolCallView[], messageId: string, cache?: ToolRowCache): HTMLElement[] {
  const out: HTMLElement[] = [];
  const next: ToolRowCache = new Map();
  const row = (members: ToolCallView[], build: () => HTMLElement) => {
    const old = cache?.get(members[0]!.id);
    const kept = old && old.calls.length <= members.length && old.calls.every((c, i) => c === members[i]);
    // A group that only gained reads grows in place (it stays open if the user opened it).
    const grows = kept && old.calls.length < members.length && old.node.classList.contains('tool-group');
    const node = kept && old.calls.length === members.length ? old.node : grows ? growGroup(old.node, members, messageId) : build();
    next.set(members[0]!.id, { calls: members, node });
    out.push(node);
  };
  for (let i = 0; i < calls.length; ) {
    let j = i;
    while (j < calls.length && isFinishedRead(calls[j]!)) j++;
    const members = calls.slice(i, Math.max(j, i + 1));
    if (j - i >= 2) row(members, () => readGroup(members, messageId));
    else row(members, () => renderToolCall(calls[i]!, messageId));
    i += members.length;
  }
  if (cache) {
    cache.clear();
    for (const [k, v] of next) cache.set(k, v);
  }
  return out;
}

export function renderToolCall(call: ToolCallView, messageId: string): HTMLElement {
  const node = el('div', {
    class: `tool-call ${call.status}`, 'data-tool-call-id': call.id, 'data-tool-status': call.status,
    'data-tool-kind': kindOf(call), role: 'group', 'aria-label': `${describe(call)}: ${statusText[call.status]}`,
  });
  if (call.status === 'awaitingApproval') {
    node.classList.add('approval-card');
    node.append(...approvalCard(call, messageId));
    return node;
  }
  node.append(progressLine(call));
  const kind = kindOf(call);
  if (kind === 'command' || kind === 'mcp') {
    node.append(...execParts(call, rejectedText(call)));
    return node;
  }
  // What the user decided, in their words; the longer text in `result` is meant for the model.
  if (call.status === 'rejected') node.append(el('div', { class: 'tool-result' }, rejectedText(call)));
  else if (call.status === 'error' || call.status === 'cancelled') node.append(...failureParts(call));
  // Results can be long (whole files): folded, one click away.
  else if (call.result && call.status === 'done') node.append(returned(call.result, localize('Output')));
  return node;
}

/** Icon, status, the plain sentence (file as a link), and the tool's own name for those who look for it. */
function progressLine(call: ToolCallView): HTMLElement {
  const busy = statusIcons[call.status] === 'loading';
  return el(
    'div',
    { class: 'tool-line' },
    el('span', { class: `codicon codicon-${toolIcons[call.name] ?? (kindOf(call) === 'command' ? 'terminal' : kindOf(call) === 'mcp' ? 'plug' : 'tools')} tool-icon`, 'aria-hidden': 'true' }),
    el('span', { class: 'tool-args' }, ...wording(call)),
    el('span', { class: 'tool-name', title: localize('Tool') }, call.name),
    el('span', { class: `codicon codicon-${statusIcons[call.status]}${busy ? ' codicon-modifier-spin' : ''} tool-state`, title: statusText[call.status], 'aria-hidden': 'true' }),
    el('span', { class: 'tool-status visually-hidden' }, statusText[call.status]),
  );
}

/** "Read src/app.ts, lines 1–22": the summary with its file as a link, or the call as it streams in. */
export function wording(call: ToolCallView): (string | Node)[] {
  const args = toolArgs(call.argumentsText);
  const path = typeof args.path === 'string' ? args.path : call.diffStat?.path;
  const text = linesRead(call, path) ?? call.summary ?? call.approval?.title ?? fallback(call, args);
  const at = path ? text.indexOf(path) : -1;
  if (!path || at < 0) return [text];
  return [text.slice(0, at), fileLink(path), text.slice(at + path.length)];
}

/** A read's row in the chat's own wording, from the range the tool reported as data (an older record: its summary). */
function linesRead(call: ToolCallView, path: string | undefined): string | undefined {
  const range = call.lineRange;
  if (!range || !path || call.status !== 'done') return undefined;
  return localize('Read {0}, lines {1}–{2}', path, range.start, range.end);
}

function fallback(call: ToolCallView, args: Record<string, unknown>): string {
  const verb: Record<string, string> = { read_file: localize('Read'), list_directory: localize('List'), write_file: localize('Write'), edit_file: localize('Edit'), delete_file: localize('Delete'), create_directory: localize('Create directory') };
  const what = typeof args.path === 'string' ? args.path : call.argumentsText.length > 120 ? `${call.argumentsText.slice(0, 120)}…` : call.argumentsText;
  return `${verb[call.name] ?? call.name} ${what}`.trim();
}

/**
 * A group's member rows are built while it has at most this many, beyond that only once it is opened: the
 * closed line is all that shows, and an answer that reads 200 files should not build 200 hidden rows.
 */
const eagerMembers = 20;
/** The calls each group stands for, read when it is opened. */
const groupCalls = new WeakMap<HTMLElement, { calls: readonly ToolCallView[]; messageId: string }>();

function readGroup(calls: readonly ToolCallView[], messageId: string): HTMLElement {
  const group = el(
    'details',
    { class: 'tool-group' },
    el('summary', {}, el('span', { class: 'codicon codicon-files tool-icon', 'aria-hidden': 'true' }), el('span', { class: 'tool-group-label' }), el('span', { class: 'codicon codicon-check tool-state', 'aria-hidden': 'true' })),
  );
  group.addEventListener('toggle', () => buildMembers(group));
  return growGroup(group, calls, messageId);
}

/** The group now stands for `calls` (the ones it had, and more after them): its line, and its rows if they can be seen. */
function growGroup(group: HTMLElement, calls: readonly ToolCallView[], messageId: string): HTMLElement {
  const files = new Set(calls.map(pathOf).filter((p) => p !== undefined));
  const read = files.size || calls.length;
  const label = calls.every((c) => c.name === 'read_file') ? (read === 1 ? localize('Read 1 file') : localize('Read {0} files', read)) : localize('Looked at the workspace ({0} steps)', calls.length);
  group.querySelector('.tool-group-label')!.textContent = label;
  groupCalls.set(group, { calls, messageId });
  if (calls.length <= eagerMembers || (group as HTMLDetailsElement).open) buildMembers(group);
  return group;
}

/** Each call's path, parsed once: a group of 200 grows by one call at a time and counts its files each time. */
const paths = new WeakMap<ToolCallView, string | undefined>();

function pathOf(call: ToolCallView): string | undefined {
  if (!paths.has(call)) {
    const path = toolArgs(call.argumentsText).path;
    paths.set(call, typeof path === 'string' ? path : undefined);
  }
  return paths.get(call);
}

function buildMembers(group: HTMLElement): void {
  const known = groupCalls.get(group);
  if (!known || !(known.calls.length <= eagerMembers || (group as HTMLDetailsElement).open)) return;
  const have = group.querySelectorAll(':scope > .tool-call').length;
  group.append(...known.calls.slice(have).map((c) => renderToolCall(c, known.messageId)));
}

function isFinishedRead(call: ToolCallView): boolean {
  return call.status === 'done' && kindOf(call) === 'read';
}

function kindOf(call: ToolCallView): string {
  if (call.kind) return call.kind;
  return ['read_file', 'list_directory', 'find_files', 'search_text', 'get_problems'].includes(call.name) ? 'read' : call.name in toolIcons ? 'write' : 'other';
}

function describe(call: ToolCallView): string {
  return wording(call).map((p) => (typeof p === 'string' ? p : p.textContent)).join('');
}

function rejectedText(call: ToolCallView): string {
  // Calls stored before the reason was kept apart: take it back out of the model's text.
  const reason = call.rejectedReason ?? /Reason: ([\s\S]*?)\.? Do not retry/.exec(call.result ?? '')?.[1] ?? '';
  return reason ? `Rejected: ${reason}` : 'Rejected';
}
