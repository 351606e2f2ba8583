// Our configured models in VS Code's model picker and `vscode.lm`: VS Code hands us its messages, we stream
// them through our own provider (SDK, retries, timeouts) and report text and tool calls back as parts.
import * as vscode from 'vscode';
import { ProviderError } from '../../core/providers/errors';
import type { ChatEvent, ChatRequest } from '../../core/providers/types';
import { Disposable } from '../../core/util/dispose';
import type { ModelResolver } from '../model-resolver';
import type { ApiKeys } from '../secrets';
import type { Settings } from '../settings/settings';
import { signalFor } from './cancellation';
import { offeredModels, type OfferedModel } from './model-catalog';
import { estimateTokens, fromLmMessages, fromLmTools } from './lm-messages';

export interface ModelProviderDeps {
  settings(): Settings;
  keys: ApiKeys;
  resolver: ModelResolver;
}

export class AgentChatModelProvider extends Disposable implements vscode.LanguageModelChatProvider<OfferedModel> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(private readonly deps: ModelProviderDeps) {
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
    const resolved = await this.deps.resolver.resolve({ provider: model.vendorId, model: model.model });
    if ('setup' in resolved) throw new Error(`${resolved.setup.reason} ${resolved.setup.steps.join(' ')}`);
    const tools = fromLmTools(options.tools);
    const request: ChatRequest = {
      model: resolved.model,
      messages: fromLmMessages(messages),
      maxTokens: requestedMaxTokens(options.modelOptions) ?? resolved.maxTokens,
      ...(resolved.temperature !== undefined ? { temperature: resolved.temperature } : {}),
      ...(tools ? { tools } : {}),
    };
    const cancel = signalFor(token);
    try {
      for await (const event of resolved.provider.stream(request, cancel.signal)) report(event, progress);
    } catch (err) {
      throw explained(err);
    } finally {
      cancel.dispose();
    }
  }

  provideTokenCount(_model: OfferedModel, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    return Promise.resolve(estimateTokens(text));
  }
}

function report(event: ChatEvent, progress: vscode.Progress<vscode.LanguageModelResponsePart>): void {
  if (event.type === 'text') progress.report(new vscode.LanguageModelTextPart(event.text));
  else if (event.type === 'toolCallComplete') {
    progress.report(new vscode.LanguageModelToolCallPart(event.call.id, event.call.name, event.call.arguments));
  }
}

function requestedMaxTokens(options: { readonly [name: string]: unknown } | undefined): number | undefined {
  const value = options?.maxTokens ?? options?.max_tokens;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

/** Our error with its explanation and what to do, as one message VS Code's chat shows (never a key: ours are redacted). */
function explained(err: unknown): Error {
  if (!(err instanceof ProviderError)) return err instanceof Error ? err : new Error(String(err));
  // A plain error: VS Code's own LanguageModelError codes mean consent and model access, which are not ours to claim.
  return new Error(err.hint ? `${err.message} ${err.hint}` : err.message);
}
