// The host's side of `#` references and the Add … to Chat commands: finds workspace files for `#file`,
// turns editor selections into references, and reads what a sent message attached (see core/attachments).
import * as vscode from 'vscode';
import { fuzzyFiles } from '../core/attachments/fuzzy';
import { resolveAttachments } from '../core/attachments/resolve';
import type { AttachmentRecord, AttachmentRef } from '../core/protocol/attachments';
import type { HostToWebview } from '../core/protocol/messages';
import { secretRule, type SecretPolicy } from '../core/tools/secrets';
import { Disposable } from '../core/util/dispose';
import { VscodeDiagnostics } from './diagnostics-source';
import { TerminalRecorder } from './terminal-recorder';
import { WorkspaceToolFileSystem } from './workspace-fs';

/** Files listed for `#file` at most, and matches offered. */
const maxListedFiles = 5_000;
const maxMatches = 50;
/** The file list is reused while the user types a query. */
const listTtlMs = 5_000;

export interface AttachmentViews {
  reveal(): Promise<void>;
  post(message: HostToWebview): void;
}

export class ChatAttachments extends Disposable {
  readonly diagnostics = new VscodeDiagnostics();
  private readonly terminal = this._register(new TerminalRecorder());
  private files: { at: number; paths: Promise<string[]> } | undefined;
  /** Focus is in the chat when `#selection` is picked, so remember the editor the user was in. */
  private lastEditor: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor(
    private readonly views: AttachmentViews,
    private readonly secrets: () => Readonly<SecretPolicy>,
  ) {
    super();
    this._register(vscode.window.onDidChangeActiveTextEditor((e) => e && (this.lastEditor = e)));
  }

  /** Reads what a message attached, under the read tools' rules. */
  resolve(refs: readonly AttachmentRef[]): Promise<AttachmentRecord[]> {
    return resolveAttachments(refs, {
      fs: new WorkspaceToolFileSystem(),
      secrets: this.secrets(),
      diagnostics: this.diagnostics,
      lastTerminalRun: () => this.terminal.lastRun(),
      openDocument: (absolute) => openDocument(absolute),
      t: vscode.l10n.t,
      locale: vscode.env.language,
    });
  }

  /** Answers `#file` with the best matches among the workspace's files (protected files never listed). */
  async searchFiles(query: string): Promise<void> {
    const paths = await this.workspaceFiles();
    this.views.post({ type: 'fileMatches', query, paths: fuzzyFiles(paths, query, maxMatches) });
  }

  /** `#selection` in the chat: the selection of the editor the user was last in. */
  attachSelection(): void {
    const editor = vscode.window.activeTextEditor ?? this.lastEditor;
    const ref = editor && selectionRef(editor);
    if (!ref) return this.note(vscode.l10n.t('Select some code in an editor of this workspace first, then pick #selection.'));
    this.views.post({ type: 'attachmentAdded', attachment: ref });
  }

  /** *Add File to Chat*: the file the Explorer or the editor tab names, else the active editor's. */
  async addFile(uri?: vscode.Uri): Promise<void> {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target || !vscode.workspace.getWorkspaceFolder(target)) return void vscode.window.showInformationMessage(vscode.l10n.t('Only files of the open workspace can be added to the chat.'));
    await this.views.reveal();
    this.views.post({ type: 'attachmentAdded', attachment: { kind: 'file', path: vscode.workspace.asRelativePath(target) } });
  }

  /** *Add Selection to Chat* from the editor. */
  async addSelection(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const ref = editor && selectionRef(editor);
    if (!ref) return void vscode.window.showInformationMessage(vscode.l10n.t('Select some code in a file of the open workspace first.'));
    await this.views.reveal();
    this.views.post({ type: 'attachmentAdded', attachment: ref });
  }

  private note(message: string): void {
    this.views.post({ type: 'error', error: { kind: 'internal', message } });
  }

  private workspaceFiles(): Promise<string[]> {
    if (!this.files || Date.now() - this.files.at > listTtlMs) {
      const secrets = this.secrets();
      const listed = Promise.resolve(vscode.workspace.findFiles('**/*', '{**/node_modules/**,**/.git/**}', maxListedFiles));
      const paths = listed.then((uris) =>
        uris.filter((u) => {
          const inRoot = inFolder(u);
          return inRoot !== undefined && secretRule(inRoot, secrets) === undefined;
        }).map((u) => vscode.workspace.asRelativePath(u)),
      );
      this.files = { at: Date.now(), paths };
      return paths;
    }
    return this.files.paths;
  }
}

function inFolder(uri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? vscode.workspace.asRelativePath(uri, false) : undefined;
}

/** The selection as whole lines (a selection ending at a line's start stops at the line before). */
function selectionRef(editor: vscode.TextEditor): AttachmentRef | undefined {
  const { selection, document } = editor;
  if (selection.isEmpty || !vscode.workspace.getWorkspaceFolder(document.uri)) return undefined;
  const startLine = selection.start.line + 1;
  const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
  return { kind: 'selection', path: vscode.workspace.asRelativePath(document.uri), range: { startLine, endLine } };
}

/** What an open editor shows (unsaved edits included), for a path inside the workspace. */
function openDocument(absolute: string): { text: string; language: string } | undefined {
  const schemes = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme));
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.path === absolute && schemes.has(d.uri.scheme));
  return doc && { text: doc.getText(), language: doc.languageId };
}
