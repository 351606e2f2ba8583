// Gathers what the host posts to the chat pages into as few messages as keep them current. What is posted in
// one go (a question, its answer's placeholder and first text) crosses as one message, so the page applies it
// in one task and paints once. Tool calls' updates wait up to about a frame and only each call's latest state
// crosses: an answer with hundreds of calls costs a post per frame, not several per call, and the page's queue
// never falls behind. An update the user must act on (a call awaiting approval) is not held, and anything
// else posted sends the held updates first, so the page sees everything in the order it happened.
import type { ToolCallView } from '../protocol/chat-message';
import type { HostToWebview } from '../protocol/messages';

type ToolCallUpdate = Extract<HostToWebview, { type: 'toolCallUpdated' }>;

export interface OutboxClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: OutboxClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** About one frame: tool calls' updates are painted once per frame on the page anyway. */
export const toolCallHoldMs = 16;

export class Outbox {
  private queue: HostToWebview[] = [];
  private sendScheduled = false;
  /** Held tool-call updates: the latest per call, keyed by message and call, in the order the calls first came. */
  private readonly calls = new Map<string, ToolCallUpdate>();
  private timer: unknown;

  constructor(
    private readonly send: (message: HostToWebview) => void,
    private readonly holdMs = toolCallHoldMs,
    private readonly clock: OutboxClock = systemClock,
  ) {}

  post(message: HostToWebview): void {
    if (message.type === 'toolCallUpdated' && message.toolCall.status !== 'awaitingApproval') {
      this.calls.set(`${message.messageId}\n${message.toolCall.id}`, message);
      this.timer ??= this.clock.setTimeout(() => this.flush(), this.holdMs);
      return;
    }
    this.releaseCalls();
    this.queue.push(message);
    if (this.sendScheduled) return;
    this.sendScheduled = true;
    // The rest of this synchronous run joins the message (a placeholder revealed with its first text).
    queueMicrotask(() => this.sendQueued());
  }

  /** Sends everything queued and held now (before a page gets a snapshot of its own, for one). */
  flush(): void {
    this.releaseCalls();
    this.sendQueued();
  }

  private releaseCalls(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.calls.size) return;
    const byMessage = new Map<string, ToolCallView[]>();
    for (const { messageId, toolCall } of this.calls.values()) {
      const list = byMessage.get(messageId);
      if (list) list.push(toolCall);
      else byMessage.set(messageId, [toolCall]);
    }
    this.calls.clear();
    for (const [messageId, toolCalls] of byMessage) {
      this.queue.push(toolCalls.length === 1 ? { type: 'toolCallUpdated', messageId, toolCall: toolCalls[0]! } : { type: 'toolCallsUpdated', messageId, toolCalls });
    }
    if (this.sendScheduled) return;
    this.sendScheduled = true;
    queueMicrotask(() => this.sendQueued());
  }

  private sendQueued(): void {
    this.sendScheduled = false;
    const messages = this.queue;
    if (!messages.length) return;
    this.queue = [];
    this.send(messages.length === 1 ? messages[0]! : { type: 'together', messages });
  }
}
