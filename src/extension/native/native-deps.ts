// What VS Code's Chat integration needs from the rest of the extension (handed from activation to the lazily
// loaded part as plain objects, so both bundles share one settings, resolver, team and tool runner).
import type * as vscode from 'vscode';
import type { FileConversationStore } from '../../core/history/file-store';
import type { ModelResolver } from '../model-resolver';
import type { ApiKeys } from '../secrets';
import type { Settings } from '../settings/settings';
import type { FileToolName } from './lm-tools';
import type { ParticipantDeps } from './participant-turn';

/** What our models in VS Code's model picker need: the settings, the user's keys and the model resolver. */
export interface ModelProviderDeps {
  settings(): Settings;
  keys: ApiKeys;
  resolver: ModelResolver;
}

export type NativeDeps = ModelProviderDeps &
  Omit<ParticipantDeps, 'tools' | 'keepForUndo'> & {
    /** Where VS Code chat's changes are kept for undo (see vscode-chat-undo.ts), and this workspace's state. */
    undoFolder: string;
    workspaceState: vscode.Memento;
    /** Our file tools' names and kinds, and a history store for a folder: both live in the chat's bundle (chat.js), and
     *  the lazily loaded part takes them from there rather than carrying copies of that code. */
    fileTools: readonly FileToolName[];
    openStore(folder: string): FileConversationStore;
  };
