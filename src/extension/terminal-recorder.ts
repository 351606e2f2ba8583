// Remembers the last command run in any terminal with shell integration, and its output (bounded while it
// streams), for `#terminal`. Nothing is kept beyond that one command, and nothing is written anywhere.
import * as vscode from 'vscode';
import { OutputCapper } from '../core/commands/output';
import type { TerminalRun } from '../core/attachments/resolve';
import { Disposable } from '../core/util/dispose';

/** Head and tail kept of a command's output; the model's share is capped again when attached. */
const recordCap = { headChars: 10_000, tailChars: 10_000, maxLineChars: 2_000 };
/** Raw characters kept at each end while the command streams (escapes included, so more than the cap). */
const rawKeep = 100_000;

interface Recording {
  execution: vscode.TerminalShellExecution;
  command: string;
  head: string;
  tail: string;
  dropped: number;
  exitCode?: number;
}

export class TerminalRecorder extends Disposable {
  private last: Recording | undefined;

  constructor() {
    super();
    this._register(vscode.window.onDidStartTerminalShellExecution((e) => this.record(e.execution)));
    this._register(
      vscode.window.onDidEndTerminalShellExecution((e) => {
        if (this.last?.execution === e.execution && e.exitCode !== undefined) this.last.exitCode = e.exitCode;
      }),
    );
  }

  /** The last command (still running or finished) and its output so far. */
  lastRun(): TerminalRun | undefined {
    const r = this.last;
    if (!r) return undefined;
    // Escapes stripped, progress bars collapsed, head and tail kept: the same capper as a command's output.
    const capper = new OutputCapper(recordCap);
    capper.push(r.head);
    if (r.dropped > 0) capper.push(`\n… ${r.dropped.toLocaleString('en-US')} characters left out …\n`);
    capper.push(r.tail);
    return { command: r.command, output: capper.finish(), ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}) };
  }

  private record(execution: vscode.TerminalShellExecution): void {
    const recording: Recording = { execution, command: execution.commandLine.value, head: '', tail: '', dropped: 0 };
    this.last = recording;
    void (async () => {
      try {
        for await (const data of execution.read()) keep(recording, data);
      } catch {
        // The terminal went away mid-command: what was read so far stays.
      }
    })();
  }
}

/** Appends to the head until it is full, then to a tail that keeps only its last `rawKeep` characters. */
function keep(r: Recording, data: string): void {
  if (r.head.length < rawKeep) {
    const room = rawKeep - r.head.length;
    r.head += data.slice(0, room);
    data = data.slice(room);
  }
  if (!data) return;
  r.tail += data;
  if (r.tail.length > rawKeep * 2) {
    r.dropped += r.tail.length - rawKeep;
    r.tail = r.tail.slice(-rawKeep);
  }
}
