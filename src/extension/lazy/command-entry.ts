// run_command's executor and tool, a bundle of their own (dist/commands.js) with the shell policy they judge
// commands by: loaded when a turn first lists its tools, so activation does not parse them.
import type { Logger } from '../../core/log';
import type { ToolSource } from '../../core/tools/types';
import type { AlwaysAllowedCommands } from '../commands-run/always-allowed';
import { WorkspaceCommandExecutor } from '../commands-run/command-executor';
import { commandToolSource } from '../commands-run/command-tool';
import type { Settings } from '../settings/settings';

export interface CommandToolOptions {
  secretValues(): Promise<string[]>;
  useTerminal: boolean;
  log: Logger;
  settings(): Settings['commands'];
  allowed: AlwaysAllowedCommands;
}

export function createCommandTool(o: CommandToolOptions): { source: ToolSource; executor: { dispose(): void } } {
  const executor = new WorkspaceCommandExecutor({ secretValues: o.secretValues, useTerminal: o.useTerminal, log: o.log });
  return { source: commandToolSource(executor, o.settings, o.allowed), executor };
}
