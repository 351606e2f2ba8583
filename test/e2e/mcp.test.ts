// MCP in the real workbench, with the real server-everything: run by our own client (agentChat.mcp.servers)
// and by VS Code itself (.vscode/mcp.json of the test workspace, started from our MCP Servers list). An agent
// calls echo and get-sum, the approval card shows server, tool and arguments, Always allow is remembered,
// results reach the model (the fake Anthropic server's recorded request), an agent with a tool list is offered
// nothing else, a server in both places (the user's mcp.json) is listed once, and VS Code's calls stop on Stop
// and fail as tool errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { bodyOf, drainReplies, toolResult } from './anthropic-requests';
import { answerCount, openChatWhenReady, send, settledAnswer, toolCallWithStatus } from './chat-page';
import type { Page } from 'playwright-core';
import { repoRoot, runCommand, timeouts, useWorkbench } from './harness';
import { copySampleWorkspace } from './temp-workspace';

const everything = path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

describe('MCP servers in the workbench', () => {
  const fake: { server?: FakeServer } = {};
  const settings: Record<string, unknown> = {
    'agentChat.provider': 'anthropic',
    'agentChat.maxRetries': 0,
    'agentChat.mcp.servers': { everything: { type: 'stdio', command: process.execPath, args: [everything, 'stdio'] } },
    'agentChat.agents': [{ name: 'qa', tools: ['read_file', 'mcp:everything/echo'] }],
    'agentChat.mcp.autoApprove': ['vsceverything/trigger-long-running-operation', 'vsceverything/get-resource-reference'],
  };
  const ws = copySampleWorkspace('mcp');
  fs.mkdirSync(ws.file('.vscode'), { recursive: true });
  fs.writeFileSync(ws.file('.vscode/mcp.json'), JSON.stringify({ servers: { vsceverything: { type: 'stdio', command: process.execPath, args: [everything, 'stdio'] } } }));
  before(async () => {
    fake.server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = fake.server.url;
  });
  const wb = useWorkbench({ name: 'mcp', settings, env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret' }, workspace: ws.dir });
  const vscodeTools: { echo?: string } = {};
  before(() => {
    // The user's own mcp.json (in the profile folder of the host the extension runs on): "everything" is also one
    // of ours; "userside" only VS Code's.
    const user = path.join(wb().server.userDataDir, 'User');
    fs.mkdirSync(user, { recursive: true });
    const stdio = { type: 'stdio', command: process.execPath, args: [everything, 'stdio'] };
    fs.writeFileSync(path.join(user, 'mcp.json'), JSON.stringify({ servers: { everything: stdio, userside: stdio } }));
  });
  after(async () => {
    await fake.server?.close();
    ws.remove();
  });
  const server = () => fake.server!;
  /** Waits (bounded) until the fake provider has received `count` requests in all. */
  async function requestsReceived(count: number): Promise<void> {
    for (let i = 0; i < 300 && server().chatRequests().length < count; i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(server().chatRequests().length >= count, `${server().chatRequests().length} requests, expected ${count}`);
  }
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await runCommand(wb().page, 'Agent Chat: Stop').catch(() => undefined);
    await drainReplies(server());
  });

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
    // The server throws for an unknown resource id. VS Code 1.139 hands the error text to extensions as a plain
    // result (no error flag), so the model gets the server's explanation rather than a silent failure.
    server().enqueue({ toolCalls: [{ id: 'toolu_vs_bad', name: `${prefix}get-resource-reference`, arguments: { resourceType: 'Text', resourceId: -5 } }] }, { tokens: ['noted'] });
    first = await answerCount(chat);
    const beforeBad = server().chatRequests().length;
    await send(chat, '@backend a bad reference');
    await toolCallWithStatus(chat, 'toolu_vs_bad', 'done');
    await settledAnswer(chat, first);
    await requestsReceived(beforeBad + 2);
    const sent = toolResult(bodyOf(server().chatRequests().at(-1)), 'toolu_vs_bad');
    assert.match(sent?.text ?? '', /Invalid resourceId: -5/, JSON.stringify(sent));
  });
});

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
