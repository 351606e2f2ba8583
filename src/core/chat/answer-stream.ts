// Runs one provider stream into one assistant message: batches text to the views, checkpoints
// the text to the store, and settles the message as complete, interrupted or error.
import { AnswerBuilder } from '../providers/complete';
import { ProviderError } from '../providers/errors';
import type { ChatEvent, ChatProvider, ChatRequest } from '../providers/types';
import type { HostToWebview } from '../protocol/messages';
import type { Logger } from '../log';
import { DeltaBatcher } from './delta-batcher';
import { DeferredPlaceholder } from './deferred-placeholder';
import type { ChatMessageRecord } from '../protocol/chat-message';
import { stopNotice } from './stop-notice';
import { inEnglish, type Translate } from '../protocol/translate';
import { StreamedToolCalls } from './streamed-tool-calls';

export interface AnswerSinks {
  post(message: HostToWebview): void;
  checkpoint(text: string): void;
  log: Logger;
  /** Interval between checkpoints of the streaming text. */
  checkpointMs?: number;
  batchMs?: number;
  /** Posts the answer's placeholder, held back until the first post about it (see deferred-placeholder.ts). */
  showPlaceholder?(): void;
  /** How long the placeholder may wait for the first text (deferred-placeholder.ts). */
  placeholderWaitMs?: number;
  /** A failed request is waiting to be sent again: `skip` ends the wait now (undefined once the stream is over). */
  waiting?(skip: (() => boolean) | undefined): void;
  /** The user's language for the notes about how the answer ended. */
  t?: Translate;
}

/** What one answer's stream produced so far, and when. */
interface Progress {
  builder: AnswerBuilder;
  batcher: DeltaBatcher;
  toolCalls: StreamedToolCalls;
  started: number;
  firstTokenMs?: number;
  lastCheckpoint: number;
  /** Notes for the user about how the answer ended (a refusal, a context overflow…). */
  notices: string[];
}

export async function streamAnswer(
  provider: ChatProvider,
  request: ChatRequest,
  message: ChatMessageRecord,
  signal: AbortSignal,
  sinks: AnswerSinks,
): Promise<{ message: ChatMessageRecord; answer: AnswerBuilder }> {
  const started = performance.now();
  const placeholder = new DeferredPlaceholder(sinks.showPlaceholder, sinks.placeholderWaitMs);
  // Everything posted about the answer goes after its placeholder.
  const postNow = sinks.post;
  const post = (m: HostToWebview): void => {
    placeholder.reveal();
    postNow(m);
  };
  sinks = { ...sinks, post };
  const progress: Progress = {
    builder: new AnswerBuilder(),
    // `message.text` always holds what the views were sent, so a view that (re)joins mid-stream gets it in its snapshot.
    batcher: new DeltaBatcher((text, seq) => {
      placeholder.reveal();
      message.text += text;
      message.deltaSeq = seq;
      sinks.post({ type: 'textDelta', messageId: message.id, seq, text });
    }, sinks.batchMs),
    toolCalls: new StreamedToolCalls((view) => sinks.post({ type: 'toolCallUpdated', messageId: message.id, toolCall: { ...view } })),
    started,
    lastCheckpoint: started,
    notices: [],
  };
  try {
    for await (const event of provider.stream(request, signal)) onEvent(event, progress, provider, message, sinks);
    // Stopped: the user waits for the answer to settle, so nothing is held back then.
    if (signal.aborted) progress.batcher.flush();
    else await progress.batcher.finish();
    settleEnded(message, progress, provider, sinks.log, sinks.t ?? inEnglish);
  } catch (err) {
    progress.batcher.flush();
    settleFailed(message, err, provider, sinks.log, sinks.t ?? inEnglish);
  } finally {
    progress.batcher.dispose();
    placeholder.reveal();
    sinks.waiting?.(undefined);
  }
  return { message: settleContent(message, progress), answer: progress.builder };
}

function onEvent(event: ChatEvent, p: Progress, provider: ChatProvider, message: ChatMessageRecord, sinks: AnswerSinks): void {
  p.builder.add(event);
  switch (event.type) {
    case 'text': {
      p.firstTokenMs ??= performance.now() - p.started;
      p.batcher.push(event.text);
      const now = performance.now();
      if (now - p.lastCheckpoint >= (sinks.checkpointMs ?? 2000)) {
        p.lastCheckpoint = now;
        sinks.checkpoint(p.builder.text);
      }
      return;
    }
    case 'toolCallStart':
      p.batcher.flush();
      return p.toolCalls.add(event);
    case 'toolCallDelta':
    case 'toolCallComplete':
      return p.toolCalls.add(event);
    case 'retrying':
      p.batcher.flush();
      if (event.skipWait) sinks.waiting?.(event.skipWait);
      sinks.post({ type: 'retrying', messageId: message.id, attempt: event.attempt, retryAt: Date.now() + event.delayMs, reason: event.reason, ...(event.maxAttempts ? { maxAttempts: event.maxAttempts } : {}) });
      sinks.log.warn(`${provider.id}: retry ${event.attempt} in ${event.delayMs} ms: ${event.reasonInEnglish ?? event.reason}`);
      return;
    case 'usage':
    case 'done':
    case 'thinking':
    case 'reasoningBlock':
    case 'notice':
      return;
  }
}

/** The stream ended: complete, or interrupted when it was cancelled; an unusual ending gets a note for the user. */
function settleEnded(message: ChatMessageRecord, p: Progress, provider: ChatProvider, log: Logger, t: Translate): void {
  const stopReason = p.builder.stopReason ?? 'end';
  message.status = stopReason === 'cancelled' ? 'interrupted' : 'complete';
  message.stopReason = stopReason;
  const ending = stopNotice(stopReason, p.builder.vendorReason, t);
  if (!ending) return;
  log.warn(`${provider.id}: the answer ended with ${p.builder.vendorReason ?? stopReason}`);
  p.notices.push(ending);
}

function settleFailed(message: ChatMessageRecord, err: unknown, provider: ChatProvider, log: Logger, t: Translate): void {
  message.status = 'error';
  const unexpected = err instanceof Error ? err.message : String(err);
  message.error =
    err instanceof ProviderError
      ? { kind: err.kind, message: err.message, hint: err.hint, ...(err.kind === 'rateLimited' && err.retryAfterMs !== undefined ? { retryAt: Date.now() + err.retryAfterMs } : {}) }
      : { kind: 'internal', message: t('Unexpected failure: {0}', unexpected) };
  // The log stays English (see README, Localisation).
  log.error(`${provider.id}: ${err instanceof ProviderError ? err.english : `Unexpected failure: ${unexpected}`}`, err instanceof ProviderError ? undefined : err);
}

/** The final text, tool calls and timings, whatever the outcome. */
function settleContent(message: ChatMessageRecord, p: Progress): ChatMessageRecord {
  message.text = p.builder.text;
  delete message.deltaSeq;
  const notices = [...p.builder.notices, ...p.notices];
  if (notices.length) message.notice = [...new Set(notices)].join(' ');
  // Kept with the answer so the next round of a tool loop can send it back unchanged.
  if (p.builder.reasoning.length) message.reasoning = p.builder.reasoning;
  const toolCalls = p.toolCalls.list();
  if (toolCalls.length) message.toolCalls = toolCalls;
  message.meta = {
    ...message.meta,
    usage: p.builder.usage,
    firstTokenMs: p.firstTokenMs === undefined ? undefined : Math.round(p.firstTokenMs),
    durationMs: Math.round(performance.now() - p.started),
  };
  return message;
}
