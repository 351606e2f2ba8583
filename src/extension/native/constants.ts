// Names VS Code knows us by in its chat, model picker and walkthroughs (they must match package.json).

/** Our `languageModelChatProviders` vendor. */
export const ourVendor = 'agent-chat';
/** The walkthrough, as `workbench.action.openWalkthrough` names it: `<publisher>.<name>#<id>`. */
export const walkthroughId = 'agent-chat.agent-chat#agentChat.gettingStarted';
/** Our tools in `vscode.lm.tools` carry this prefix, so they never clash with another extension's. */
export const toolPrefix = 'agentChat_';
/** As contributed in package.json (`languageModelTools`): run_command, and one tool for every tool of our MCP
 *  servers (their list changes at run time; contributions are static). */
/** Our file tools as contributed in package.json (a unit test keeps the list in step with the tools and the
 *  manifest): activation registers them by name, and the tools themselves load on their first call. */
export const fileToolLmNames = [
  'agentChat_read_file',
  'agentChat_list_directory',
  'agentChat_find_files',
  'agentChat_search_text',
  'agentChat_get_problems',
  'agentChat_write_file',
  'agentChat_edit_file',
  'agentChat_create_directory',
  'agentChat_delete_file',
] as const;
export const runCommandLmName = 'agentChat_run_command';
export const mcpToolLmName = 'agentChat_mcp_tool';
/** The command behind the Undo button of an answer in VS Code's Chat. */
export const undoVscodeChatCommand = 'agentChat.undoVscodeChatChanges';
