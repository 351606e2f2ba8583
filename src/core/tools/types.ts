// Shapes shared by the tools, the runner and the undo log. UI-agnostic: the extension renders
// ProposedChange as a diff and keeps AppliedChange records per turn for undo.
import type { ToolDefinition } from '../providers/types';
import type { DiagnosticsSource, ProblemLimits } from './problem-source';
import type { ToolFileSystem } from './fs';
import type { JsonSchema } from './schema';
import type { SecretPolicy } from './secrets';
import type { Translate } from '../protocol/translate';

export type ToolKind = 'read' | 'write' | 'exec';

export interface ToolLimits {
  /** read_file: most lines returned per call. */
  readMaxLines: number;
  /** read_file: most characters returned per call. */
  readMaxChars: number;
  /** read_file: larger files are refused outright (use search_text or a line range of a smaller file). */
  readMaxFileBytes: number;
  /** Longest line shown; longer ones (minified code) are cut. */
  maxLineChars: number;
  listMaxEntries: number;
  findMaxResults: number;
  searchMaxMatches: number;
  /** search_text skips files larger than this. */
  searchMaxFileBytes: number;
  /** search_text (regex) matches only this many characters of each line. */
  searchMaxLineChars: number;
  /** Total time a regular expression may run in one search_text call. */
  regexBudgetMs: number;
  /** Directory entries visited by one find_files/search_text walk. */
  walkMaxEntries: number;
  /** Work one find_files/search_text call may spend matching its glob (states visited, see glob.ts). */
  globMaxSteps: number;
}

export const defaultLimits: ToolLimits = {
  readMaxLines: 2000,
  readMaxChars: 100_000,
  readMaxFileBytes: 10 * 1024 * 1024,
  maxLineChars: 2000,
  listMaxEntries: 500,
  findMaxResults: 500,
  searchMaxMatches: 200,
  searchMaxFileBytes: 1024 * 1024,
  searchMaxLineChars: 1000,
  regexBudgetMs: 3000,
  walkMaxEntries: 50_000,
  globMaxSteps: 100_000_000,
};

export interface ToolOptions extends SecretPolicy {
  /** False in Restricted Mode: write tools are not offered and refuse to run. */
  trusted: boolean;
  /**
   * False when the workspace's folder has no shell behind it (a virtual workspace): tools that run commands are not
   * offered, and a call the model makes anyway is refused with that reason rather than as an unknown tool.
   */
  shell?: boolean;
  limits?: Partial<ToolLimits>;
  /** The editor's problems, for get_problems (not offered without one). */
  diagnostics?: DiagnosticsSource;
  /** The user's language for the summaries shown in the chat (vscode.l10n.t from the host; English when absent). */
  t?: Translate;
  /** The display language's tag, for numbers in those summaries (a duration's decimal mark); English when absent. */
  locale?: string;
}

export interface ToolContext {
  fs: ToolFileSystem;
  secrets: SecretPolicy;
  limits: ToolLimits;
  signal?: AbortSignal;
  /** Exec tools stream what they print (a command's output, an MCP server's progress) through this. */
  onOutput?: (text: string) => void;
  diagnostics?: DiagnosticsSource;
  problemLimits?: ProblemLimits;
  /** The user's language for `ToolOutput.summary` (see shown-words.ts); the content for the model stays English. */
  t?: Translate;
  locale?: string;
}

/** A failure the model can act on; its message is returned to the model as the tool result. */
/** Marks our tool errors, so each bundle's copy of the class recognises the others' (see below). */
const toolErrorBrand = Symbol.for('agent-chat.ToolError');

export class ToolError extends Error {
  /** The failure in the user's language, for the chat's "failed" line; the message (English) is what the model reads. */
  readonly shown: string | undefined;

  constructor(message: string, shown?: string) {
    super(message);
    this.shown = shown;
  }

