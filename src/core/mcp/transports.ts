// Opens the transport a server's configuration asks for: a child process over stdio in its own
// process group (its stderr going to the log), or streamable HTTP falling back to the older SSE transport.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Logger } from '../log';
import type { McpServerConfig } from './config';

type Sdk = typeof import('./sdk.js');

/** A connected client, and the process id of a stdio server (for the log and tests). */
export interface Connected {
  client: Client;
  transport: Transport;
  pid?: number;
}

export async function connect(sdk: Sdk, config: McpServerConfig, newClient: () => Client, log: Logger, timeoutMs: number): Promise<Connected> {
  if (config.type === 'stdio') {
    const onStderr = (text: string) => logLines(log, config.name, text);
    const env = { ...sdk.getDefaultEnvironment(), ...config.env };
    const transport = groupsWork()
      ? new sdk.GroupStdioTransport({ command: config.command, args: config.args, env, ...(config.cwd ? { cwd: config.cwd } : {}), onStderr })
      : sdkStdio(sdk, config, env, onStderr);
    const client = newClient();
    await client.connect(transport, { timeout: timeoutMs });
    return { client, transport, ...(transport.pid !== null ? { pid: transport.pid } : {}) };
  }
  const url = new URL(config.url);
  const requestInit = { headers: config.headers };
  if (config.type === 'http') {
    const client = newClient();
    try {
      const transport = new sdk.StreamableHTTPClientTransport(url, { requestInit });
      await client.connect(transport, { timeout: timeoutMs });
      return { client, transport };
    } catch (err) {
      // Servers from before streamable HTTP answer its POST with 404/405; they speak SSE.
      const status = err instanceof sdk.StreamableHTTPError ? err.code : undefined;
      if (status !== 404 && status !== 405) throw err;
      log.info(`MCP ${config.name}: no streamable HTTP (${status}); trying SSE.`);
      await client.close().catch(() => undefined);
    }
  }
  const client = newClient();
  const transport = new sdk.SSEClientTransport(url, { requestInit });
  await client.connect(transport, { timeout: timeoutMs });
  return { client, transport };
}

/** Process groups (and signalling them) exist on Linux and macOS; Windows keeps the SDK's transport. */
function groupsWork(): boolean {
  return process.platform !== 'win32';
}

/** The SDK's own stdio transport, which resolves Windows commands like `npx.cmd`. */
function sdkStdio(sdk: Sdk, config: Extract<McpServerConfig, { type: 'stdio' }>, env: Record<string, string>, onStderr: (text: string) => void) {
  const transport = new sdk.StdioClientTransport({ command: config.command, args: config.args, env, ...(config.cwd ? { cwd: config.cwd } : {}), stderr: 'pipe' });
  transport.stderr?.on('data', (chunk: Buffer) => onStderr(chunk.toString('utf8')));
  return transport;
}

function logLines(log: Logger, server: string, text: string): void {
  for (const line of text.split(/\r?\n/)) if (line.trim()) log.info(`[mcp ${server}] ${line.slice(0, 2000)}`);
}
