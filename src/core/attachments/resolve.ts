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
import { capText, type CappedText, type NoteLanguage, type TextCap } from './cap';
import { inEnglish, type Translate } from '../protocol/translate';
import { tokens } from '../protocol/usage-text';
import { showPath } from '../tools/path-syntax';
import { linesCount, refusalShown } from '../tools/shown-words';
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
  /** The user's language for the notes the chat shows (the model's stay English). */
  t?: Translate;
  locale?: string;
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
  const t = sources.t ?? inEnglish;
  let used = 0;
  for (const ref of refs) {
    const room = Math.min(limits.maxChars, limits.totalChars - used);
    // A sliver of an item would only mislead; past the total the rest go with a note.
    if (room < Math.min(minUsefulChars, limits.maxChars)) {
      const reached = t("this message's attachments reached {0} characters", tokens(limits.totalChars, false, sources.locale ?? 'en-US'));
      out.push(failed(ref, `this message's attachments reached ${limits.totalChars.toLocaleString('en-US')} characters`, reached, t));
      continue;
    }
    const record = await resolveOne(ref, sources, { ...limits, maxChars: room }).catch((err: unknown) =>
      err instanceof ToolError ? failed(ref, err.message, err.shown ?? err.message, t) : failed(ref, describeFsError(err), describeFsError(err, t), t),
    );
    used += record.content.length;
    out.push(record);
  }
  return out;
}

/** A reference that could not be attached: why, for the model (English) and for the user (`shownWhy`, in their language). */
function failed(ref: AttachmentRef, why: string, shownWhy: string, t: Translate): AttachmentRecord {
  return { ...ref, label: attachmentLabel(ref), content: '', note: `not attached: ${why.replace(/\.$/, '')}`, shownNote: t('not attached: {0}', shownWhy.replace(/\.$/, '')) };
}

/** The notes of a capped text, both wordings. */
function notesOf(capped: CappedText): Pick<AttachmentRecord, 'note' | 'shownNote'> {
  return capped.note ? { note: capped.note, ...(capped.shownNote ? { shownNote: capped.shownNote } : {}) } : {};
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
  const t = sources.t ?? inEnglish;
  const r = await resolveInWorkspace(sources.fs, ref.path ?? '', sources.secrets, 'read');
  if (!r.ok) return failed(ref, r.error, refusalShown(r, showPath(ref.path ?? ''), t), t);
  const open = sources.openDocument?.(r.absolute);
  const text = open ? open.text : await readText(r, sources, limits);
  const language = open?.language ?? languageOf(r.relative);
  let lines = splitLines(text.replace(/^\uFEFF/, ''));
  let first = 1;
  if (ref.range) {
    if (ref.range.startLine > lines.length) {
      const shownWhy = t('line {0} is past the end of {1} ({2})', ref.range.startLine, r.relative, linesCount(lines.length, t));
      return failed(ref, `line ${ref.range.startLine} is past the end of ${r.relative} (${lines.length} lines)`, shownWhy, t);
    }
    first = ref.range.startLine;
    lines = lines.slice(first - 1, ref.range.endLine);
  }
  const range = ref.range ? { startLine: first, endLine: first + lines.length - 1 } : undefined;
  const resolved: AttachmentRef = { kind: ref.kind, path: r.relative, ...(range ? { range } : {}) };
  const capped = capText(lines.join('\n'), limits, first, noteLanguage(sources));
  return { ...resolved, label: attachmentLabel(resolved), ...(language ? { language } : {}), content: capped.content, ...notesOf(capped) };
}

async function readText(r: ResolvedPath, sources: AttachmentSources, limits: AttachmentLimits): Promise<string> {
  const t = sources.t ?? inEnglish;
  const stat = await sources.fs.stat(r.absolute);
  if (!stat) throw new ToolError(`${r.relative} does not exist`, t('{0} does not exist', r.relative));
  if (stat.type !== 'file') throw new ToolError(`${r.relative} is not a file`, t('{0} is not a file', r.relative));
  if (stat.size > limits.maxFileBytes) throw new ToolError(`${r.relative} is too large (${stat.size} bytes)`, t('{0} is too large to attach', r.relative));
  const bytes = await sources.fs.readFile(r.absolute, openedCheck(sources.fs, r.relative, sources.secrets, 'read', t));
  if (isBinary(bytes)) throw new ToolError(`${r.relative} is a binary file`, t('{0} is a binary file', r.relative));
  return decodeText(bytes);
}

function resolveProblems(sources: AttachmentSources, limits: AttachmentLimits): AttachmentRecord {
  const ref: AttachmentRef = { kind: 'problems' };
  if (!sources.diagnostics) return failed(ref, 'problems are not available here', (sources.t ?? inEnglish)('problems are not available here'), sources.t ?? inEnglish);
  const found = workspaceProblems(sources.fs, sources.diagnostics, sources.secrets);
  const listing = formatProblems(found, { maxProblems: 200, maxChars: limits.maxChars, maxMessageChars: 500 });
  return { ...ref, label: `Problems (${summary(listing.counts)})`, content: found.length ? listing.text : 'No problems reported in the workspace.' };
}

function resolveTerminal(sources: AttachmentSources, limits: AttachmentLimits): AttachmentRecord {
  const ref: AttachmentRef = { kind: 'terminal' };
  const run = sources.lastTerminalRun?.();
  const t = sources.t ?? inEnglish;
  if (!run) {
    const why = 'no command has run in a terminal with shell integration since the window opened';
    return failed(ref, why, t('no command has run in a terminal with shell integration since the window opened'), t);
  }
  const exit = run.exitCode === undefined ? '' : ` (exit code ${run.exitCode})`;
  const capped = capText(`$ ${run.command}${exit}\n${run.output}`, limits, 1, noteLanguage(sources));
  const command = run.command.length > 60 ? `${run.command.slice(0, 60)}…` : run.command;
  // The model's note names read_file, which cannot read a terminal; the user's never does.
  const notes = run.output.trim() === '' ? noOutputNotes(run, t) : notesOf(capped);
  if (notes.note) notes.note = notes.note.replace(/; read_file can read the rest/, '');
  return { ...ref, label: `Terminal: ${command}`, language: 'text', content: capped.content, ...notes };
}

/**
 * Why a terminal command comes with no output. VS Code passes on only what a command prints after the
 * extension hears that it started, so one that ends at once is recorded with its exit code and nothing else:
 * said plainly, so that neither the model nor the user takes the silence for a command that printed nothing.
 */
function noOutputNotes(run: TerminalRun, t: Translate): Pick<AttachmentRecord, 'note' | 'shownNote'> {
  if (run.exitCode === undefined) {
    return { note: 'no output yet: the command is still running', shownNote: t('no output yet: the command is still running') };
  }
  return {
    note:
      'no output was captured: VS Code passes on only what a command prints after its start is reported, so a command ' +
      'that ends at once can leave nothing here even if it printed; if its output matters, ask the user to paste it ' +
      '(or run the command with run_command where that tool is offered)',
    shownNote: t('no output was captured: VS Code passes on only what a command prints once it has started, so a quick command can leave nothing here. Paste its output into your message, or attach #terminal after a command that takes a moment.'),
  };
}

function noteLanguage(sources: AttachmentSources): NoteLanguage {
  return { t: sources.t ?? inEnglish, ...(sources.locale ? { locale: sources.locale } : {}) };
}