  /**
   * `instanceof` by brand, not by class: run_command and MCP are bundles of their own (see esbuild.mjs), each
   * with its copy of this class, and their errors are caught by the runner in the main bundle.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[toolErrorBrand] === true;
  }

  override readonly name = 'ToolError';
  readonly [toolErrorBrand] = true;
}

export interface ToolOutput {
  content: string;
  /** One line for the UI ("Read src/app.ts (lines 1-80 of 80)"), in the user's language. */
  summary: string;
  /** read_file: the lines read, as data, so the chat can word them its own way without reading the summary. */
  lineRange?: LineRange;
  /** Exec tools: how the command ended and how long it ran. */
  exitCode?: number;
  durationMs?: number;
}

export interface LineRange {
  start: number;
  end: number;
  total: number;
}

export type ChangeKind = 'create' | 'modify' | 'delete' | 'mkdir' | 'rmdir';

export interface ProposedChange {
  tool: string;
  /** As shown to the model and the user. */
  path: string;
  absolute: string;
  kind: ChangeKind;
  /** Text before; undefined when absent, a directory, or binary. */
  before: string | undefined;
  /** Text after; undefined for deletions and directories. */
  after: string | undefined;
  /** What was at the path when proposed; apply refuses if it changed meanwhile (edited during approval). */
  beforeDigest: string;
  /** One line in English: what the model reads ("Done: …", a rejection) and the logs. */
  summary: string;
  /** The same line in the user's language: the approval's title, the diff's title, the chat's row (absent: `summary`). */
  shown?: string;
}

export interface AppliedChange extends ProposedChange {
  /** Exact bytes before (undefined when the path was absent or a directory). */
  preImage: Uint8Array | undefined;
  /** Directories this change created, outermost first. */
  createdDirs: string[];
  /** What the change left at the path; undo reports a conflict if it changed since. */
  afterDigest: string;
}

interface ToolBase {
  definition: ToolDefinition;
  schema: JsonSchema;
}

export interface ReadTool extends ToolBase {
  kind: 'read';
  /** Throws ToolError for problems the model should see. */
  execute(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolOutput>;
}

export interface WriteTool extends ToolBase {
  kind: 'write';
  /** Computes the change without touching disk; a string means "nothing to do" (reported as success). */
  prepare(args: Record<string, unknown>, ctx: ToolContext): Promise<ProposedChange | string>;
}

/** How the runner treats one call of an exec tool, decided before it runs. */
export interface ExecJudgement {
  /** deny: never runs (reason goes to the model); auto: runs without asking; ask: the chat asks. */
  verdict: 'deny' | 'auto' | 'ask';
  reason?: string;
  /** Approval card title, e.g. "Run npm test" / "everything · echo": in English, for the model and the logs. */
  title: string;
  /** `title` in the user's language, for the card and the chat's row (absent: `title`, which is data only, as an MCP tool's). */
  shownTitle?: string;
  /** Second line, e.g. "in packages/api" or the arguments as JSON. */
  detail?: string;
  /** What *Always allow* remembers for this workspace ("command:npm test", "mcp:everything/echo"); absent = no Always allow button. */
  alwaysAllowKey?: string;
}

/** A tool that acts outside the file tools' undo (a command, an MCP server): judged per call, never in Restricted Mode. */
export interface ExecTool extends ToolBase {
  kind: 'exec';
  /** How the chat shows it. */
  display: 'command' | 'mcp';
  judge(args: Record<string, unknown>, ctx: ToolContext): ExecJudgement | Promise<ExecJudgement>;
  /** Streams output through ctx.onOutput; stops promptly when ctx.signal aborts; ToolError for failures the model can act on. */
  execute(args: Record<string, unknown>, ctx: ToolContext): Promise<ToolOutput>;
}

export type Tool = ReadTool | WriteTool | ExecTool;

/** A set of tools that can come and go (the command tool, an MCP server's tools). */
export interface ToolSource {
  tools(): readonly Tool[];
}

export function toolDefinition(name: string, description: string, schema: JsonSchema): ToolDefinition {
  return { name, description, inputSchema: schema };
}
