// One server of `agentChat.mcp.servers` through the official SDK: starts it, keeps its tool list
// current (tools/list_changed), calls tools with a timeout, cancellation and progress, and after
// the server goes away reconnects with backoff (and at once on the next call).
import type { Logger } from '../log';
import type { McpServerConfig } from './config';
import type { McpCallOptions, McpCaller, McpToolInfo } from './mcp-tools';
import type { McpToolResult } from './results';
import { connect, type Connected } from './transports';

export type ConnectionState =
  | { kind: 'stopped' }
  | { kind: 'starting' }
  | { kind: 'running'; tools: number }
  | { kind: 'error'; message: string };

export interface ConnectionOptions {
  log: Logger;
  /** How long one tool call may take (progress from the server restarts the clock, up to 10 times this). */
  callTimeoutMs: number;
  /** The tool list or the state changed. */
  onChange(): void;
}

const maxBackoffMs = 60_000;
const maxAutoRetries = 6;

export class McpConnection implements McpCaller {
  private live: Connected | undefined;
  private starting: Promise<Connected> | undefined;
  private listed: McpToolInfo[] = [];
  private current: ConnectionState = { kind: 'stopped' };
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(readonly config: McpServerConfig, private readonly options: ConnectionOptions) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** The last list the server sent: kept while it is away, since a call starts it again. */
  get tools(): readonly McpToolInfo[] {
    return this.listed;
  }

  /** The stdio server's process id while it runs. */
  get pid(): number | undefined {
    return this.live?.pid;
  }

  /** Connects (once; concurrent callers share the attempt). */
  start(): Promise<Connected> {
    if (this.live) return Promise.resolve(this.live);
    this.starting ??= this.open().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async call(tool: string, args: Record<string, unknown>, options: McpCallOptions): Promise<McpToolResult> {
    const live = await this.start();
    const timeout = this.options.callTimeoutMs;
    try {
      return (await live.client.callTool({ name: tool, arguments: args }, undefined, {
        timeout,
        resetTimeoutOnProgress: true,
        maxTotalTimeout: timeout * 10,
        ...(options.signal ? { signal: options.signal } : {}),
        onprogress: (p) => options.onProgress?.(`${p.message ? `${p.message} ` : ''}(${p.progress}${p.total ? `/${p.total}` : ''})\n`),
      })) as McpToolResult;
    } catch (err) {
      throw await this.explain(err, live, options.signal);
    }
  }

  /** Stops the server (if running) and starts it again. */
  async restart(): Promise<void> {
    this.failures = 0;
    await this.close();
    await this.start().catch(() => undefined);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.close();
  }

  private async open(): Promise<Connected> {
    if (this.disposed) throw new Error('the server was shut down');
    clearTimeout(this.retryTimer);
    this.set({ kind: 'starting' });
    try {
      const sdk = await import('./sdk.js');
      const newClient = () => new sdk.Client({ name: 'agent-chat', version: '0.1.0' }, { capabilities: {} });
      const live = await connect(sdk, this.config, newClient, this.options.log, this.options.callTimeoutMs);
      if (this.disposed) {
        await live.client.close();
        throw new Error('the server was shut down');
      }
      live.client.onclose = () => this.lost(live);
      live.client.setNotificationHandler(sdk.ToolListChangedNotificationSchema, () => void this.refresh(live));
      this.live = live;
      await this.refresh(live);
      this.failures = 0;
      this.options.log.info(`MCP ${this.config.name}: connected${live.pid ? ` (pid ${live.pid})` : ''}, ${this.listed.length} tools.`);
      return live;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.options.log.warn(`MCP ${this.config.name}: could not start: ${message}`);
      this.set({ kind: 'error', message });
      this.scheduleRetry();
      throw new Error(`could not start the MCP server "${this.config.name}": ${message}`);
    }
  }

  /** Reads the whole tool list (all pages). */
  private async refresh(live: Connected): Promise<void> {
    const tools: McpToolInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await live.client.listTools(cursor ? { cursor } : undefined);
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    if (this.live !== live) return;
    this.listed = tools;
    this.set({ kind: 'running', tools: tools.length });
  }

  /** The connection closed: a crash, the process ended, or the network went away. */
  private lost(live: Connected): void {
    if (this.live !== live) return;
    this.live = undefined;
    if (this.disposed) return;
    this.options.log.warn(`MCP ${this.config.name}: the connection closed.`);
    this.set({ kind: 'error', message: 'the server stopped (it exited or the connection closed); it restarts on the next call' });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.disposed || this.failures >= maxAutoRetries) return;
    const delay = Math.min(maxBackoffMs, 1000 * 2 ** this.failures++);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.start().catch(() => undefined), delay);
    this.retryTimer.unref?.();
  }

  /** A clear error for the model; a broken connection is dropped so the next call reconnects. */
  private async explain(err: unknown, live: Connected, signal: AbortSignal | undefined): Promise<Error> {
    if (signal?.aborted) return new Error('cancelled');
    const message = err instanceof Error ? err.message : String(err);
    if (this.live !== live) return new Error(`the MCP server "${this.config.name}" stopped during the call (it exited or the connection closed); it is restarted on the next call`);
    const sdk = await import('./sdk.js');
    if (err instanceof sdk.McpError && (err as { code: number }).code === sdk.ErrorCode.RequestTimeout) return new Error(`no answer within ${Math.round(this.options.callTimeoutMs / 1000)} s`);
    if (!(err instanceof sdk.McpError)) {
      // Not an answer from the server (network failure, unknown session): start afresh next time.
      this.live = undefined;
      this.set({ kind: 'error', message });
      void live.client.close().catch(() => undefined);
    }
    return new Error(message);
  }

  private async close(): Promise<void> {
    clearTimeout(this.retryTimer);
    const live = this.live ?? (await this.starting?.catch(() => undefined));
    this.live = undefined;
    if (live) await live.client.close().catch(() => undefined);
    this.set({ kind: 'stopped' });
  }

  private set(state: ConnectionState): void {
    this.current = state;
    this.options.onChange();
  }
}
