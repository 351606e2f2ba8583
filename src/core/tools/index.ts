// The agent tools: what the turn loop and the extension use.
export { ToolRunner, toolDefinitions, allTools } from './runner';
export type { ApprovalDecision, ApprovalPolicy, ApprovalRequest, ToolRunResult, ToolStatus } from './runner';
export { undoChanges, applyChange } from './changes';
export type { UndoResult } from './changes';
export { NodeToolFileSystem } from './fs';
export type { DirEntry, FileStat, FileType, ToolFileSystem, WorkspaceRoot } from './fs';
export { resolveInWorkspace } from './confine';
export type { ResolveResult, ResolvedPath } from './confine';
export { builtinSecretGlobs } from './secrets';
export type { SecretPolicy } from './secrets';
export { defaultLimits } from './types';
export type { AppliedChange, ChangeKind, ProposedChange, ToolKind, ToolLimits, ToolOptions } from './types';
