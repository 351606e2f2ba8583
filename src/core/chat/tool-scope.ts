// What the chat asks of the extension about tools beyond running them: which ones an agent may be
// offered, waiting for tool sources still starting, and remembering *Always allow* answers.

export interface ToolScope {
  /** The tools `agent` may be offered (its agentChat.agents[].tools list); undefined: all of them. */
  filter(agent: string): ((name: string) => boolean) | undefined;
  /** Waits (briefly) for tool sources still starting, so a turn sees their tools. */
  ready(): Promise<void>;
  /** The user chose *Always allow* for a call: remember its key for this workspace. */
  alwaysAllow(key: string): void | Promise<void>;
}
