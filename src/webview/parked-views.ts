// Views of settled messages kept for a while after they leave the page, so a message scrolled back into view
// shows its elements again instead of rendering its Markdown anew. Bounded: the oldest parked go first.
import type { ChatMessageRecord } from '../core/protocol/chat-message';
import type { MessageView } from './message-view';
import type { Entry } from './window-entry';

/** Messages kept rendered off the page: a few screens either way of where the user scrolls to and fro. */
const most = 100;

export class ParkedViews {
  /** By entry, in the order they were parked (a Map keeps insertion order); `record`: the state it shows. */
  private readonly views = new Map<Entry, { view: MessageView; record: ChatMessageRecord }>();

  /** Keeps the view of a message that left the page, when nothing in it can change by itself. */
  park(e: Entry, view: MessageView): void {
    if (view.status === 'streaming' || view.current.handOff) return view.dispose();
    view.dispose(); // its timers stop; it is whole again when it comes back
    this.views.set(e, { view, record: e.record });
    for (const [old, kept] of this.views) {
      if (this.views.size <= most) break;
      this.views.delete(old);
      kept.view.dispose();
    }
  }

  /** The parked view of `e` when its message did not change meanwhile (else it is dropped). */
  take(e: Entry): MessageView | undefined {
    const kept = this.views.get(e);
    if (!kept) return undefined;
    this.views.delete(e);
    return kept.record === e.record ? kept.view : undefined;
  }

  clear(): void {
    this.views.clear();
  }
}
