// The one message protocol between the extension host and the chat webview.
// Both sides import these types; every switch over them is exhaustive (lint enforces it).
import type { AttachmentRef } from './attachments';
import type { ChatMessageRecord, MessageError, TokenUsage, ToolCallView } from './chat-message';

export interface AgentInfo {
  name: string;
  description: string;
  /** A codicon name for the agent's avatar (custom agents choose one in the agents setting). */
  icon?: string;
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  messageCount: number;
}

/** What the chat shows when no provider can be used yet. */
export interface SetupInfo {
  reason: string;
  steps: string[];
  /** Whether an Ollama answered at `host` when the screen was made (the welcome says so on its button). */
  ollama?: { found: boolean; host: string };
  /** How many models VS Code offers from other extensions: when > 0 the screen can offer "Use a model from VS Code" (command `useVscodeModel`). */
  vscodeModels?: number;
}

/** What a whole conversation's answers used: kept in the history's index, so a reload shows it all. */
export interface UsageTotals {
  /** Summed over every answer of the conversation (not only the page loaded). */
  total?: TokenUsage;
  /** US dollars of the answers whose prices are known. */
  cost?: number;
  /** Some answers have no known price: `cost` covers only the others. */
  costPartial?: boolean;
}

/** What the conversation has used so far, and how full the next request will be. */
export interface ConversationUsage extends UsageTotals {
  /** The next request's estimated size (tokens) against the model's window and the compaction limit. */
  context?: { tokens: number; window: number; limit: number };
}

export type HostToWebview =
  | {
      type: 'snapshot';
      conversation: ConversationSummary;
      messages: ChatMessageRecord[];
      hasOlder: boolean;
      agents: AgentInfo[];
      defaultAgent: string;
      model: string;
      setup?: SetupInfo;
      usage?: ConversationUsage;
      /** Hand-off offers: 0 = a chip with Run now / Dismiss; more = runs after this many seconds unless cancelled. */
      handOffCountdownSeconds?: number;
    }
  | { type: 'olderMessages'; messages: ChatMessageRecord[]; hasOlder: boolean }
  /** A new message, sent before any of its text (the streaming placeholder for answers). */
  | { type: 'messageAdded'; message: ChatMessageRecord }
  /** Text to append to a streaming message. `seq` counts per message from 1, so a gap is detectable. */
  | { type: 'textDelta'; messageId: string; seq: number; text: string }
  | { type: 'toolCallUpdated'; messageId: string; toolCall: ToolCallView }
  /** Several calls' latest states at once, in the order they started (the host gathers a frame's updates). */
  | { type: 'toolCallsUpdated'; messageId: string; toolCalls: ToolCallView[] }
  /** Output to append to a running command's `output` (batched: at most one post per frame-ish interval). */
  | { type: 'toolOutput'; messageId: string; toolCallId: string; text: string }
  /** The message's final form; replaces whatever the webview had. */
  | { type: 'messageCompleted'; message: ChatMessageRecord }
  | { type: 'retrying'; messageId: string; attempt: number; retryAt: number; reason: string; maxAttempts?: number }
  /** The file in the active editor (workspace-relative), shown as a chip in the composer; undefined: none. */
  | { type: 'activeFile'; path: string | undefined }
  | { type: 'busy'; busy: boolean }
  | { type: 'usage'; usage: ConversationUsage }
  /** `open`: show the list (the view's History button), rather than only refresh it. */
  | { type: 'conversations'; items: ConversationSummary[]; activeId: string; open?: boolean }
  | { type: 'setup'; setup: SetupInfo | undefined; model: string }
  | { type: 'error'; error: MessageError }
  /** An item to show as a chip by the message box (Add File / Add Selection to Chat, `#selection`). */
  | { type: 'attachmentAdded'; attachment: AttachmentRef }
  /** Workspace files for `#file`, answering `searchFiles` with the same query. */
  | { type: 'fileMatches'; query: string; paths: string[] }
  /**
   * Messages posted in one go (a question, its answer's placeholder and first text), crossing as one: the page
   * applies them in order and paints once.
   */
  | { type: 'together'; messages: HostToWebview[] };

export type WebviewToHost =
  /** The page loaded. `hasSnapshot`: it already shows the snapshot written into its HTML, and nothing was posted since. */
  | { type: 'ready'; hasSnapshot?: boolean }
  /** `agent`: who the message is for when its text names nobody (the composer's agent chip). */
  | { type: 'send'; text: string; agent?: string; attachments?: AttachmentRef[] }
  /** `#file`: workspace files whose path matches `query` (fuzzy); answered with `fileMatches`. */
  | { type: 'searchFiles'; query: string }
  /** `#selection`: the host answers with `attachmentAdded` for the active editor's selection. */
  | { type: 'attachSelection' }
  | { type: 'stop' }
  | { type: 'retry'; messageId: string }
  | { type: 'continue'; messageId: string }
  | { type: 'loadOlder'; beforeId: string }
  | { type: 'copyCode'; code: string }
  | { type: 'insertCode'; code: string }
  /** Replace a workspace file with a code block's content (the fence named the path); asks first. */
  | { type: 'applyCode'; code: string; path: string }
  | { type: 'openLink'; href: string }
  | { type: 'newChat' }
  /** The user's answer to a tool call that waits for approval. */
  | { type: 'approveTool'; toolCallId: string; approved: boolean; reason?: string; always?: boolean }
  /** Show a command's whole output (the chat keeps only its end). */
  | { type: 'openToolOutput'; toolCallId: string }
  /** Undo the file changes of the turn this message ends. */
  | { type: 'undoTurn'; messageId: string }
  /** Run or dismiss the hand-off the answer `messageId` offers. */
  | { type: 'runHandOff'; messageId: string }
  | { type: 'dismissHandOff'; messageId: string }
  | { type: 'showDiff'; messageId: string; toolCallId: string }
  /** Open a workspace file (a file named in a tool call or a code block's label), at `line` (1-based) if given. */
  | { type: 'openFile'; path: string; line?: number }
  /** Show the diff of everything the turn ending with `messageId` changed. */
  | { type: 'reviewTurn'; messageId: string }
  /** Whether the agents are told which file the active editor shows (the composer's removable file chip). */
  | { type: 'shareActiveFile'; share: boolean }
  /** Store a key for this provider (the welcome's buttons); without one, VS Code asks which. */
  | { type: 'setApiKey'; provider?: string }
  | { type: 'listConversations' }
  | { type: 'switchConversation'; id: string }
  /** Rename, delete and export ask the user in VS Code (input box, confirmation, save dialog). */
  | { type: 'renameConversation'; id: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'exportConversation'; id: string }
  | { type: 'command'; command: 'selectModel' | 'setApiKey' | 'showConversations' | 'exportChat' | 'useVscodeModel' | 'openWalkthrough' | 'useOllama' };
