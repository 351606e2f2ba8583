// One request VS Code's chat (or another extension through `vscode.lm`) sends to one of our models: its
// messages streamed through our own provider (SDK, retries, timeouts), text and tool calls reported back as parts.
import * as vscode from 'vscode';
import { ProviderError } from '../../core/providers/errors';
import type { ChatEvent, ChatRequest } from '../../core/providers/types';
import type { ModelResolver } from '../model-resolver';
import { signalFor } from './cancellation';
import type { OfferedModel } from './model-catalog';
import { fromLmMessages, fromLmTools } from './lm-messages';

export async function respond(
  resolver: ModelResolver,
  model: OfferedModel,
  messages: readonly vscode.LanguageModelChatRequestMessage[],
  options: vscode.ProvideLanguageModelChatResponseOptions,
  progress: vscode.Progress<vscode.LanguageModelResponsePart>,
  token: vscode.CancellationToken,
): Promise<void> {
  const resolved = await resolver.resolve({ provider: model.vendorId, model: model.model });
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
