// Offers run_command to the agents where commands can run: a trusted workspace whose folder is on a disk this host has a shell for.
import * as vscode from 'vscode';
import type { ToolSource, Tool } from '../../core/tools/types';
import { runCommandTool, type CommandSettings } from '../../core/tools/run-command';
import type { CommandExecutor } from '../../core/commands/executor';
import { shellBehindFolder } from '../../core/commands/shell-here';
import type { AlwaysAllowedCommands } from './always-allowed';

const MAX_TIMEOUT_SECONDS = 30 * 60;
const IDLE_TIMEOUT_SECONDS = 60;

/** Whether commands can run here at all: a trusted workspace whose first folder is on this host's disk. */
export function commandsPossible(): boolean {
  return vscode.workspace.isTrusted && shellBehindWorkspace();
}

/** Whether the workspace's first folder is on this host's disk, so a shell can run in it (not a virtual workspace). */
function shellBehindWorkspace(): boolean {
  return shellBehindFolder(vscode.workspace.workspaceFolders?.[0]?.uri);
}

export function commandToolSource(
  executor: CommandExecutor,
  settings: () => { autoApprove: readonly string[]; deny: readonly string[]; timeoutSeconds: number },
  allowed: AlwaysAllowedCommands,
): ToolSource {
  const current = (): CommandSettings => {
    const s = settings();
    return {
      autoApprove: s.autoApprove,
      deny: s.deny,
      alwaysAllowed: allowed.list(),
      defaultTimeoutSeconds: Math.min(s.timeoutSeconds || 120, MAX_TIMEOUT_SECONDS),
      maxTimeoutSeconds: MAX_TIMEOUT_SECONDS,
      idleTimeoutSeconds: IDLE_TIMEOUT_SECONDS,
    };
  };
  const tool = runCommandTool(executor, current);
  // Trust is left to the runner: in Restricted Mode it neither offers run_command nor runs a call the model makes
  // anyway, and answers that call with the reason (rather than "unknown tool").
  return { tools: (): readonly Tool[] => (shellBehindWorkspace() ? [tool] : []) };
}
