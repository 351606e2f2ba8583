// What a command or MCP call shows below its progress line: the user's rejection, how a command ended
// (exit code, time), and the output as it streams (bounded like the host's copy), its whole text one click away.
// The output is shown in pieces of whole lines that layout skips while out of sight (content-visibility). While
// the command runs, only its live end is shown (the host posts no more; of a flood, only its last lines while the
// block follows its end: FOLLOWING_OUTPUT_CHARS), brought up to date once per animation frame within a time
// budget, and the block follows it unless the user scrolled up (output-follow.ts: scroll anchoring, no layout
// read): a command printing megabytes costs each frame a few kilobytes of new text and the layout of one
// contained block.
import type { ToolCallView } from '../core/protocol/chat-message';
import { boundForDisplay, FOLLOWING_OUTPUT_CHARS, LIVE_OUTPUT_CHARS, OUTPUT_LEFT_OUT_NOTE } from '../core/protocol/output-display';
import { button, el } from './dom';
import { send } from './host';
import { localize } from './localize';
import { secondsText } from '../core/protocol/usage-text';
import { followEnd, following, lastPiece, outputEnd } from './output-follow';

/** The parts under an exec call's progress line. */
export function execParts(call: ToolCallView, rejected: string): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (call.status === 'rejected') parts.push(el('div', { class: 'tool-result' }, rejected));
  if (call.exitCode !== undefined || call.durationMs !== undefined) {
    const text = [call.exitCode !== undefined ? localize('exit code {0}', call.exitCode) : localize('no exit code'), call.durationMs !== undefined ? localize('{0} s', secondsText(call.durationMs)) : ''];
    parts.push(el('div', { class: 'command-exit', 'data-exit-code': String(call.exitCode ?? '') }, text.filter(Boolean).join(' · ')));
  }
  const streams = call.output !== undefined || call.status === 'running' || (call.kind === 'command' && call.status === 'done');
  if (streams) parts.push(outputBlock(call));
  if (call.status === 'error' && call.output === undefined) parts.push(...failureParts(call));
  if (call.kind === 'mcp' && call.status === 'done' && call.result) parts.push(returned(call.result, localize('Result')));
  return parts;
}

/** What the tool returned (for the model, often long), folded one click away. */
export function returned(result: string, label: string): HTMLElement {
  return el('details', { class: 'tool-output' }, el('summary', { title: localize('Show what the tool returned') }, label), el('pre', {}, result.slice(0, 20_000)));
}

/**
 * A failed or stopped call: its line (the summary) already says why in the user's language, so the text written for
 * the model is folded away; a call recorded before it had such a summary shows that text as it did.
 */
export function failureParts(call: ToolCallView): HTMLElement[] {
  if (!call.result) return [];
  if (call.summary === undefined) return [el('div', { class: 'tool-result' }, call.result)];
  return [returned(call.result, localize('Output'))];
}

function outputBlock(call: ToolCallView): HTMLElement {
  const details = el('details', { class: 'tool-output command-output-block', open: '' }, el('summary', {}, localize('Output')));
  const pre = el('pre', { class: 'command-output', 'aria-live': 'off' });
  const output = call.output ?? '';
  if (call.status === 'running') showOutput(pre, boundForDisplay(output, LIVE_OUTPUT_CHARS));
  else showSettled(pre, output);
  containWhenFull(pre, output);
  details.append(pre);
  followEnd(pre);
  if (call.kind === 'command' && call.status !== 'running') details.append(button(localize('Open full output'), 'go-to-file', () => send({ type: 'openToolOutput', toolCallId: call.id })));
  return details;
}

/**
 * Appends streamed output to a call (bounded to the live end) at once, and to its block on the page in the next
 * animation frame: posts that arrive together (the page was busy, or several came within one frame) cost one
 * change of the DOM and one layout, of the live end at most. Returns whether the block may grow: a full one has a
 * fixed height, so what it adds never moves the transcript (which then need not read its layout to follow).
 */
