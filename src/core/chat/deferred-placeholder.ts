// Holds back a post (an answer's placeholder, and the question before it) until the answer's first text, or
// anything else about it, is posted: the views get them back to back and paint them in one frame instead of
// painting an empty answer first and the text a frame later. A model that thinks first still shows them after
// a short wait.

/** Long enough for a model that answers at once to send its first text, too short for anyone to notice. */
export const placeholderWaitMs = 40;

export class DeferredPlaceholder {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private show: (() => void) | undefined, waitMs = placeholderWaitMs) {
    if (show) this.timer = setTimeout(() => this.reveal(), waitMs);
  }

  /** Posts the placeholder if it is still held back; called before every post about the answer. */
  reveal(): void {
    const show = this.show;
    if (!show) return;
    this.show = undefined;
    clearTimeout(this.timer);
    show();
  }
}
