// Names VS Code knows us by in its chat, model picker and walkthroughs (they must match package.json).

/** Our `languageModelChatProviders` vendor. */
export const ourVendor = 'agent-chat';
/** The walkthrough, as `workbench.action.openWalkthrough` names it: `<publisher>.<name>#<id>`. */
export const walkthroughId = 'agent-chat.agent-chat#agentChat.gettingStarted';
/** Our tools in `vscode.lm.tools` carry this prefix, so they never clash with another extension's. */
export const toolPrefix = 'agentChat_';
