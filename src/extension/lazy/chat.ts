// The chat as activation sees it: the chat view's provider and the commands' handlers as small stand-ins that
// load the chat (chat-entry.ts, its own bundle) on the first call and hand the call on to it.
import type * as vscode from 'vscode';
import type { CommandId } from '../command-ids';
import type { NativeHandlers } from '../native/handlers';
import type { ChatCore, ChatParts } from './chat-entry';

export class LazyChat implements vscode.Disposable {
  private core: ChatCore | undefined;
  private loading: Promise<ChatCore> | undefined;
  private disposed = false;

  constructor(private readonly parts: ChatParts) {}

  /** The chat, made on the first call. */
  load(): Promise<ChatCore> {
    if (this.loading) return this.loading;
    this.loading = import('./chat-entry.js').then((m) => {
      const core = m.createChat(this.parts);
      if (this.disposed) core.dispose();
      else this.core = core;
      return core;
    });
    // Logged once, however many callers wait for the load.
    this.loading.catch((err: unknown) => this.parts.log.error('the chat could not be loaded', err));
    return this.loading;
  }

  /** The sidebar view's provider: VS Code shows its progress until the chat is loaded and the page is set. */
  viewProvider(): vscode.WebviewViewProvider {
    return { resolveWebviewView: async (view) => (await this.load()).views.resolveWebviewView(view) };
  }

  /** Runs one of the contributed commands with VS Code's arguments, and returns what the command returns. */
  async run(id: CommandId, args: unknown[]): Promise<unknown> {
    const command = (await this.load()).commands[id] as (...a: unknown[]) => unknown;
    return command(...args);
  }

  async nativeHandlers(): Promise<NativeHandlers> {
    return (await this.load()).nativeHandlers();
  }

  /** Waits for MCP and run_command, before VS Code's agent runs one of their tools. */
  async toolsReady(): Promise<void> {
    await (await this.load()).toolScope.ready();
  }

  dispose(): void {
    this.disposed = true;
    this.core?.dispose();
  }
}
