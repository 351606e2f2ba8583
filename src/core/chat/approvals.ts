// Tool calls waiting for the user's Approve / Reject in the chat. Stop rejects them all.
import type { ApprovalDecision } from '../tools/runner';

export class ApprovalBroker {
  private readonly pending = new Map<string, (decision: ApprovalDecision) => void>();

  /** Waits for the user's decision on tool call `id` (or for Stop). */
  wait(id: string, signal: AbortSignal): Promise<ApprovalDecision> {
    if (signal.aborted) return Promise.resolve({ approved: false, reason: 'The user stopped the answer.' });
    return new Promise((resolve) => {
      const onAbort = () => this.decide(id, { approved: false, reason: 'The user stopped the answer.' });
      signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, (decision) => {
        signal.removeEventListener('abort', onAbort);
        resolve(decision);
      });
    });
  }

  /** Returns false when nothing was waiting for `id` (already decided, or stopped). */
  decide(id: string, decision: ApprovalDecision): boolean {
    const resolve = this.pending.get(id);
    if (!resolve) return false;
    this.pending.delete(id);
    resolve(decision);
    return true;
  }
}
