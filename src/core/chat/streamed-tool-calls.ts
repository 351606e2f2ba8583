// The tool calls of an answer as they stream in: one view per call, shown to the page at every step
// (name first, then the arguments growing, then the final arguments or the reason they are unusable).
import type { ToolCallView } from '../protocol/chat-message';
import type { ChatEvent } from '../providers/types';

type ToolCallEvent = Extract<ChatEvent, { type: 'toolCallStart' | 'toolCallDelta' | 'toolCallComplete' }>;

export class StreamedToolCalls {
  /** By the provider's index, which orders the calls within one answer. */
  private readonly views = new Map<number, ToolCallView>();

  constructor(private readonly show: (view: ToolCallView) => void) {}

  add(event: ToolCallEvent): void {
    switch (event.type) {
      case 'toolCallStart': {
        const view: ToolCallView = { id: event.id, name: event.name, argumentsText: '', status: 'streaming' };
        this.views.set(event.index, view);
        return this.show(view);
      }
      case 'toolCallDelta': {
        const view = this.views.get(event.index);
        if (!view) return;
        view.argumentsText += event.argumentsDelta;
        return this.show(view);
      }
      case 'toolCallComplete': {
        const view = this.views.get(event.index) ?? { id: event.call.id, name: event.call.name, argumentsText: '', status: 'pending' };
        view.argumentsText = JSON.stringify(event.call.arguments);
        view.status = event.parseError ? 'error' : 'pending';
        if (event.parseError) view.result = event.parseError;
        this.views.set(event.index, view);
        return this.show(view);
      }
    }
  }

  /** The calls in the order they started; empty when the answer asked for none. */
  list(): ToolCallView[] {
    return [...this.views.values()];
  }
}
