// Runs one provider stream into one assistant message: batches text to the views, checkpoints
// the text to the store, and settles the message as complete, interrupted or error.
import { AnswerBuilder } from '../providers/complete';
import { ProviderError } from '../providers/errors';
import type { ChatProvider, ChatRequest } from '../providers/types';
import type { HostToWebview } from '../protocol/messages';
import type { Logger } from '../log';
import { DeltaBatcher } from './delta-batcher';
import type { ChatMessageRecord, ToolCallView } from './message';

export interface AnswerSinks {
  post(message: HostToWebview): void;
  checkpoint(text: string): void;
  log: Logger;
  /** Interval between checkpoints of the streaming text. */
  checkpointMs?: number;
  batchMs?: number;
}

export async function streamAnswer(
  provider: ChatProvider,
  request: ChatRequest,
  message: ChatMessageRecord,
  signal: AbortSignal,
  sinks: AnswerSinks,
): Promise<{ message: ChatMessageRecord; answer: AnswerBuilder }> {
  const builder = new AnswerBuilder();
  const started = performance.now();
  let firstTokenMs: number | undefined;
  let lastCheckpoint = started;
  const checkpointMs = sinks.checkpointMs ?? 2000;
  // `message.text` always holds what the views were sent, so a view that (re)joins mid-stream gets it in its snapshot.
  const batcher = new DeltaBatcher((text, seq) => {
    message.text += text;
    message.deltaSeq = seq;
    sinks.post({ type: 'textDelta', messageId: message.id, seq, text });
  }, sinks.batchMs);
  const toolViews = new Map<number, ToolCallView>();
  const postTool = (view: ToolCallView) => sinks.post({ type: 'toolCallUpdated', messageId: message.id, toolCall: { ...view } });

  try {
    for await (const event of provider.stream(request, signal)) {
      builder.add(event);
      switch (event.type) {
        case 'text': {
          firstTokenMs ??= performance.now() - started;
          batcher.push(event.text);
          const now = performance.now();
          if (now - lastCheckpoint >= checkpointMs) {
            lastCheckpoint = now;
            sinks.checkpoint(builder.text);
          }
          break;
        }
        case 'toolCallStart': {
          batcher.flush();
          const view: ToolCallView = { id: event.id, name: event.name, argumentsText: '', status: 'streaming' };
          toolViews.set(event.index, view);
          postTool(view);
          break;
        }
        case 'toolCallDelta': {
          const view = toolViews.get(event.index);
          if (view) {
            view.argumentsText += event.argumentsDelta;
            postTool(view);
          }
          break;
        }
        case 'toolCallComplete': {
          const view = toolViews.get(event.index) ?? { id: event.call.id, name: event.call.name, argumentsText: '', status: 'pending' };
          view.argumentsText = JSON.stringify(event.call.arguments);
          view.status = event.parseError ? 'error' : 'pending';
          if (event.parseError) view.result = event.parseError;
          toolViews.set(event.index, view);
          postTool(view);
          break;
        }
        case 'retrying':
          batcher.flush();
          sinks.post({ type: 'retrying', messageId: message.id, attempt: event.attempt, retryAt: Date.now() + event.delayMs, reason: event.reason });
          sinks.log.warn(`${provider.id}: retry ${event.attempt} in ${event.delayMs} ms: ${event.reason}`);
          break;
        case 'usage':
        case 'done':
          break;
      }
    }
    batcher.flush();
    const stopReason = builder.stopReason ?? 'end';
    message.status = stopReason === 'cancelled' ? 'interrupted' : 'complete';
    message.stopReason = stopReason;
  } catch (err) {
    batcher.flush();
    message.status = 'error';
    message.error =
      err instanceof ProviderError
        ? { kind: err.kind, message: err.message, hint: err.hint, ...(err.kind === 'rateLimited' && err.retryAfterMs !== undefined ? { retryAt: Date.now() + err.retryAfterMs } : {}) }
        : { kind: 'internal', message: `Unexpected failure: ${err instanceof Error ? err.message : String(err)}` };
    sinks.log.error(`${provider.id}: ${message.error.message}`, err instanceof ProviderError ? undefined : err);
  } finally {
    batcher.dispose();
  }
  message.text = builder.text;
  delete message.deltaSeq;
  if (toolViews.size) message.toolCalls = [...toolViews.values()];
  message.meta = {
    ...message.meta,
    usage: builder.usage,
    firstTokenMs: firstTokenMs === undefined ? undefined : Math.round(firstTokenMs),
    durationMs: Math.round(performance.now() - started),
  };
  return { message, answer: builder };
}
