// Provider `vscode`: an answer from one of VS Code's language models, streamed through `vscode.lm` with tool
// rounds as the API's tool parts. The model is chosen per request, so a model that went away is explained.
import * as vscode from 'vscode';
import { ProviderError } from '../../core/providers/errors';
import type { ChatEvent, ChatProvider, ChatRequest, Usage } from '../../core/providers/types';
import { tokenFor } from './cancellation';
import { toLmMessages, toLmTools } from './lm-messages';
import { modelKey, selectVscodeModel, vscodeModels } from './vscode-models';

/** `model(request.model)` gives the LanguageModelChat to ask: chosen by the setting, or VS Code chat's own pick. */
export function createVscodeProvider(model: (choice: string) => Promise<vscode.LanguageModelChat> = selectVscodeModel): ChatProvider {
  return {
    id: 'vscode',
    stream: (request, signal) => streamFrom(model, request, signal),
    async listModels() {
      return (await vscodeModels()).map(modelKey);
    },
  };
}

/** Shown on an answer that used tools: each round is one request, and some plans count requests. */
export function toolRoundNotice(): string {
  return vscode.l10n.t("Each tool round is a separate request to VS Code's model; plans that count requests (such as premium requests) count every round.");
}

async function* streamFrom(model: (choice: string) => Promise<vscode.LanguageModelChat>, request: ChatRequest, signal: AbortSignal): AsyncGenerator<ChatEvent> {
  const cancel = tokenFor(signal);
  let index = 0;
  try {
    const chat = await model(request.model);
    const tools = toLmTools(request.tools);
    const messages = toLmMessages(request.system, request.messages);
    const response = await chat.sendRequest(
      messages,
      { justification: vscode.l10n.t('Agent Chat sends your messages to this model.'), ...(tools?.length ? { tools } : {}) },
      cancel.token,
    );
    const produced: string[] = [];
    for await (const part of response.stream) {
      if (part instanceof vscode.LanguageModelTextPart) {
        produced.push(part.value);
        yield { type: 'text', text: part.value };
      } else if (part instanceof vscode.LanguageModelToolCallPart) {
        const call = { id: part.callId, name: part.name, arguments: (part.input ?? {}) as Record<string, unknown> };
        produced.push(`${call.name}${JSON.stringify(call.arguments)}`);
        yield { type: 'toolCallStart', index, id: call.id, name: call.name };
        yield { type: 'toolCallComplete', index: index++, call };
      }
    }
    if (signal.aborted) {
      yield { type: 'done', stopReason: 'cancelled' };
      return;
    }
    const usage = await countedUsage(chat, messages, produced.join(''), cancel.token);
    if (usage) yield { type: 'usage', usage };
    if (index > 0) yield { type: 'notice', text: toolRoundNotice() };
    yield { type: 'done', stopReason: index > 0 ? 'tool_use' : 'end' };
  } catch (err) {
    if (signal.aborted) {
      yield { type: 'done', stopReason: 'cancelled' };
      return;
    }
    throw explainLmError(err);
  } finally {
    cancel.dispose();
  }
}

/**
 * VS Code's LM API reports no billed usage, so the tokens are counted with the model's own tokenizer
 * (`countTokens`): the prompt's messages, and the answer's text and tool calls. Marked `estimated` (the tool
 * definitions and the vendor's framing are not in it); left out when the model cannot count.
 */
async function countedUsage(chat: vscode.LanguageModelChat, messages: vscode.LanguageModelChatMessage[], answer: string, token: vscode.CancellationToken): Promise<Usage | undefined> {
  try {
    const input = await Promise.all(messages.map((m) => chat.countTokens(m, token)));
    const outputTokens = answer ? await chat.countTokens(answer, token) : 0;
    const inputTokens = input.reduce((a, b) => a + b, 0);
    const valid = (n: number) => Number.isInteger(n) && n >= 0;
    return valid(inputTokens) && valid(outputTokens) ? { inputTokens, outputTokens, estimated: true } : undefined;
  } catch {
    return undefined;
  }
}

/** VS Code's errors (no consent, quota or blocked, model gone) in our kinds, with what to do about each. */
export function explainLmError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  const code = err instanceof vscode.LanguageModelError ? err.code : '';
  if (code === vscode.LanguageModelError.NoPermissions.name) {
    return new ProviderError({
      provider: 'vscode', kind: 'auth', cause: err,
      message: vscode.l10n.t('Agent Chat may not use this VS Code model: access was not allowed.'),
      hint: vscode.l10n.t('Send again and choose Allow when VS Code asks, or allow it under Accounts > Manage Language Model Access.'),
    });
  }
  if (code === vscode.LanguageModelError.Blocked.name) {
    return new ProviderError({
      provider: 'vscode', kind: 'rateLimited', cause: err,
      message: vscode.l10n.t('VS Code refused the request (quota used up or rate limited): {0}', detail),
      hint: vscode.l10n.t('Wait a while, check your plan, or choose another model with "Agent Chat: Use a Model from VS Code".'),
    });
  }
  if (code === vscode.LanguageModelError.NotFound.name) {
    return new ProviderError({
      provider: 'vscode', kind: 'modelNotFound', cause: err,
      message: vscode.l10n.t('The VS Code model is gone: {0}', detail),
      hint: vscode.l10n.t('Choose another with "Agent Chat: Use a Model from VS Code".'),
    });
  }
  return new ProviderError({ provider: 'vscode', kind: 'badRequest', message: vscode.l10n.t("VS Code's model failed: {0}", detail), cause: err });
}
