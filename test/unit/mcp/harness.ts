// A chat with the real `@modelcontextprotocol/server-everything` behind our MCP client, and a fake
// provider server recording what the model is sent. Nothing here stands in for the client or the server.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ChatController } from '../../../src/core/chat/controller';
import { silentLogger } from '../../../src/core/log';
import type { McpServerConfig } from '../../../src/core/mcp/config';
import { autoApproved } from '../../../src/core/mcp/patterns';
import { agentToolFilter } from '../../../src/core/mcp/scope';
import { McpServers } from '../../../src/core/mcp/servers';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import type { ToolCallView } from '../../../src/core/protocol/chat-message';
import { ToolRunner } from '../../../src/core/tools/runner';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import type { FakeServer } from '../../fakes/server';
import { models, providerFor } from '../providers/harness';

export const everythingEntry = join(__dirname, '../../../../node_modules/@modelcontextprotocol/server-everything/dist/index.js');

export function stdioEverything(): McpServerConfig {
  return { name: 'everything', type: 'stdio', command: process.execPath, args: [everythingEntry, 'stdio'], env: {} };
}

export const deadlineMs = 20_000;

export async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), `timed out waiting for ${what}`);
}

export interface ChatSetup {
  controller: ChatController;
  servers: McpServers;
  posts: HostToWebview[];
  remembered: Set<string>;
  /** Tool call views as last posted, by id. */
  views(): Map<string, ToolCallView>;
  awaiting(): string[];
  dispose(): Promise<void>;
}

export function chatWith(server: FakeServer, configs: McpServerConfig[], options: { autoApprove?: string[]; agentTools?: Record<string, string[]>; dir: string }): ChatSetup {
  const posts: HostToWebview[] = [];
  const remembered = new Set<string>();
  const servers = new McpServers({
    log: silentLogger,
    callTimeoutMs: 60_000,
    rules: { runsUnasked: (s, t) => autoApproved(options.autoApprove ?? [], s, t) || remembered.has(`mcp:${s}/${t}`) },
  });
  servers.configure(configs);
  servers.startAll();
  const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: options.dir }]), { trusted: true });
  runner.addSource(servers);
  const controller = new ChatController({
    store: new MemoryConversationStore(),
    resolveModel: async () => ({ provider: providerFor(server), model: models[server.vendor], maxTokens: 200 }),
    systemPrompt: (agent) => `You are @${agent}.`,
    agents: () => ['orchestrator', 'backend', 'qa'].map((name) => ({ name, description: name })),
    defaultAgent: () => 'orchestrator',
    modelLabel: () => server.vendor,
    post: (m) => posts.push(structuredClone(m)),
    log: silentLogger,
    tools: () => runner,
    toolScope: {
      filter: (agent) => agentToolFilter(options.agentTools?.[agent], (name) => [...servers.tools()].find((t) => t.definition.name === name)),
      ready: () => servers.ready(deadlineMs),
      alwaysAllow: (key) => void remembered.add(key),
    },
    limits: () => ({ maxToolRounds: 10, maxHandOffs: 3, contextChars: 100_000, autoApprove: { read: true, write: false } }),
  });
  const views = () => {
    const map = new Map<string, ToolCallView>();
    for (const p of posts) {
      if (p.type === 'toolCallUpdated') map.set(p.toolCall.id, { ...p.toolCall });
      // Output streams as its own messages, appended to the call as the page does.
      const call = p.type === 'toolOutput' ? map.get(p.toolCallId) : undefined;
      if (call && p.type === 'toolOutput') call.output = (call.output ?? '') + p.text;
    }
    return map;
  };
  const awaiting = () => [...views().values()].filter((v) => v.status === 'awaitingApproval').map((v) => v.id);
  return { controller, servers, posts, remembered, views, awaiting, dispose: () => servers.dispose() };
}

/** The tool results (as text) in the request the provider received, and the names of the tools offered. */
export function sentToModel(server: FakeServer, index: number): { results: string[]; tools: string[] } {
  const body = server.chatRequests()[index]?.body as { messages: Record<string, unknown>[]; tools?: { name?: string; function?: { name: string } }[] };
  const results: string[] = [];
  for (const m of body.messages) {
    if (Array.isArray(m.content)) for (const b of m.content as Record<string, unknown>[]) if (b.type === 'tool_result') results.push(JSON.stringify(b.content));
  }
  return { results, tools: (body.tools ?? []).map((t) => t.name ?? t.function?.name ?? '') };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** server-everything in streamable HTTP mode on `port`; resolves once it listens. */
export async function startHttpEverything(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [everythingEntry, 'streamableHttp'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (/listening on port/i.test(chunk.toString())) resolve();
    };
    child.stderr!.on('data', onData);
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server-everything exited (${code})`)));
  });
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
