// The shape of the editor's problems as core sees them (no VS Code types), and how many are shown.

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface Problem {
  /** Absolute, in the flavour of `ToolFileSystem.path`. */
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: ProblemSeverity;
  /** Who reported it: "ts", "eslint", "json"… */
  source?: string;
  code?: string;
  message: string;
}

/** Where the problems come from; the extension reads VS Code's diagnostics, tests feed their own. */
export interface DiagnosticsSource {
  problems(): readonly Problem[];
}

export interface ProblemLimits {
  maxProblems: number;
  maxChars: number;
  /** A message longer than this is cut. */
  maxMessageChars: number;
}

export const defaultProblemLimits: ProblemLimits = { maxProblems: 200, maxChars: 20_000, maxMessageChars: 500 };

