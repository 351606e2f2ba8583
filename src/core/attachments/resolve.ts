// Turns the references the page sends into what goes to the model: each read under the same rules as
// read_file (inside the workspace, never a protected file), capped with a note, labelled for the chat.
import { attachmentLabel, type AttachmentRecord, type AttachmentRef } from '../protocol/attachments';
import { describeFsError } from '../tools/common';
import { openedCheck, resolveInWorkspace, type ResolvedPath } from '../tools/confine';
import { formatProblems, summary, workspaceProblems, type DiagnosticsSource } from '../tools/diagnostics';
import type { ToolFileSystem } from '../tools/fs';
import type { SecretPolicy } from '../tools/secrets';
import { decodeText, isBinary, splitLines } from '../tools/text';
import { ToolError } from '../tools/types';
import { capText, type TextCap } from './cap';
import { languageOf } from './language';

/** The last command seen in a terminal, its output already bounded by the recorder. */
export interface TerminalRun {
  command: string;
  output: string;
  exitCode?: number;
}

export interface AttachmentSources {
  fs: ToolFileSystem;
  secrets: SecretPolicy;
  diagnostics?: DiagnosticsSource;
  lastTerminalRun?(): TerminalRun | undefined;
  /** An open editor's text (unsaved edits included) and language, by absolute path. */
  openDocument?(absolute: string): { text: string; language: string } | undefined;
}

export interface AttachmentLimits extends TextCap {
  /** Files larger than this are not read. */
  maxFileBytes: number;
  /** All of one message's attachments together. */
  totalChars: number;
}

export const defaultAttachmentLimits: AttachmentLimits = { maxChars: 20_000, maxLineChars: 2_000, maxFileBytes: 10 * 1024 * 1024, totalChars: 100_000 };

const minUsefulChars = 500;

/** Resolves every reference in order; one that cannot be attached is kept with empty content and the reason. */
export async function resolveAttachments(refs: readonly AttachmentRef[], sources: AttachmentSources, limits: AttachmentLimits = defaultAttachmentLimits): Promise<AttachmentRecord[]> {
  const out: AttachmentRecord[] = [];
  let used = 0;
  for (const ref of refs) {
    const room = Math.min(limits.maxChars, limits.totalChars - used);
    // A sliver of an item would only mislead; past the total the rest go with a note.
    if (room < Math.min(minUsefulChars, limits.maxChars)) {
      out.push({ ...ref, label: attachmentLabel(ref), content: '', note: `not attached: this message's attachments reached ${limits.totalChars.toLocaleString('en-US')} characters` });
      continue;
    }
    const record = await resolveOne(ref, sources, { ...limits, maxChars: room }).catch((err: unknown) => failed(ref, err instanceof ToolError ? err.message : describeFsError(err)));
    used += record.content.length;
    out.push(record);
  }
  return out;
}

function failed(ref: AttachmentRef, why: string): AttachmentRecord {
  return { ...ref, label: attachmentLabel(ref), content: '', note: `not attached: ${why.replace(/\.$/, '')}` };
}

async function resolveOne(ref: AttachmentRef, sources: AttachmentSources, limits: AttachmentLimits): Promise<AttachmentRecord> {
  switch (ref.kind) {
    case 'file':
    case 'selection':
      return resolveText(ref, sources, limits);
    case 'problems':
      return resolveProblems(sources, limits);
    case 'terminal':
      return resolveTerminal(sources, limits);
  }
}

async function resolveText(ref: AttachmentRef, sources: AttachmentSources, limits: AttachmentLimits): Promise<AttachmentRecord> {
  const r = await resolveInWorkspace(sources.fs, ref.path ?? '', sources.secrets, 'read');
  if (!r.ok) return failed(ref, r.error);
  const open = sources.openDocument?.(r.absolute);
  const text = open ? open.text : await readText(r, sources, limits);
  const language = open?.language ?? languageOf(r.relative);
  let lines = splitLines(text.replace(/^\uFEFF/, ''));
  let first = 1;
  if (ref.range) {
    if (ref.range.startLine > lines.length) return failed(ref, `line ${ref.range.startLine} is past the end of ${r.relative} (${lines.length} lines)`);
    first = ref.range.startLine;
    lines = lines.slice(first - 1, ref.range.endLine);
  }
  const range = ref.range ? { startLine: first, endLine: first + lines.length - 1 } : undefined;
  const resolved: AttachmentRef = { kind: ref.kind, path: r.relative, ...(range ? { range } : {}) };
  const capped = capText(lines.join('\n'), limits, first);
  return { ...resolved, label: attachmentLabel(resolved), ...(language ? { language } : {}), content: capped.content, ...(capped.note ? { note: capped.note } : {}) };
}

async function readText(r: ResolvedPath, sources: AttachmentSources, limits: AttachmentLimits): Promise<string> {
  const stat = await sources.fs.stat(r.absolute);
  if (!stat) throw new ToolError(`${r.relative} does not exist`);
  if (stat.type !== 'file') throw new ToolError(`${r.relative} is not a file`);
  if (stat.size > limits.maxFileBytes) throw new ToolError(`${r.relative} is too large (${stat.size} bytes)`);
  const bytes = await sources.fs.readFile(r.absolute, openedCheck(sources.fs, r.relative, sources.secrets, 'read'));
  if (isBinary(bytes)) throw new ToolError(`${r.relative} is a binary file`);
  return decodeText(bytes);
}

function resolveProblems(sources: AttachmentSources, limits: AttachmentLimits): AttachmentRecord {
  const ref: AttachmentRef = { kind: 'problems' };
  if (!sources.diagnostics) return failed(ref, 'problems are not available here');
  const found = workspaceProblems(sources.fs, sources.diagnostics, sources.secrets);
  const listing = formatProblems(found, { maxProblems: 200, maxChars: limits.maxChars, maxMessageChars: 500 });
  return { ...ref, label: `Problems (${summary(listing.counts)})`, content: found.length ? listing.text : 'No problems reported in the workspace.' };
}

function resolveTerminal(sources: AttachmentSources, limits: AttachmentLimits): AttachmentRecord {
  const ref: AttachmentRef = { kind: 'terminal' };
  const run = sources.lastTerminalRun?.();
  if (!run) return failed(ref, 'no command has run in a terminal with shell integration since the window opened');
  const exit = run.exitCode === undefined ? '' : ` (exit code ${run.exitCode})`;
  const capped = capText(`$ ${run.command}${exit}\n${run.output}`, limits);
  const command = run.command.length > 60 ? `${run.command.slice(0, 60)}…` : run.command;
  return { ...ref, label: `Terminal: ${command}`, language: 'text', content: capped.content, ...(capped.note ? { note: capped.note.replace(/; read_file can read the rest/, '') } : {}) };
}