export function appendCommandOutput(call: ToolCallView, node: Element | null, text: string): boolean {
  call.output = boundForDisplay((call.output ?? '') + text, LIVE_OUTPUT_CHARS);
  const pre = node?.querySelector<HTMLElement>('pre.command-output');
  if (!pre) return true;
  // More than the live end waiting means the block is replaced, so only that much is kept.
  const waiting = (unpainted.get(pre)?.text ?? '') + text;
  unpainted.set(pre, { call, text: waiting.length > LIVE_OUTPUT_CHARS ? waiting.slice(-LIVE_OUTPUT_CHARS) : waiting });
  if (unpainted.size === 1) requestAnimationFrame(paintWaitingOutput);
  return !pre.classList.contains('output-full');
}

/** Output that arrived since each block was last brought up to date. */
const unpainted = new Map<HTMLElement, { call: ToolCallView; text: string }>();

/** DOM work one frame spends on new output; blocks left over wait for the next frame (their text is kept). */
const FRAME_BUDGET_MS = 6;

function paintWaitingOutput(): void {
  const started = performance.now();
  for (const [pre, { call, text }] of [...unpainted]) {
    if (performance.now() - started > FRAME_BUDGET_MS) return void requestAnimationFrame(paintWaitingOutput);
    unpainted.delete(pre);
    if (pre.isConnected) addToBlock(pre, call, text);
  }
}

function addToBlock(pre: HTMLElement, call: ToolCallView, text: string): void {
  const shown = call.output ?? '';
  containWhenFull(pre, shown);
  if (text.length >= LIVE_OUTPUT_CHARS - OUTPUT_LEFT_OUT_NOTE.length) return showOutput(pre, shown);
  // The last piece is taken up again while it is short or its line is still open, so pieces stay few and whole-lined.
  const last = lastPiece(pre);
  if (last?.classList.contains('output-piece') && (last.dataset.open !== undefined || pieceChars(last) < PIECE_CHARS)) {
    text = pieceText(last) + text;
    last.remove();
  }
  pre.insertBefore(fragmentOf(splitIntoPieces(text).map(piece)), outputEnd(pre));
  trimToShown(pre, shown);
}

/** Lines beyond which a block is surely taller than its box (240 px), at any editor font size over 6 px. */
const FULL_LINES = 40;

/**
 * A block that fills its box gets that height fixed and full containment (`.output-full`, chat.css): what
 * changes inside it is laid out alone, never the transcript around it. It looks the same as before.
 */
function containWhenFull(pre: HTMLElement, shown: string): void {
  if (pre.classList.contains('output-full')) return;
  let lines = 0;
  for (let i = shown.indexOf('\n'); i >= 0 && lines < FULL_LINES; i = shown.indexOf('\n', i + 1)) lines++;
  if (lines >= FULL_LINES) pre.classList.add('output-full');
}

/**
 * Characters per shown piece of output (about 30 lines of 100). The block shows about 16 lines, so at most two
 * pieces are laid out when new output replaces what is in view; the others are skipped (content-visibility).
 */
const PIECE_CHARS = 3_000;

/** Cuts `text` after line ends into pieces of about PIECE_CHARS (a longer line stays whole). */
function splitIntoPieces(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > PIECE_CHARS) {
    const cut = text.lastIndexOf('\n', start + PIECE_CHARS - 1);
    const next = cut >= start ? cut + 1 : text.indexOf('\n', start + PIECE_CHARS) + 1;
    if (next <= 0) break;
    pieces.push(text.slice(start, next));
    start = next;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

/**
 * One piece as a block. Its final line end is left to the block's end (a kept "\n" would double the line break
 * in copied text); a piece whose last line is still open is marked so the next text continues that line.
 */
function piece(text: string): HTMLElement {
  const closed = text.endsWith('\n');
  const node = el('span', { class: 'output-piece' }, closed ? text.slice(0, -1) : text);
  if (!closed) node.dataset.open = '';
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) lines++;
  // Out of sight, the piece keeps the height of its lines without being laid out (`auto`: its real height once seen).
  node.style.setProperty('contain-intrinsic-size', `auto ${lines}lh`);
  return node;
}

function pieceChars(node: Element): number {
  return (node.firstChild as Text | null)?.length ?? 0;
}

/** The piece's text as it was added (its line end given back). */
function pieceText(node: HTMLElement): string {
  return (node.textContent ?? '') + (node.dataset.open === undefined ? '\n' : '');
}

