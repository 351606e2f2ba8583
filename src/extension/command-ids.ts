// Every command the extension contributes, in package.json's order (a unit test keeps the two in step).
// No VS Code API here, so that test runs on plain Node.

export const commandIds = [
  'agentChat.ask',
  'agentChat.askBackend',
  'agentChat.explainSelection',
  'agentChat.newChat',
  'agentChat.stop',
  'agentChat.openInEditor',
  'agentChat.focus',
  'agentChat.selectModel',
  'agentChat.setApiKey',
  'agentChat.exportChat',
  'agentChat.showConversations',
  'agentChat.mcpServers',
  'agentChat.clearHistory',
  'agentChat.useVscodeModel',
  'agentChat.undoVscodeChatAnswer',
  'agentChat.openWalkthrough',
  'agentChat.manageAlwaysAllowedCommands',
  'agentChat.addFileToChat',
  'agentChat.addSelectionToChat',
  'agentChat.compactConversation',
] as const;

export type CommandId = (typeof commandIds)[number];
