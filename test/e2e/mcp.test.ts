// MCP in the real workbench, with the real server-everything: run by our own client (agentChat.mcp.servers)
// and by VS Code itself (.vscode/mcp.json of the test workspace, started from our MCP Servers list). An agent
// calls echo and get-sum, the approval card shows server, tool and arguments, Always allow is remembered,
// results reach the model (the fake Anthropic server's recorded request), an agent with a tool list is offered
// nothing else, a server in both places (the user's mcp.json) is listed once, VS Code's calls stop on Stop, its
// servers' protocol errors reach the model as errors, and a VS Code server killed mid-call is a clear error after
// which the next call works.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bodyOf, toolResult } from './anthropic-requests';
import { answerCount, openChatWhenReady, send, settledAnswer, toolCallWithStatus } from './chat-page';
import type { Page } from 'playwright-core';
import { repoRoot, runCommand, timeouts, useAnthropicWorkbench } from './harness';
import { descendants } from './host-processes';
import { copySampleWorkspace } from './temp-workspace';

const everything = path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const workspaceServerMark = 'from-workspace-mcp-json';

describe('MCP servers in the workbench', () => {
  const settings: Record<string, unknown> = {
    'agentChat.mcp.servers': { everything: { type: 'stdio', command: process.execPath, args: [everything, 'stdio'] } },
    'agentChat.agents': [{ name: 'qa', tools: ['read_file', 'mcp:everything/echo'] }],
    'agentChat.mcp.autoApprove': ['vsceverything/trigger-long-running-operation', 'vsceverything/get-resource-reference', 'vsceverything/get-sum'],
  };
  const ws = copySampleWorkspace('mcp');
  fs.mkdirSync(ws.file('.vscode'), { recursive: true });
  // The extra argument (ignored by the server) tells VS Code's copy of the server apart from ours in the process list.
  const vscodeCopyArgs = [everything, 'stdio', workspaceServerMark];
  fs.writeFileSync(ws.file('.vscode/mcp.json'), JSON.stringify({ servers: { vsceverything: { type: 'stdio', command: process.execPath, args: vscodeCopyArgs } } }));
  const { wb, server } = useAnthropicWorkbench({ name: 'mcp', settings, workspace: ws.dir });
  const vscodeTools: { echo?: string } = {};
  before(() => {
    // The user's own mcp.json (in the profile folder of the host the extension runs on): "everything" is also one
    // of ours; "userside" only VS Code's.
    const user = path.join(wb().server.userDataDir, 'User');
    fs.mkdirSync(user, { recursive: true });
    const stdio = { type: 'stdio', command: process.execPath, args: [everything, 'stdio'] };
    fs.writeFileSync(path.join(user, 'mcp.json'), JSON.stringify({ servers: { everything: stdio, userside: stdio } }));
  });
  after(() => ws.remove());
  /** Waits (bounded) until the fake provider has received `count` requests in all. */
  async function requestsReceived(count: number): Promise<void> {
    for (let i = 0; i < 300 && server().chatRequests().length < count; i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(server().chatRequests().length >= count, `${server().chatRequests().length} requests, expected ${count}`);
  }
  it('our client: echo and get-sum ask first with server, tool and arguments; Always allow is remembered; results reach the model', async () => {
    const { page } = wb();
    // The first view of a busy machine can take longer than one attempt.
    const chat = await openChatWhenReady(page).catch(() => openChatWhenReady(page));
    const first = await answerCount(chat);
    const before = server().chatRequests().length;
    server().enqueue(
      { toolCalls: [{ id: 'toolu_echo1', name: 'mcp_everything_echo', arguments: { message: 'HELLO-MCP' } }] },
      { toolCalls: [{ id: 'toolu_sum', name: 'mcp_everything_get-sum', arguments: { a: 19, b: 23 } }] },
      { toolCalls: [{ id: 'toolu_echo2', name: 'mcp_everything_echo', arguments: { message: 'AGAIN' } }] },
      { tokens: ['All done.'] },
    );
    await send(chat, '@backend echo, add, echo again');
    const card = await toolCallWithStatus(chat, 'toolu_echo1', 'awaitingApproval');
    assert.equal(await card.getAttribute('data-tool-kind'), 'mcp');
    assert.equal((await card.locator('.tool-args').innerText()).trim(), 'everything · echo');
    assert.equal((await card.locator('.tool-approval-detail').innerText()).trim(), '{"message":"HELLO-MCP"}');
    await card.getByRole('button', { name: 'Always allow' }).click();
    const sum = await toolCallWithStatus(chat, 'toolu_sum', 'awaitingApproval');
    await sum.getByRole('button', { name: 'Approve' }).click();
    // Remembered: the second echo runs without asking.
    await toolCallWithStatus(chat, 'toolu_echo2', 'done');
    await settledAnswer(chat, first);
    // Each tool round is its own request; the answer can settle on screen before the last one is recorded.
    await requestsReceived(before + 4);
    const last = bodyOf(server().chatRequests().at(-1));
    assert.match(toolResult(last, 'toolu_echo1')?.text ?? '', /Echo: HELLO-MCP/);
    assert.match(toolResult(last, 'toolu_sum')?.text ?? '', /42/);
    assert.match(toolResult(last, 'toolu_echo2')?.text ?? '', /Echo: AGAIN/);
    const offered = (bodyOf(server().chatRequests()[before]).tools ?? []).map((t) => t.name);
    assert.ok(offered.includes('mcp_everything_get-sum'), offered.join(','));
  });

  it("an agent with a tool list is offered only those tools", async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    const first = await answerCount(chat);
    const before = server().chatRequests().length;
    server().enqueue({ tokens: ['qa here'] });
    await send(chat, '@qa hello');
    await settledAnswer(chat, first);
    const offered = (bodyOf(server().chatRequests()[before]).tools ?? []).map((t) => t.name).sort();
    assert.deepEqual(offered, ['mcp_everything_echo', 'read_file']);
  });

  it("VS Code's MCP: the servers list names each server once (user mcp.json included); Start runs a stopped one; its echo reaches the model", async () => {
    const { page } = wb();
    const rows = await mcpServerRows(page, (shown) => shown.some((r) => /userside/.test(r)));
    // "everything" is in agentChat.mcp.servers and in the user's mcp.json: one row, ours.
    const everything = rows.filter((r) => r.trim().startsWith('everything'));
    assert.equal(everything.length, 1, rows.join(' | '));
    assert.match(everything[0]!, /agentChat\.mcp\.servers/);
    assert.match(rows.find((r) => /userside/.test(r)) ?? '', /configured, not started/);
    assert.match(rows.find((r) => /vsceverything/.test(r)) ?? '', /configured, not started/);
    // Start it from our list: VS Code asks whether to trust a server from the workspace, then starts it.
    await pickInQuickInput(page, 'vsceverything');
    await pickInQuickInput(page, 'Start');
    const trust = page.locator('.monaco-dialog-box').getByRole('button', { name: 'Trust', exact: true });
    await trust.click({ timeout: timeouts.ui }).catch(() => undefined);
    await page.keyboard.press('Escape');
    await mcpServerRows(page, (shown) => /\d+ tools/.test(shown.find((r) => /vsceverything/.test(r)) ?? ''), 60);
    await page.keyboard.press('Escape');
    const chat = await openChatWhenReady(page);
    let first = await answerCount(chat);
    let before = server().chatRequests().length;
    server().enqueue({ tokens: ['listing'] });
    await send(chat, '@backend what tools do you have?');
    await settledAnswer(chat, first);
    const offered = (bodyOf(server().chatRequests()[before]).tools ?? []).map((t) => t.name);
    // VS Code names the tools after the server's title ("Everything Reference Server"), not its mcp.json name.
    const echo = offered.find((n) => /^mcp_.*_echo$/.test(n) && n !== 'mcp_everything_echo');
    assert.ok(echo, `VS Code's echo offered: ${offered.join(',')}`);
    // VS Code's copy of the user's "everything" is never offered next to ours.
    assert.deepEqual(offered.filter((n) => n.endsWith('_echo')).sort(), [echo, 'mcp_everything_echo'].sort());
    server().enqueue({ toolCalls: [{ id: 'toolu_vs_echo', name: echo, arguments: { message: 'VIA-VSCODE' } }] }, { tokens: ['ok'] });
    first = await answerCount(chat);
    before = server().chatRequests().length;
    await send(chat, '@backend echo through VS Code');
    const card = await toolCallWithStatus(chat, 'toolu_vs_echo', 'awaitingApproval');
    assert.match(await card.locator('.tool-args').innerText(), /vsceverything · /);
    await card.getByRole('button', { name: 'Approve' }).click();
    await settledAnswer(chat, first);
    await requestsReceived(before + 2);
    assert.match(toolResult(bodyOf(server().chatRequests().at(-1)), 'toolu_vs_echo')?.text ?? '', /Echo: VIA-VSCODE/);
    vscodeTools.echo = echo;
  });

  it("VS Code's MCP: Stop cancels a running call through its cancellation token; a server's error reaches the model", async () => {
    const { page } = wb();
    const echo = vscodeTools.echo;
    assert.ok(echo, 'the previous test started VS Code\'s server');
    const prefix = echo.slice(0, echo.lastIndexOf('echo'));
    const chat = await openChatWhenReady(page);
    // A 300-second operation: only a cancellation that reaches VS Code (and the server) ends it within the wait.
    server().enqueue({ toolCalls: [{ id: 'toolu_vs_long', name: `${prefix}trigger-long-running-operation`, arguments: { duration: 300, steps: 300 } }] });
    let first = await answerCount(chat);
    await send(chat, '@backend take long');
    await toolCallWithStatus(chat, 'toolu_vs_long', 'running');
    await runCommand(page, 'Agent Chat: Stop');
    const stopped = await toolCallWithStatus(chat, 'toolu_vs_long', 'error', timeouts.quickPick);
    assert.match((await stopped.textContent()) ?? '', /cancelled/);
    await settledAnswer(chat, first, 'interrupted');
    // VS Code 1.139 relays a server's error result without its error flag. The SDK's protocol errors (here: invalid
    // arguments) carry a mark in their text and reach the model as errors; a tool's own error text (an unknown
    // resource id) has none and reaches it as a plain result with the server's explanation.
    server().enqueue(
      { toolCalls: [{ id: 'toolu_vs_args', name: `${prefix}get-sum`, arguments: { a: 'x', b: 2 } }] },
      { toolCalls: [{ id: 'toolu_vs_bad', name: `${prefix}get-resource-reference`, arguments: { resourceType: 'Text', resourceId: -5 } }] },
      { tokens: ['noted'] },
    );
    first = await answerCount(chat);
    const beforeBad = server().chatRequests().length;
    await send(chat, '@backend bad arguments, then a bad reference');
    const failed = await toolCallWithStatus(chat, 'toolu_vs_args', 'error');
    assert.match((await failed.textContent()) ?? '', /Invalid arguments for tool get-sum/);
    await toolCallWithStatus(chat, 'toolu_vs_bad', 'done');
    await settledAnswer(chat, first);
    await requestsReceived(beforeBad + 3);
    const last = bodyOf(server().chatRequests().at(-1));
    const args = toolResult(last, 'toolu_vs_args');
    assert.ok(args?.isError, JSON.stringify(args));
    assert.match(args.text, /MCP error -32602: Input validation error/);
    const sent = toolResult(last, 'toolu_vs_bad');
    assert.match(sent?.text ?? '', /Invalid resourceId: -5/, JSON.stringify(sent));
  });

  it("VS Code's MCP: a server killed during a call gives a clear error, and the next call works", async () => {
    const { page } = wb();
    const echo = vscodeTools.echo;
    assert.ok(echo, "an earlier test started VS Code's server");
    const prefix = echo.slice(0, echo.lastIndexOf('echo'));
    const chat = await openChatWhenReady(page);
    server().enqueue({ toolCalls: [{ id: 'toolu_vs_killed', name: `${prefix}trigger-long-running-operation`, arguments: { duration: 300, steps: 300 } }] }, { tokens: ['it broke'] });
    let first = await answerCount(chat);
    let before = server().chatRequests().length;
    await send(chat, '@backend take long, once more');
    await toolCallWithStatus(chat, 'toolu_vs_killed', 'running');
    const running = workspaceServerPids(wb().server.pid);
    assert.equal(running.length, 1, `VS Code's copy of the server: ${running.join(',')}`);
    process.kill(running[0]!, 'SIGKILL');
    // Only the crash can end a 300-second call within the wait; the user and the model are told what happened.
    const failed = await toolCallWithStatus(chat, 'toolu_vs_killed', 'error', timeouts.quickPick);
    assert.match((await failed.textContent()) ?? '', /the server stopped or restarted during the call/);
    await settledAnswer(chat, first);
    await requestsReceived(before + 2);
    const crashed = toolResult(bodyOf(server().chatRequests().at(-1)), 'toolu_vs_killed');
    assert.ok(crashed?.isError, JSON.stringify(crashed));
    assert.match(crashed.text, /VS Code ended the call without a result; the server stopped or restarted during the call\. The next call starts it again/);
    // The next call: VS Code starts the server again (a new process) and the call succeeds.
    server().enqueue({ toolCalls: [{ id: 'toolu_vs_after', name: echo, arguments: { message: 'BACK-AGAIN' } }] }, { tokens: ['ok'] });
    first = await answerCount(chat);
    before = server().chatRequests().length;
    await send(chat, '@backend echo after the crash');
    const card = await toolCallWithStatus(chat, 'toolu_vs_after', 'awaitingApproval');
    await card.getByRole('button', { name: 'Approve' }).click();
    await settledAnswer(chat, first);
    await requestsReceived(before + 2);
    assert.match(toolResult(bodyOf(server().chatRequests().at(-1)), 'toolu_vs_after')?.text ?? '', /Echo: BACK-AGAIN/);
    const restarted = workspaceServerPids(wb().server.pid);
    assert.equal(restarted.length, 1, restarted.join(','));
    assert.notEqual(restarted[0], running[0]);
  });
});

/** VS Code's copy of the workspace's server: processes below the VS Code server started with the marking argument. */
function workspaceServerPids(vscodeServerPid: number): number[] {
  return descendants(vscodeServerPid)
    .filter((p) => p.cmdline.includes(workspaceServerMark))
    .map((p) => p.pid);
}

/** The rows of *Agent Chat: MCP Servers* as text, reopened until `ready` holds (files are read after activation). */
async function mcpServerRows(page: Page, ready: (rows: string[]) => boolean, attempts = 10): Promise<string[]> {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  let shown: string[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    await runCommand(page, 'Agent Chat: MCP Servers');
    await rows.first().waitFor({ timeout: timeouts.ui });
    shown = await rows.allInnerTexts();
    if (ready(shown)) return shown;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1000);
  }
  throw new Error(`the MCP Servers list never showed what was expected: ${shown.join(' | ')}`);
}

/** Filters the open quick input by `text` and picks the first row whose label contains it. */
async function pickInQuickInput(page: Page, text: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input.input, .quick-input-box input').first().fill(text);
  await widget.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: text }) }).first().click();
}
