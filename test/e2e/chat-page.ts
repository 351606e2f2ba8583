// Helpers for driving the Agent Chat webview inside the real workbench.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { runCommand, timeouts } from './harness';

/**
 * Opens the sidebar chat and returns its frame (found by its message box, among all webviews).
 * Right after the window opens, the extension's commands may not be in the palette yet: retry a while.
 */
export async function openChat(page: Page): Promise<FrameLocator> {
  const deadline = Date.now() + timeouts.workbench;
  for (;;) {
    try {
      await runCommand(page, 'Agent Chat: Focus Chat');
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await page.waitForTimeout(2000);
    }
  }
  return chatFrame(page);
}

export async function chatFrame(page: Page): Promise<FrameLocator> {
  const deadline = Date.now() + timeouts.ui;
  while (Date.now() < deadline) {
    const frames = page.locator('iframe.webview.ready');
    const n = await frames.count();
    for (let i = 0; i < n; i++) {
      const frame = frames.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
      if (await frame.locator('textarea[aria-label="Message"]').count().catch(() => 0)) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the Agent Chat webview did not appear');
}

export function composer(chat: FrameLocator): Locator {
  return chat.locator('textarea[aria-label="Message"]');
}

export async function send(chat: FrameLocator, text: string): Promise<void> {
  // The host ends a turn a moment after its answer settles on the page (it records usage first); until then the
  // composer's button is Stop and Enter keeps the text, so wait for Send as a user would.
  await chat.locator('button.send[aria-label="Send"]').waitFor({ state: 'visible', timeout: timeouts.ui });
  await composer(chat).fill(text);
  await composer(chat).press('Enter');
}

export function messages(chat: FrameLocator): Locator {
  return chat.locator('[role="log"] article[data-message-id]');
}

export function lastAnswer(chat: FrameLocator): Locator {
  return chat.locator('[role="log"] article.assistant').last();
}

export function answers(chat: FrameLocator): Locator {
  return chat.locator('[role="log"] article.assistant');
}

/**
 * Starts a new conversation and waits until the page shows it (no messages): counting answers before that
 * counts the previous conversation's, and the next answer then never reaches that index.
 */
export async function newChat(page: Page, chat: FrameLocator): Promise<void> {
  await runCommand(page, 'Agent Chat: New Chat');
  await messages(chat).first().waitFor({ state: 'detached', timeout: timeouts.ui });
}

/** How many answers the chat shows now; pass it to `settledAnswer` to wait for the next one. */
export function answerCount(chat: FrameLocator): Promise<number> {
  return answers(chat).count();
}

/**
 * Waits for the answer at position `index` (0-based, e.g. the count before sending) to stop streaming,
 * checks it ended in `status`, and returns it with its text as shown.
 */
export async function settledAnswer(chat: FrameLocator, index: number, status = 'complete'): Promise<{ answer: Locator; text: string }> {
  const answer = answers(chat).nth(index);
  await answer.waitFor({ state: 'attached', timeout: timeouts.ui });
  await chat.locator('[role="log"] article.assistant:not([data-status="streaming"])').nth(index).waitFor({ state: 'attached', timeout: timeouts.ui });
  let actual = await answer.getAttribute('data-status');
  if (actual !== status) {
    // A turn's first round reads complete while its tools run; the host saves how the turn ended (interrupted
    // by Stop, say) once the tools return, and only then does the composer offer Send again.
    await chat.locator('button.send[aria-label="Send"]').waitFor({ state: 'visible', timeout: timeouts.ui });
    actual = await answer.getAttribute('data-status');
  }
  if (actual !== status) throw new Error(`answer ${index} ended "${actual}", expected "${status}": ${await answer.innerText()}`);
  return { answer, text: (await answer.locator('.content').innerText()).trim() };
}

/** Samples the growing answer's text length until it settles; returns the distinct lengths seen. */
export async function watchGrowth(chat: FrameLocator, until: () => Promise<boolean>): Promise<number[]> {
  const seen: number[] = [];
  const content = lastAnswer(chat).locator('.content');
  for (let i = 0; i < 600 && !(await until()); i++) {
    const len = ((await content.textContent().catch(() => '')) ?? '').length;
    if (len !== seen.at(-1)) seen.push(len);
  }
  return seen;
}

// ---------------------------------------------------------------------------------------------------------
// Tool calls, approvals and the conversation list (used by tools.test.ts and history.test.ts).

/** A tool call shown in the chat, by the id the model gave it. */
export function toolCall(chat: FrameLocator, id: string): Locator {
  return chat.locator(`.tool-call[data-tool-call-id="${id}"]`);
}

/** Waits until tool call `id` shows `status` (its data-tool-status) and returns it. */
export async function toolCallWithStatus(chat: FrameLocator, id: string, status: string, timeout: number = timeouts.ui): Promise<Locator> {
  const call = chat.locator(`.tool-call[data-tool-call-id="${id}"][data-tool-status="${status}"]`);
  try {
    await call.waitFor({ state: 'attached', timeout });
  } catch {
    const now = await toolCall(chat, id).getAttribute('data-tool-status', { timeout: 1000 }).catch(() => 'not shown');
    throw new Error(`tool call ${id} did not reach "${status}" (it is ${now})`);
  }
  return call;
}

/** The chat's title (the open conversation's; the page's heading for screen readers, also the view's description). */
export function chatTitle(chat: FrameLocator): Locator {
  return chat.locator('h1.title');
}

/** A button in the Agent Chat view's title bar (History, New Chat), as VS Code shows the view's `view/title` menu. */
export function viewTitleAction(page: Page, name: string): Locator {
  return page.locator('.part.sidebar').getByRole('button', { name, exact: true });
}

/** The rows of the conversation list (open it first with `showConversations`). */
export function conversationItems(chat: FrameLocator): Locator {
  return chat.locator('nav.conversations li.conversation[data-conversation-id]');
}

/** Opens the conversation list (the view's History button in its title bar) unless it is open; waits for its rows. */
export async function showConversations(page: Page, chat: FrameLocator): Promise<Locator> {
  const nav = chat.locator('nav.conversations');
  if (await nav.isHidden()) await viewTitleAction(page, 'Show Conversations').click();
  await conversationItems(chat).first().waitFor({ state: 'visible', timeout: timeouts.ui });
  return conversationItems(chat);
}

/** The row of the conversation whose title contains `title`. */
export function conversationRow(chat: FrameLocator, title: string | RegExp): Locator {
  return conversationItems(chat).filter({ has: chat.locator('.conversation-title', { hasText: title }) });
}

/**
 * Like `openChat`, but quicker right after the window (re)loads: a command palette opened before the workbench
 * knows the extension lacks its commands, and `openChat` only retries after the palette's whole bound (a
 * minute). This reopens the palette every few seconds instead. (The activity bar is no signal: after a reload it
 * shows the Agent Chat entry from its cache before the extension is known.)
 */
export async function openChatWhenReady(page: Page, attemptMs = 8000): Promise<FrameLocator> {
  const title = 'Agent Chat: Focus Chat';
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input.input, .quick-input-box input').first();
  const row = widget
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${title}\\s*$`) }) })
    .first();
  const deadline = Date.now() + timeouts.workbench;
  for (;;) {
    await page.keyboard.press('F1');
    try {
      // Right after a reload the restored chat view can take focus and close the palette: try again then.
      await input.waitFor({ state: 'visible', timeout: attemptMs });
      await input.fill(`>${title}`, { timeout: attemptMs });
      await row.waitFor({ state: 'visible', timeout: attemptMs });
      await row.click();
      break;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`"${title}" never showed up in the command palette: ${String(err)}`);
      await page.waitForTimeout(1000);
    }
  }
  return chatFrame(page);
}
