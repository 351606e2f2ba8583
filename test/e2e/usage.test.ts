// Usage in the real workbench (fake Anthropic server): an answer shows the tokens the server reported,
// summed over its tool rounds; the conversation's total survives a reload; a long conversation compacts,
// shows the marker, and the next request is under the threshold and carries the summary.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { answerCount, answers, chatTitle, newChat, openChatWhenReady, send, settledAnswer } from './chat-page';
import { reloadWindow, timeouts, useWorkbench } from './harness';
import { copySampleWorkspace } from './temp-workspace';

const window = 8000;
const threshold = 0.8;

/**
 * The context meter's reading: the next request's estimated tokens and the compaction limit.
 * The reading comes in a moment after the answer settles (the turn is recorded first), so with `above`
 * it waits for a reading over that one: the conversation only grows until it compacts.
 */
async function meter(chat: FrameLocator, above = -1): Promise<{ tokens: number; limit: number }> {
  const m = chat.locator('.context-meter');
  await m.waitFor({ state: 'visible', timeout: timeouts.ui });
  const deadline = Date.now() + timeouts.ui;
  let tokens = Number(await m.getAttribute('aria-valuenow'));
  while (!(tokens > above)) {
    if (Date.now() > deadline) throw new Error(`the context meter stayed at ${tokens} tokens after the answer (expected more than ${above})`);
    await new Promise((r) => setTimeout(r, 50));
    tokens = Number(await m.getAttribute('aria-valuenow'));
  }
  const limit = Number(/compacts above ([\d,]+)/.exec((await m.getAttribute('title')) ?? '')?.[1]?.replace(/,/g, ''));
  return { tokens, limit };
}

describe('usage and compaction in the workbench', () => {
  const fake: { server?: FakeServer } = {};
  const settings: Record<string, unknown> = {
    'agentChat.provider': 'anthropic',
    'agentChat.maxRetries': 0,
    'agentChat.maxTokens': 500,
    'agentChat.models': { 'claude-sonnet-4-6': { contextWindow: window } },
    'agentChat.compaction.threshold': threshold,
  };
  const ws = copySampleWorkspace('usage');
  before(async () => {
    fake.server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = fake.server.url;
  });
  const wb = useWorkbench({ name: 'usage', settings, env: { ANTHROPIC_API_KEY: 'sk-ant-e2e-secret' }, workspace: ws.dir });
  after(async () => {
    await fake.server?.close();
    ws.remove();
  });
  const server = () => fake.server!;

  it('an answer shows the tokens the server reported over its rounds, and the total survives a reload', async () => {
    const { page } = wb();
    let chat = await openChatWhenReady(page);
    await newChat(page, chat);
    const before = await answerCount(chat);
    server().enqueue(
      { toolCalls: [{ id: 'toolu_usage_read', name: 'read_file', arguments: { path: 'src/app.ts' } }], usage: { inputTokens: 300, outputTokens: 20 } },
      { tokens: ['app.ts starts the server.'], usage: { inputTokens: 400, outputTokens: 30, cacheReadTokens: 250, cacheWriteTokens: 5 } },
    );
    await send(chat, '@backend what does src/app.ts do?');
    const { answer } = await settledAnswer(chat, before + 1);
    await answer.locator('.usage-line').waitFor({ state: 'visible', timeout: timeouts.ui });
    assert.equal(await answer.getAttribute('data-input-tokens'), String(300 + 400 + 250 + 5));
    assert.equal(await answer.getAttribute('data-output-tokens'), String(20 + 30));
    const line = answer.locator('.usage-line');
    assert.match(await line.innerText(), /955 in · 50 out · \$/);
    assert.match((await line.getAttribute('title')) ?? '', /250 read from cache · 5 written to cache/);
    // The conversation's total comes in a moment after the answer settles (the turn is recorded first).
    await chat.locator('.usage-total:not([hidden])[data-input-tokens="955"]').waitFor({ state: 'attached', timeout: timeouts.ui });
    const answerId = await answer.getAttribute('data-message-id');

    await reloadWindow(page);
    chat = await openChatWhenReady(page);
    const again = chat.locator(`[role="log"] article[data-message-id="${answerId}"]`);
    await again.waitFor({ state: 'attached', timeout: timeouts.ui });
    assert.equal(await again.getAttribute('data-input-tokens'), '955');
    assert.equal(await again.getAttribute('data-output-tokens'), '50');
    assert.equal(await chat.locator('.usage-total').getAttribute('data-input-tokens'), '955');
    assert.equal(await chat.locator('.usage-total').getAttribute('data-output-tokens'), '50');
  });

  it('a long conversation compacts: marker shown, and the next request is under the threshold with the summary', async () => {
    const { page } = wb();
    const chat = await openChatWhenReady(page);
    await newChat(page, chat);
    await chatTitle(chat).waitFor();
    const long = (i: number) => ({ tokens: [`Answer ${i}: `, `${'lorem ipsum dolor sit amet '.repeat(220)}`] });
    let compactedAt = -1;
    let lastReading = -1;
    for (let i = 1; i <= 12 && compactedAt < 0; i++) {
      const before = await answerCount(chat);
      // The meter says whether this question will not fit: then the summary call comes first.
      const reading = i === 1 ? { tokens: 0, limit: Infinity } : await meter(chat, lastReading);
      lastReading = reading.tokens;
      const compacts = reading.tokens + 50 > reading.limit;
      if (compacts) server().enqueue({ tokens: ['SUMMARY-E2E: the user asked eleven questions about lorem ipsum.'] });
      server().enqueue(long(i));
      const sentBefore = server().chatRequests().length;
      await send(chat, `@backend question ${i}`);
      // The marker is its own row, not an answer: the new answer is still the next one.
      await settledAnswer(chat, before);
      if (compacts) {
        compactedAt = sentBefore;
        assert.ok(i > 2, 'it took a few long answers to fill the window');
      }
    }
    assert.ok(compactedAt >= 0, 'the conversation compacted');
    await chat.locator('[data-compaction="true"]').waitFor({ state: 'visible', timeout: timeouts.ui });
    assert.match(await chat.locator('.compaction-note').innerText(), /from here on the model reads a summary/);
    const [summaryCall, next] = server().chatRequests().slice(compactedAt).map((r) => JSON.stringify(r.body));
    assert.match(summaryCall!, /You condense a conversation/);
    assert.match(next!, /SUMMARY-E2E/);
    assert.ok(!next!.includes('Answer 1:'), 'the summarized answers are not sent again');
    assert.ok(next!.length / 4 < window * threshold, `the next request (~${Math.round(next!.length / 4)} tokens) is under the threshold`);
    assert.ok((await answers(chat).count()) > 3, 'the user still sees every answer');
  });
});
