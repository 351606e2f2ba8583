// The whole output of the last few commands, bounded in memory: the chat keeps only each command's end, and
// *Open full output* shows all of it from here.

export interface KeptOutputLimits {
  /** Commands kept; a new one makes the oldest give way. */
  commands: number;
  /** Characters kept of one command; beyond that its output is counted, not kept. */
  perCommand: number;
  /** Characters kept of all commands together; older commands give way to the running one. */
  total: number;
}

export const keptOutputLimits: KeptOutputLimits = { commands: 5, perCommand: 16 * 1024 * 1024, total: 32 * 1024 * 1024 };

export interface KeptOutput {
  chunks: readonly string[];
  /** Characters that arrived after the command's limit was reached. */
  dropped: number;
}

interface Kept {
  chunks: string[];
  chars: number;
  dropped: number;
}

export class KeptOutputs {
  private readonly kept = new Map<string, Kept>();
  private total = 0;

  constructor(private readonly limits: KeptOutputLimits = keptOutputLimits) {}

  add(id: string, chunk: string): void {
    let k = this.kept.get(id);
    if (!k) {
      k = { chunks: [], chars: 0, dropped: 0 };
      this.kept.set(id, k);
      while (this.kept.size > this.limits.commands) this.forget(this.kept.keys().next().value as string);
    }
    if (k.chars + chunk.length > this.limits.perCommand) k.dropped += chunk.length;
    else {
      k.chunks.push(chunk);
      k.chars += chunk.length;
      this.total += chunk.length;
      this.makeRoom(id);
    }
  }

  get(id: string): KeptOutput | undefined {
    return this.kept.get(id);
  }

  /** Characters held for all commands. */
  get size(): number {
    return this.total;
  }

  private makeRoom(current: string): void {
    for (const id of [...this.kept.keys()]) {
      if (this.total <= this.limits.total) return;
      if (id !== current) this.forget(id);
    }
  }

  private forget(id: string): void {
    this.total -= this.kept.get(id)?.chars ?? 0;
    this.kept.delete(id);
  }
}
