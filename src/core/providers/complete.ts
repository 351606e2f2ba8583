// The non-streaming path: the same stream, folded into one answer.
import { inEnglish, type Translate } from '../protocol/translate';
import { ProviderError } from './errors';
import type { ChatEvent, ChatProvider, ChatRequest, ReasoningBlock, StopReason, ToolCall, Usage } from './types';

export interface Answer {
  text: string;
  toolCalls: ToolCall[];
  /** Calls whose arguments could not be parsed, by id, with the reason. */
  toolCallErrors: Record<string, string>;
  usage?: Usage;
  stopReason: StopReason;
  /** The vendor's own word for an end this version does not know. */
  vendorReason?: string;
  /** Reasoning blocks to send back with this answer (Anthropic); never part of `text`. */
  reasoning: ReasoningBlock[];
  /** What the user should be told about how the answer was made. */
  notices: string[];
}

/** Folds stream events into an answer; usable incrementally (e.g. to keep partial text on Stop). */
export class AnswerBuilder {
  private readonly parts: string[] = [];
  readonly toolCalls: ToolCall[] = [];
  readonly toolCallErrors: Record<string, string> = {};
  readonly reasoning: ReasoningBlock[] = [];
  readonly notices: string[] = [];
  usage: Usage | undefined;
  stopReason: StopReason | undefined;
  vendorReason: string | undefined;

  add(event: ChatEvent): void {
    switch (event.type) {
      case 'text':
        this.parts.push(event.text);
        break;
      case 'toolCallComplete':
        this.toolCalls.push(event.call);
        if (event.parseError) this.toolCallErrors[event.call.id] = event.parseError;
        break;
      case 'usage':
        this.usage = event.usage;
        break;
      case 'done':
        this.stopReason = event.stopReason;
        this.vendorReason = event.vendorReason;
        break;
      case 'reasoningBlock':
        this.reasoning.push(event.block);
        break;
      case 'notice':
        this.notices.push(event.text);
        break;
      case 'retrying':
        // A retry happens only before any content; what the failed attempt sent before it is sent again.
        this.reasoning.length = 0;
        this.notices.length = 0;
        this.usage = undefined;
        break;
      case 'toolCallStart':
      case 'toolCallDelta':
      case 'thinking':
        break;
    }
  }

  get text(): string {
    return this.parts.join('');
  }

  build(): Answer {
    return {
      text: this.text,
      toolCalls: this.toolCalls,
      toolCallErrors: this.toolCallErrors,
      usage: this.usage,
      stopReason: this.stopReason ?? 'end',
      ...(this.vendorReason === undefined ? {} : { vendorReason: this.vendorReason }),
      reasoning: this.reasoning,
      notices: this.notices,
    };
  }
}

/** Sends the request and waits for the whole answer. Cancellation rejects with a `cancelled` ProviderError. */
export async function complete(provider: ChatProvider, request: ChatRequest, signal: AbortSignal, t: Translate = inEnglish): Promise<Answer> {
  const builder = new AnswerBuilder();
  for await (const event of provider.stream(request, signal)) builder.add(event);
  if (builder.stopReason === 'cancelled') {
    // Like the providers' own errors, in the user's language (`t`, as ProviderSettings.translate).
    throw new ProviderError({ provider: provider.id, kind: 'cancelled', message: t('The request was cancelled.') });
  }
  return builder.build();
}
