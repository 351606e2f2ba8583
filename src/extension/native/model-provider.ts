// Our configured models in VS Code's model picker and `vscode.lm`. The list is ours at once; a request is
// answered by the lazily loaded part (model-response.ts, through `NativeHandlers`), so activation never pays
// for the streaming code.
import * as vscode from 'vscode';
import { Disposable } from '../../core/util/dispose';
import type { NativeHandlers } from './handlers';
import type { ModelProviderDeps } from './native-deps';
import { offeredModels, type OfferedModel } from './model-catalog';

export class AgentChatModelProvider extends Disposable implements vscode.LanguageModelChatProvider<OfferedModel> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(
    private readonly deps: Pick<ModelProviderDeps, 'settings' | 'keys'>,
    private readonly handlers: () => Promise<NativeHandlers>,
  ) {
    super();
  }

  /** Keys or settings changed: VS Code asks for the list again. */
  refresh(): void {
    this.changed.fire();
  }

  provideLanguageModelChatInformation(): Promise<OfferedModel[]> {
    return offeredModels(this.deps.settings(), this.deps.keys);
  }

  async provideLanguageModelChatResponse(
    model: OfferedModel,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    return (await this.handlers()).respond(model, messages, options, progress, token);
  }

  async provideTokenCount(_model: OfferedModel, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return (await this.handlers()).countTokens(text);
  }
}
