// Every message the chat page can send, and the named method it calls: one exhaustive table, so a new
// message type does not compile until it has a handler here. ChatViews has already checked each message
// against the protocol and answered the `ready` handshake (the snapshot) before anything reaches this.
import type { ChatController } from '../core/chat/controller';
import type { Logger } from '../core/log';
import type { WebviewToHost } from '../core/protocol/messages';
import type { ChatAttachments } from './chat-attachments';
import type { ChatCommands } from './commands';
import type { FullOutputs } from './commands-run/full-output';
import type { Team } from './team';
import { openLink, type WebviewActions } from './webview-actions';

type Handler<T extends WebviewToHost['type']> = (message: Extract<WebviewToHost, { type: T }>) => unknown;
export type WebviewHandlers = { readonly [T in WebviewToHost['type']]: Handler<T> };

export interface DispatchDeps {
  controller: ChatController;
  actions: WebviewActions;
  commands: ChatCommands;
  fullOutputs: FullOutputs;
  attachments: ChatAttachments;
  team: Pick<Team, 'setShareActiveFile'>;
}

export function webviewHandlers({ controller, actions, commands, fullOutputs, attachments, team }: DispatchDeps): WebviewHandlers {
  return {
    ready: () => {
      actions.postActiveFile();
      return controller.showSetupIfNeeded();
    },
    send: async (m) => controller.send(m.text, m.agent, m.attachments?.length ? await attachments.resolve(m.attachments) : undefined),
    searchFiles: (m) => attachments.searchFiles(m.query),
    attachSelection: () => attachments.attachSelection(),
    runHandOff: (m) => controller.runHandOff(m.messageId),
    dismissHandOff: (m) => controller.dismissHandOff(m.messageId),
    stop: () => controller.stop(),
    retry: (m) => controller.retry(m.messageId),
    continue: (m) => controller.continueAnswer(m.messageId),
    loadOlder: (m) => controller.loadOlder(m.beforeId),
    newChat: () => controller.newChat(),
    listConversations: () => controller.listConversations(),
    switchConversation: (m) => controller.switchTo(m.id),
    approveTool: (m) => controller.approvals.decide(m.toolCallId, { approved: m.approved, ...(m.reason ? { reason: m.reason } : {}), ...(m.always ? { always: true } : {}) }),
    openToolOutput: (m) => fullOutputs.open(m.toolCallId),
    undoTurn: (m) => controller.undo(m.messageId),
    showDiff: (m) => actions.showDiff(m.toolCallId),
    openFile: (m) => actions.openFile(m.path, m.line),
    reviewTurn: (m) => actions.reviewTurn(m.messageId),
    setApiKey: (m) => commands['agentChat.setApiKey'](m.provider),
    shareActiveFile: (m) => team.setShareActiveFile(m.share),
    copyCode: (m) => actions.copy(m.code),
    insertCode: (m) => actions.insert(m.code),
    applyCode: (m) => actions.applyToFile(m.path, m.code),
    openLink: (m) => openLink(m.href),
    renameConversation: (m) => actions.renameConversation(m.id),
    deleteConversation: (m) => actions.deleteConversation(m.id),
    exportConversation: (m) => commands['agentChat.exportChat'](m.id),
    command: (m) => (m.command === 'useOllama' ? actions.useOllama() : commands[`agentChat.${m.command}`]()),
  };
}

/** Runs the message's handler; a failure is logged with the message's type (never its content). */
export function dispatcher(handlers: WebviewHandlers, log: Logger): (message: WebviewToHost) => void {
  return (message) => {
    // Stop's latency (page → host → abort → processes gone) is read from the log's timestamps.
    if (message.type === 'stop') log.info('Stop received from the chat page');
    const handle = handlers[message.type] as (m: WebviewToHost) => unknown;
    Promise.resolve()
      .then(() => handle(message))
      .catch((err: unknown) => log.error(`webview message "${message.type}" failed`, err));
  };
}
