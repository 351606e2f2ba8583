// A stdio transport for MCP servers that starts the server in its own process group, so that ending
// it (dispose, restart, or after it crashed) also ends whatever it started: `npx` runs a shell that
// runs node, and signalling only the first process would leave the others running.
import { spawn, type ChildProcess } from 'node:child_process';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface GroupStdioOptions {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
  /** Called with each chunk the server writes to stderr. */
  onStderr?: (text: string) => void;
}

/** How long the server may take to leave after its stdin closes, and after SIGTERM. */
const graceMs = 2000;

export class GroupStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private child: ChildProcess | undefined;
  private readonly buffer = new ReadBuffer();
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: GroupStdioOptions) {}

  /** The server's process id (also its process group id) while it runs. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): Promise<void> {
    if (this.child) throw new Error('the MCP server was already started');
    const { command, args, env, cwd, onStderr } = this.options;
    // detached: the child leads a new process group (and session), which the group kill below reaches.
    const child = spawn(command, args, { env, ...(cwd ? { cwd } : {}), stdio: ['pipe', 'pipe', 'pipe'], detached: true, shell: false });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stdout!.on('data', (chunk: Buffer) => this.received(chunk));
    child.stderr!.on('data', (chunk: Buffer) => onStderr?.(chunk.toString('utf8')));
    child.stdin!.on('error', (err) => this.onerror?.(err));
    // Whatever the server started outlives it in the group (a crashed wrapper leaves its node behind,
    // which also keeps the pipes open, so 'close' would wait for it).
    child.once('exit', () => endGroup(child.pid));
    child.once('close', () => {
      if (this.child === child) this.child = undefined;
      this.onclose?.();
    });
    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (err) => {
        this.onerror?.(err);
        reject(err);
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) return Promise.reject(new Error('the MCP server is not running'));
    return new Promise((resolve) => {
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', () => resolve());
    });
  }

  /** Closes stdin (servers leave then), then signals the whole group: SIGTERM, and SIGKILL if still there. */
  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child?.pid) return;
    child.stdin?.end();
    if (!(await within(this.exited, graceMs))) {
      signalGroup(child.pid, 'SIGTERM');
      if (!(await within(this.exited, graceMs))) signalGroup(child.pid, 'SIGKILL');
    }
    endGroup(child.pid);
    this.buffer.clear();
  }

  private received(chunk: Buffer): void {
    try {
      this.buffer.append(chunk);
    } catch (err) {
      // A message larger than the buffer allows: the stream cannot be trusted any more.
      this.onerror?.(err instanceof Error ? err : new Error(String(err)));
      void this.close();
      return;
    }
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (err) {
        this.onerror?.(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (!message) return;
      this.onmessage?.(message);
    }
  }
}

/** Ends what is left of a group whose leader is gone: SIGTERM now, SIGKILL a moment later. */
function endGroup(pgid: number | undefined): void {
  if (!pgid || !signalGroup(pgid, 'SIGTERM')) return;
  setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs).unref();
}

/** Signals every process of the group; false when the group no longer exists. */
function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

async function within(done: Promise<void>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([done.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