/** Shows `shown` in place of what the block showed; a block that follows its end gets only its last whole lines. */
function showOutput(pre: HTMLElement, shown: string): void {
  const whole = shown.startsWith(OUTPUT_LEFT_OUT_NOTE) ? shown.slice(OUTPUT_LEFT_OUT_NOTE.length) : shown;
  const lineStart = whole.length > FOLLOWING_OUTPUT_CHARS && following(pre) ? whole.indexOf('\n', whole.length - FOLLOWING_OUTPUT_CHARS) + 1 : 0;
  const cut = lineStart > 0 && lineStart < whole.length;
  const body = cut ? whole.slice(lineStart) : whole;
  replacePieces(pre, splitIntoPieces(body).map(piece));
  trimToShown(pre, cut ? OUTPUT_LEFT_OUT_NOTE + body : shown);
}

/**
 * How much of a settled output's end is shown in the frame it settles: what a block following its end showed of
 * a flood (the new block follows its end). That frame also takes in the settled call; the rest comes after it.
 */
const FIRST_FRAME_CHARS = FOLLOWING_OUTPUT_CHARS;
/** Earlier pieces added per later frame (about 18,000 characters: a few milliseconds of DOM work). */
const PIECES_PER_FRAME = 6;

/**
 * A settled call's bounded end (up to 200 KB): its last lines at once, the pieces before them a few per animation
 * frame, so no frame creates 200 KB of text nodes (that alone took 70–100 ms on a loaded machine). The block
 * is marked `data-filling` until every piece is in.
 */
function showSettled(pre: HTMLElement, shown: string): void {
  const trimmed = shown.startsWith(OUTPUT_LEFT_OUT_NOTE);
  const pieces = splitIntoPieces(trimmed ? shown.slice(OUTPUT_LEFT_OUT_NOTE.length) : shown);
  let first = pieces.length;
  for (let chars = 0; first > 0 && chars < FIRST_FRAME_CHARS; ) chars += (pieces[--first] as string).length;
  replacePieces(pre, pieces.slice(first).map(piece));
  if (trimmed) pre.prepend(leftOutNote());
  addEarlierPieces(pre, pieces.slice(0, first));
}

function addEarlierPieces(pre: HTMLElement, earlier: string[]): void {
  if (earlier.length === 0) return void delete pre.dataset.filling;
  pre.dataset.filling = '';
  requestAnimationFrame(() => {
    const batch = earlier.splice(-PIECES_PER_FRAME);
    // Scroll anchoring keeps a following block at its end and one the user scrolled up in on the lines they read.
    pre.insertBefore(fragmentOf(batch.map(piece)), pre.querySelector(':scope > .output-piece'));
    addEarlierPieces(pre, earlier);
  });
}

/** Puts `pieces` in place of what the block shows, leaving its end marker where it is: the scroll anchor stays. */
function replacePieces(pre: HTMLElement, pieces: readonly Node[]): void {
  const end = outputEnd(pre);
  const before = document.createRange();
  before.setStart(pre, 0);
  before.setEndBefore(end);
  before.deleteContents();
  pre.insertBefore(fragmentOf(pieces), end);
}

/** The note that marks where the shown output starts; the marker in the data stays as it is (English). */
function leftOutNote(): HTMLElement {
  return el('span', { class: 'output-left-out' }, localize('… earlier output is not shown here (Open full output shows all of it) …'));
}

function fragmentOf(nodes: readonly Node[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(...nodes);
  return fragment;
}

/** Drops the start of what the block shows until it holds what the call keeps (`shown`), and adds the note. */
function trimToShown(pre: HTMLElement, shown: string): void {
  const trimmed = shown.startsWith(OUTPUT_LEFT_OUT_NOTE);
  const wanted = shown.length - (trimmed ? OUTPUT_LEFT_OUT_NOTE.length : 0);
  const pieces = [...pre.querySelectorAll<HTMLElement>(':scope > .output-piece')];
  let held = pieces.reduce((n, p) => n + pieceChars(p) + (p.dataset.open === undefined ? 1 : 0), 0);
  for (const first of pieces) {
    if (held <= wanted) break;
    const size = pieceChars(first) + (first.dataset.open === undefined ? 1 : 0);
    if (held - size >= wanted || !first.firstChild) first.remove();
    else (first.firstChild as Text).deleteData(0, held - wanted);
    held -= Math.min(size, held - wanted);
  }
  if (trimmed && !pre.querySelector(':scope > .output-left-out')) pre.prepend(leftOutNote());
}
