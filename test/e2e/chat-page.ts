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
  const actual = await answer.getAttribute('data-status');
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
