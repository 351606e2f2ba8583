// The chat in the real workbench against fake provider servers: streaming, Stop, errors, retries,
// commands, the context menu, hostile answers, and a view hidden mid-stream.
import * as assert from 'node:assert/strict';
import { startFakeServer, type FakeServer } from '../fakes/server';
import { answerCount, answers, chatFrame, composer, messages, openChat, send, settledAnswer, watchGrowth } from './chat-page';
import { contextMenu, editorToken, openView, runCommand, selectTextInEditor, useWorkbench } from './harness';

describe('chat in the workbench', () => {
  const fake: { server?: FakeServer } = {};
  const settings: Record<string, unknown> = { 'agentChat.provider': 'anthropic', 'agentChat.maxRetries': 2 };
  before(async () => {
    fake.server = await startFakeServer('anthropic');
    settings['agentChat.anthropic.baseUrl'] = fake.server.url;
  });
  after(() => fake.server?.close());
  const apiKey = 'sk-ant-e2e-secret';
  const wb = useWorkbench({ name: 'chat', settings, env: { ANTHROPIC_API_KEY: apiKey } });
  const server = () => fake.server!;

  it('streams an answer token by token into the sidebar and ends complete with exactly the server text', async () => {
    const { page } = wb();
    const chat = await openChat(page);
    const before = await answerCount(chat);
    const tokens = Array.from({ length: 100 }, (_, i) => `word${i} `);
    server().enqueue({ tokens, tokenDelayMs: 40 });
    await send(chat, 'Tell me a hundred words');
    const done = answers(chat).nth(before).and(chat.locator('[data-status="complete"]'));
    const lengths = await watchGrowth(chat, async () => (await done.count()) > 0);
    // Sampled over ~4 s: several distinct lengths prove the DOM grew while the server streamed.
    assert.ok(lengths.filter((l) => l > 0).length >= 3, `the answer grew in steps, not at once: ${JSON.stringify(lengths)}`);
    const { answer, text } = await settledAnswer(chat, before);
    assert.equal(text, tokens.join('').trim());
    assert.equal(await answer.getAttribute('data-author'), 'orchestrator');
  });

  it('Stop closes the connection and keeps the partial text, marked interrupted', async () => {
    const { page } = wb();
    const chat = await chatFrame(page);
    const before = await answerCount(chat);
    server().enqueue({ tokens: Array.from({ length: 400 }, (_, i) => `t${i} `), tokenDelayMs: 20 });
    await send(chat, 'A very long answer please');
    await answers(chat).nth(before).locator('.content').filter({ hasText: 't5 ' }).waitFor();
    await chat.getByRole('button', { name: 'Stop' }).click();
    const { text } = await settledAnswer(chat, before, 'interrupted');
    assert.match(text, /^t0 t1 t2 t3 t4 t5/);
    assert.ok(!text.includes('t399'));
    await server().waitForClientClose(server().chatRequests().at(-1)!, 5000);
  });

  const errorCases: [string, number, RegExp][] = [
    ['bad key', 401, /did not accept the API key/],
    ['overloaded', 529, /overloaded/],
    ['unknown model', 404, /has no model/],
  ];
  for (const [label, status, message] of errorCases) {
    // The server's error body repeats the key, as some gateways do: it must still never reach the page.
    it(`shows the "${label}" error inline with what to do and the action that fits`, async () => {
      const { page } = wb();
      const chat = await chatFrame(page);
      const before = await answerCount(chat);
      // One failure per attempt: server errors are retried (maxRetries 2), key and model errors are not.
      const attempts = status >= 500 ? 3 : 1;
      const fault = { kind: 'status' as const, status, message: `${label}: request with key ${apiKey} refused` };
      server().enqueue(...Array.from({ length: attempts }, () => ({ fault })));
      await send(chat, `Trigger ${label}`);
      const { answer } = await settledAnswer(chat, before, 'error');
      assert.match(await answer.locator('.error-message').innerText(), message);
      assert.ok(!(await chat.locator('body').innerText()).includes(apiKey), 'the key the server echoed is not shown');
      assert.ok((await answer.locator('.error-hint').innerText()).length > 5);
      // A bad key is not fixed by sending again: the card offers what does fix it instead.
      assert.equal(await answer.getByRole('button', { name: 'Retry' }).count(), status === 401 ? 0 : 1);
      if (status === 401) assert.deepEqual(await answer.locator('.error').getByRole('button').allInnerTexts(), ['Set API Key', 'Switch Provider']);
    });
  }

  it('a rate limit shows the countdown, then the answer', async () => {
    const { page } = wb();
    const chat = await chatFrame(page);
    const before = await answerCount(chat);
    server().enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 3 } }, { tokens: ['Worth ', 'the ', 'wait.'] });
    await send(chat, 'Rate limit me');
    await answers(chat).nth(before).locator('.retry-notice', { hasText: /Retrying in \d s/ }).waitFor();
    assert.equal((await settledAnswer(chat, before)).text, 'Worth the wait.');
  });

  it('renders a hostile answer as inert text', async () => {
    const { page } = wb();
    const chat = await chatFrame(page);
    const before = await answerCount(chat);
    const hostile = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> [click](javascript:window.__pwned=3) ' + 'x'.repeat(20_000);
    server().enqueue({ tokens: [hostile] });
    await send(chat, 'Be evil');
    const { answer, text } = await settledAnswer(chat, before);
    assert.match(text, /<script>window.__pwned=1<\/script>/);
    const content = answer.locator('.content');
    assert.equal(await content.locator('script, img, iframe, [onerror]').count(), 0);
    assert.equal(await content.locator('a[href^="javascript:"]').count(), 0);
    // The page's own global: a script that ran would have set it.
    assert.equal(await content.evaluate(() => (globalThis as { __pwned?: number }).__pwned ?? 0), 0);
  });

  it('"Ask @backend" from the palette answers as @backend', async () => {
    const { page } = wb();
    const before = await answerCount(await chatFrame(page));
    server().enqueue({ tokens: ['Backend ', 'reporting.'] });
    await runCommand(page, 'Agent Chat: Ask @backend');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('Who is there?');
    await input.press('Enter');
    const { answer, text } = await settledAnswer(await chatFrame(page), before);
    assert.equal(text, 'Backend reporting.');
    assert.equal(await answer.getAttribute('data-author'), 'backend');
  });

  it('"Explain Selection" from the editor context menu sends the selection', async () => {
    const { page } = wb();
    const before = await answerCount(await chatFrame(page));
    server().enqueue({ tokens: ['It builds a greeting.'] });
    await selectTextInEditor(page, { file: 'app.ts', text: 'export function greet' });
    await contextMenu(page, editorToken(page, 'greet').first(), 'Explain Selection');
    assert.equal((await settledAnswer(await chatFrame(page), before)).text, 'It builds a greeting.');
    const body = JSON.stringify(server().chatRequests().at(-1)?.body);
    assert.ok(body.includes('src/app.ts') && body.includes('export function greet'), 'the selection and its file went to the model');
  });

  it('keeps every token when the view is hidden and shown again mid-stream', async () => {
    const { page } = wb();
    const chat = await openChat(page);
    const before = await answerCount(chat);
    const tokens = Array.from({ length: 120 }, (_, i) => `h${i} `);
    server().enqueue({ tokens, tokenDelayMs: 20 });
    await send(chat, 'Stream while I look away');
    await answers(chat).nth(before).locator('.content').filter({ hasText: 'h3 ' }).waitFor();
    await openView(page, 'Explorer');
    await page.waitForTimeout(500);
    const again = await openChat(page);
    assert.equal((await settledAnswer(again, before)).text, tokens.join('').trim());
  });

  it('works from the keyboard alone: focus key, @ completion, Shift+Enter, Enter, Esc, Tab order', async () => {
    const { page } = wb();
    await openView(page, 'Explorer');
    await page.locator('.sidebar .explorer-folders-view').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Control+Alt+A'); // "Focus Chat"
    const chat = await chatFrame(page);
    const focused = chat.locator(':focus');
    await chat.locator('textarea[aria-label="Message"]:focus').waitFor();
    const before = await answerCount(chat);

    await page.keyboard.type('@ba');
    await chat.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: /@backend/ }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    assert.equal(await composer(chat).inputValue(), '@backend first line\nsecond line');

    server().enqueue({ tokens: Array.from({ length: 400 }, (_, i) => `k${i} `), tokenDelayMs: 20 });
    await page.keyboard.press('Enter');
    await answers(chat).nth(before).locator('.content').filter({ hasText: 'k3 ' }).waitFor();
    assert.equal(await composer(chat).inputValue(), '', 'Enter sent the message');
    await page.keyboard.press('Escape');
    const { answer } = await settledAnswer(chat, before, 'interrupted');
    assert.equal(await answer.getAttribute('data-author'), 'backend');
    assert.match(JSON.stringify(server().chatRequests().at(-1)?.body), /first line\\nsecond line/);

    // From the message box, Tab reaches the agent picker and then Send.
    await page.keyboard.press('Tab');
    assert.equal(await focused.getAttribute('aria-label'), 'Agent');
    await page.keyboard.press('Tab');
    assert.match((await focused.getAttribute('aria-label')) ?? '', /^Model: .*Change the model$/);
    // Then the conversation's token total and the context meter (each focusable for its breakdown), then Send.
    const stops: (string | null)[] = [];
    for (let i = 0; i < 3 && (await focused.getAttribute('aria-label')) !== 'Send'; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused.getAttribute('aria-label'));
    }
    assert.equal(await focused.getAttribute('aria-label'), 'Send', `Tab stops after the model: ${JSON.stringify(stops)}`);
  });

  it('has no errors or CSP violations in the chat webview, and never shows the API key', async () => {
    const { page, browserConsole } = wb();
    const chat = await chatFrame(page);
    assert.ok((await messages(chat).count()) > 0);
    // Messages are told apart by where they come from (the webview's frames and resources), not by their wording.
    const fromWebview = (url: string) => /\/webview\/browser\/pre\/|vscode-webview:|vscode-resource|\/dist\/webview\.js/.test(url);
    const frames = page.frames().map((f) => f.url());
    assert.ok(frames.some(fromWebview), `the chat's webview frames are recognised: ${JSON.stringify(frames)}`);
    const csp = /Content Security Policy|Content-Security-Policy/i;
    // VS Code's own host frame (pre/index.html) runs none of our code; an exception its script throws (for example
    // its service worker not yet controlling the frame while a resource arrives) is VS Code's, so it is printed,
    // not counted. Everything from our document and scripts, and every CSP report from any webview frame, counts.
    const inHostFrameScript = (m: { type: string; url: string }) => m.type === 'pageerror' && /\/webview\/browser\/pre\/index\.html/.test(m.url);
    const hostFrame = browserConsole.filter((m) => fromWebview(m.url) && inHostFrameScript(m) && !csp.test(m.text));
    for (const m of hostFrame) console.log(`      VS Code's webview host frame threw (not ours): ${m.text}`);
    const problems = browserConsole.filter(
      (m) => fromWebview(m.url) && !hostFrame.includes(m) && (m.type === 'error' || m.type === 'pageerror' || csp.test(m.text)),
    );
    assert.deepEqual(problems, []);
    assert.ok(!(await chat.locator('body').innerText()).includes(apiKey));
  });
});
