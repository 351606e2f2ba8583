// What VS Code's Chat integration needs from the rest of the extension (handed from activation to the lazily
// loaded part as plain objects, so both bundles share one settings, resolver, team and tool runner).
import type * as vscode from 'vscode';
import type { ModelResolver } from '../model-resolver';
import type { ApiKeys } from '../secrets';
import type { Settings } from '../settings/settings';
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
  };
