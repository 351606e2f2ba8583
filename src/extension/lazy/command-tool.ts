// run_command as activation sees it: a tool source that loads the executor and the shell policy
// (command-entry.ts, their own bundle) when a turn first gets ready to list its tools.
import type { ToolScope } from '../../core/chat/tool-scope';
import type { Tool, ToolSource } from '../../core/tools/types';
import type { CommandToolOptions } from './command-entry';

export class LazyCommandTool implements ToolSource {
  private source: ToolSource | undefined;
  private executor: { dispose(): void } | undefined;
  private loading: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: CommandToolOptions) {}

  load(): Promise<void> {
    this.loading ??= import('./command-entry.js').then((m) => {
      if (this.disposed) return;
      ({ source: this.source, executor: this.executor } = m.createCommandTool(this.options));
    });
    this.loading.catch((err: unknown) => this.options.log.error('run_command could not be loaded', err));
    return this.loading;
  }

  /** run_command where commands can run; nothing before it is loaded (see `withCommands`). */
  tools(): readonly Tool[] {
    return this.source?.tools() ?? [];
  }

  dispose(): void {
    this.disposed = true;
    this.executor?.dispose();
  }
}

/** A turn's tool scope that also waits for run_command to be loaded before the turn lists its tools. */
export function withCommands<T extends Pick<ToolScope, 'ready'>>(scope: T, commands: LazyCommandTool): T {
  return { ...scope, ready: async () => void (await Promise.all([scope.ready(), commands.load()])) };
}
