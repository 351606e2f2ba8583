// One open bench window (workbench page, chat webview, fake server, helper extension) and what every phase
// does with it: ask a question and wait for the answer, start a new chat, switch conversations, read clocks.
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { chatFrame, send } from '../../test/e2e/chat-page';
import type { Workbench } from '../../test/e2e/harness';
import type { RecordedRequest, Reply } from '../../test/fakes/script';
import type { FakeServer } from '../../test/fakes/server';
import { cpuMs, type Helper } from './exthost';
import { clockOffset, installProbe, openProbeInit, type ClockOffset } from './probes';

export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Rec = RecordedRequest & { finishedAt?: number };

/** Records when the fake server finished writing each response (the server keeps only a flag). */
export function recordFinishTimes(server: FakeServer): void {
  const push = server.requests.push.bind(server.requests);
  server.requests.push = (...recs: RecordedRequest[]) => {
    for (const r of recs) {
      let finished = r.finished;
      Object.defineProperty(r, 'finished', {
        enumerable: true,
        configurable: true,
        get: () => finished,
        set: (v: boolean) => {
          finished = v;
          if (v) (r as Rec).finishedAt ??= now();
        },
      });
    }
    return push(...recs);
  };
}

export interface Asked {
  id: string;
  rec: Rec;
  text: string;
}

/** One open window and the things the phases share. */
export class Session {
  chat!: FrameLocator;
  frame!: Frame;
  offset!: ClockOffset;
  history!: string;
  pid!: number;
  /** Extension host clock − ours. */
  hostOffset = 0;
  hostOffsetUncertainty = 0;
  readonly notes: string[] = [];
  private openProbeArmed = false;

  constructor(
    readonly wb: Workbench,
    readonly fake: FakeServer,
    readonly helper: Helper,
  ) {}

  get page(): Page {
    return this.wb.page;
  }

  /** Finds the chat webview again (after it reloaded), installs the probe, measures its clock. */
  async attach(): Promise<void> {
    this.chat = await chatFrame(this.page);
    const handle = await this.chat.owner().elementHandle();
    const frame = await handle?.contentFrame();
    if (!frame) throw new Error('bench: the chat webview has no frame');
    this.frame = frame;
    await installProbe(frame);
    await this.calibrate();
  }

  async calibrate(): Promise<ClockOffset> {
    this.offset = await clockOffset(this.frame);
    return this.offset;
  }

  /** Page-clock time → this process's clock. */
  toLocal(pageTime: number): number {
    return pageTime - this.offset.offset;
  }

  /**
   * Sends `prompt` and waits until the answer has settled. `requests` is how many model requests the answer
   * makes (a turn with tool calls makes one per round): between rounds the last message is briefly not
   * streaming, so the wait also needs every request made; its id and status are read together.
   * `quietMs`: once the request reaches the server, the page is left alone this long before it is first read.
   * Each read is a Playwright evaluation on the renderer thread the workbench and the chat share (the frame
   * locators run script in each frame on the way); read every 10 ms from the send on, they landed in the
   * first token's way, which VS Code's floor (measured without them) never has.
   */
  async ask(reply: Reply, prompt: string, status = 'complete', requests = 1, quietMs = 0): Promise<Asked> {
    // By id, not by position: in a long conversation the page holds only the messages near the viewport.
    const last = this.chat.locator('[role="log"] article.assistant').last();
    const state = async (): Promise<{ id: string | null; status: string | null }> =>
      last
        .evaluate((el: { getAttribute(name: string): string | null }) => ({ id: el.getAttribute('data-message-id'), status: el.getAttribute('data-status') }), undefined, { timeout: 1000 })
        .catch(() => ({ id: null, status: null }));
    const before = (await last.count()) ? (await state()).id : null;
    const n0 = this.fake.chatRequests().length;
    this.fake.enqueue(reply);
    await send(this.chat, prompt);
    const deadline = Date.now() + 60_000;
    if (quietMs) {
      while (this.fake.chatRequests().length <= n0 && Date.now() < deadline) await sleep(2);
      await sleep(quietMs);
    }
    let now = await state();
    while (now.id === before || now.status === 'streaming' || this.fake.chatRequests().length < n0 + requests) {
      if (Date.now() > deadline) throw new Error('bench: the answer did not settle within 60 s');
      // Not more often: each read runs on the renderer thread whose frames the phases measure (paced stream,
      // phase alone: frame-cost median 5.2 ms read every 10 ms, 3.6–3.75 every 50).
      await sleep(50);
      now = await state();
    }
    const { id, status: actual } = now;
    if (actual !== status) throw new Error(`bench: the answer ended "${actual}", expected "${status}"`);
    const text = (await this.chat.locator(`[role="log"] article[data-message-id="${id}"] .content`).innerText()).trim();
    const rec = this.fake.chatRequests()[n0] as Rec | undefined;
    if (!id || !rec) throw new Error('bench: answer or request missing');
    return { id, rec, text };
  }

  /** Adds the open probe to every new document from now on (the open phases; see probes.ts). */
  async armOpenProbe(): Promise<void> {
    if (this.openProbeArmed) return;
    await this.page.addInitScript(openProbeInit);
    this.openProbeArmed = true;
  }

  async newChat(): Promise<void> {
    await this.page.locator('.part.sidebar').getByRole('button', { name: 'New Chat', exact: true }).click();
    await this.chat.locator('[role="log"] > article').first().waitFor({ state: 'detached', timeout: 30_000 });
  }

  /**
   * Opens a seeded conversation (message ids m0…m<count-1>) from the webview's list and waits until its last
   * message shows (the transcript keeps only the messages near the viewport on the page).
   */
  async switchTo(conversationId: string, count: number): Promise<void> {
    const nav = this.chat.locator('nav.conversations');
    if (await nav.isHidden()) await this.page.locator('.part.sidebar').getByRole('button', { name: 'Show Conversations', exact: true }).click();
    await this.chat.locator(`nav.conversations li[data-conversation-id="${conversationId}"] .conversation-open`).click();
    await this.chat.locator(`[role="log"] > article[data-message-id="m${count - 1}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  }

  explorerVisible(): Promise<boolean> {
    return this.page.locator('.sidebar .explorer-folders-view').first().isVisible();
  }

  async activity(label: 'Explorer' | 'Agent Chat'): Promise<void> {
    const selector = label === 'Explorer' ? '.activitybar [aria-label^="Explorer"]' : '.activitybar [aria-label="Agent Chat"]';
    await this.page.locator(selector).first().click();
  }

  async exthostCpu(): Promise<number> {
    return cpuMs(this.pid);
  }

  /** Starts the helper's recording of webview posts and measures the extension host's clock (again after a reload). */
  async watchHost(): Promise<void> {
    await this.helper.recordPosts();
    const c = await this.helper.clockOffset();
    this.hostOffset = c.offset;
    this.hostOffsetUncertainty = c.uncertainty;
  }
}
