// MCP end to end in Node: the real server-everything (stdio and streamable HTTP) behind our client,
// called by an agent whose model is a fake Anthropic server; approvals, Always allow, Stop, a crash
// mid-call, a dropped HTTP connection and per-agent tool lists.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withServer } from '../providers/harness';
import { chatWith, freePort, sentToModel, startHttpEverything, stdioEverything, stopProcess, until, type ChatSetup } from './harness';

describe('MCP with server-everything', function () {
  this.timeout(60_000);
  const ctx = withServer('anthropic');
  let dir: string;
  let chat: ChatSetup | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mcp-'));
  });
  afterEach(async () => {
    await chat?.dispose();
    chat = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('an agent calls echo and get-sum after approval, and the results reach the model', async () => {
    ctx.server.enqueue(
      {
        toolCalls: [
          { id: 'e1', name: 'mcp_everything_echo', arguments: { message: 'HELLO-MCP' } },
          { id: 's1', name: 'mcp_everything_get-sum', arguments: { a: 20, b: 22 } },
        ],
      },
      { tokens: ['Done.'] },
    );
    chat = chatWith(ctx.server, [stdioEverything()], { dir });
    const pending = chat.controller.ask('backend', 'echo and add');
    await until(() => chat!.awaiting().includes('e1'), 'the echo approval');
    const card = chat.views().get('e1')!;
    assert.deepEqual(card.approval, { title: 'everything · echo', detail: '{"message":"HELLO-MCP"}', canAlwaysAllow: true });
    assert.equal(card.kind, 'mcp');
    chat.controller.approvals.decide('e1', { approved: true });
    await until(() => chat!.awaiting().includes('s1'), 'the get-sum approval');
    chat.controller.approvals.decide('s1', { approved: true });
    const answer = await pending;
    assert.equal(answer?.text, 'Done.');
    const first = sentToModel(ctx.server, 0);
    assert.ok(first.tools.includes('mcp_everything_echo') && first.tools.includes('mcp_everything_get-sum'), first.tools.join(','));
    const { results } = sentToModel(ctx.server, 1);
    assert.match(results[0]!, /Echo: HELLO-MCP/);
    assert.match(results[1]!, /42/);
  });

  it('a rejected call never reaches the server, and Always allow is remembered for the next call', async () => {
    ctx.server.enqueue(
      { toolCalls: [{ id: 'r1', name: 'mcp_everything_echo', arguments: { message: 'NO' } }] },
      { toolCalls: [{ id: 'a1', name: 'mcp_everything_echo', arguments: { message: 'FIRST' } }] },
      { toolCalls: [{ id: 'a2', name: 'mcp_everything_echo', arguments: { message: 'SECOND' } }] },
      { tokens: ['ok'] },
    );
    chat = chatWith(ctx.server, [stdioEverything()], { dir });
    const pending = chat.controller.ask('backend', 'echo');
    await until(() => chat!.awaiting().includes('r1'), 'the first approval');
    chat.controller.approvals.decide('r1', { approved: false });
    await until(() => chat!.awaiting().includes('a1'), 'the second approval');
    chat.controller.approvals.decide('a1', { approved: true, always: true });
    await pending;
    assert.deepEqual([...chat.remembered], ['mcp:everything/echo']);
    const statuses = chat.posts.flatMap((p) => (p.type === 'toolCallUpdated' && p.toolCall.id === 'a2' ? [p.toolCall.status] : []));
    assert.ok(!statuses.includes('awaitingApproval'), `a2 went through ${statuses.join(',')}`);
    assert.match(sentToModel(ctx.server, 1).results[0]!, /rejected/);
    assert.match(sentToModel(ctx.server, 3).results[2]!, /Echo: SECOND/);
  });

  it('Stop during the long-running operation cancels it, and the server keeps serving', async () => {
    ctx.server.enqueue({ toolCalls: [{ id: 'l1', name: 'mcp_everything_trigger-long-running-operation', arguments: { duration: 60, steps: 60 } }] });
    chat = chatWith(ctx.server, [stdioEverything()], { dir, autoApprove: ['everything/*'] });
    const pending = chat.controller.ask('backend', 'take your time');
    await until(() => /\(1\/60\)/.test(chat!.views().get('l1')?.output ?? ''), 'progress shown on the call');
    const pid = chat.servers.status()[0]?.pid;
    await chat.controller.stop();
    const answer = await pending;
    const view = chat.views().get('l1')!;
    assert.equal(view.status, 'error');
    assert.match(view.result ?? '', /cancelled/);
    assert.equal(answer?.status, 'interrupted');
    // The same process answers the next call: cancelling did not cost the connection.
    ctx.server.enqueue({ toolCalls: [{ id: 'e2', name: 'mcp_everything_echo', arguments: { message: 'AFTER' } }] }, { tokens: ['ok'] });
    await chat.controller.ask('backend', 'again');
    assert.match(chat.views().get('e2')?.result ?? '', /Echo: AFTER/);
    assert.equal(chat.servers.status()[0]?.pid, pid);
  });

  it('a server killed mid-call gives a clear error, and the next call restarts it', async () => {
    ctx.server.enqueue({ toolCalls: [{ id: 'l1', name: 'mcp_everything_trigger-long-running-operation', arguments: { duration: 60, steps: 60 } }] }, { tokens: ['It crashed.'] });
    chat = chatWith(ctx.server, [stdioEverything()], { dir, autoApprove: ['everything/*'] });
    const pending = chat.controller.ask('backend', 'go');
    await until(() => /\(1\/60\)/.test(chat!.views().get('l1')?.output ?? ''), 'progress shown on the call');
    const pid = chat.servers.status()[0]!.pid!;
    process.kill(pid, 'SIGKILL');
    await pending;
    assert.match(chat.views().get('l1')?.result ?? '', /everything · trigger-long-running-operation failed: the MCP server "everything" stopped during the call/);
    assert.match(sentToModel(ctx.server, 1).results[0]!, /stopped during the call/);
    ctx.server.enqueue({ toolCalls: [{ id: 'e2', name: 'mcp_everything_echo', arguments: { message: 'BACK' } }] }, { tokens: ['ok'] });
    await chat.controller.ask('backend', 'again');
    assert.match(chat.views().get('e2')?.result ?? '', /Echo: BACK/);
    assert.notEqual(chat.servers.status()[0]?.pid, pid);
  });

  it('over streamable HTTP: a dropped connection is an error, and the restored server is used again', async () => {
    const port = await freePort();
    let http: ChildProcess = await startHttpEverything(port);
    try {
      chat = chatWith(ctx.server, [{ name: 'everything', type: 'http', url: `http://127.0.0.1:${port}/mcp`, headers: {} }], { dir, autoApprove: ['everything/echo'] });
      ctx.server.enqueue({ toolCalls: [{ id: 'h1', name: 'mcp_everything_echo', arguments: { message: 'ONE' } }] }, { tokens: ['ok'] });
      await chat.controller.ask('backend', 'one');
      assert.match(chat.views().get('h1')?.result ?? '', /Echo: ONE/);
      await stopProcess(http);
      ctx.server.enqueue({ toolCalls: [{ id: 'h2', name: 'mcp_everything_echo', arguments: { message: 'TWO' } }] }, { tokens: ['ok'] });
      await chat.controller.ask('backend', 'two');
      assert.equal(chat.views().get('h2')?.status, 'error');
      assert.match(chat.views().get('h2')?.result ?? '', /everything · echo failed/);
      http = await startHttpEverything(port);
      ctx.server.enqueue({ toolCalls: [{ id: 'h3', name: 'mcp_everything_echo', arguments: { message: 'THREE' } }] }, { tokens: ['ok'] });
      await chat.controller.ask('backend', 'three');
      assert.match(chat.views().get('h3')?.result ?? '', /Echo: THREE/);
    } finally {
      await stopProcess(http);
    }
  });

  it("a tool outside an agent's list is never offered to it", async () => {
    ctx.server.enqueue({ tokens: ['qa here'] }, { tokens: ['backend here'] });
    chat = chatWith(ctx.server, [stdioEverything()], { dir, agentTools: { qa: ['read_file', 'mcp:everything/echo'] } });
    await chat.controller.ask('qa', 'hi');
    await chat.controller.ask('backend', 'hi');
    assert.deepEqual(sentToModel(ctx.server, 0).tools.sort(), ['mcp_everything_echo', 'read_file']);
    const all = sentToModel(ctx.server, 1).tools;
    assert.ok(all.includes('mcp_everything_get-sum') && all.includes('write_file'), all.join(','));
  });

  it("a tool outside an agent's list is refused when the model calls it anyway, and never asks or runs", async () => {
    ctx.server.enqueue({ toolCalls: [{ id: 'x1', name: 'mcp_everything_get-sum', arguments: { a: 1, b: 2 } }] }, { tokens: ['ok'] });
    chat = chatWith(ctx.server, [stdioEverything()], { dir, agentTools: { qa: ['read_file', 'mcp:everything/echo'] } });
    await chat.controller.ask('qa', 'add');
    assert.deepEqual(chat.awaiting(), []);
    assert.equal(chat.views().get('x1')?.status, 'error');
    assert.match(sentToModel(ctx.server, 1).results[0]!, /not one of this agent's tools/);
    assert.doesNotMatch(sentToModel(ctx.server, 1).results[0]!, /3/);
  });
});
