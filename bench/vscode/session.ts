// One open bench window (workbench page, chat webview, fake server, helper extension) and what every phase
// does with it: ask a question and wait for the answer, start a new chat, switch conversations, read clocks.
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { answerCount, chatFrame, send, settledAnswer } from '../../test/e2e/chat-page';
import type { Workbench } from '../../test/e2e/harness';
import type { RecordedRequest, Reply } from '../../test/fakes/script';
import type { FakeServer } from '../../test/fakes/server';
import { cpuMs, type Helper } from './exthost';
import { clockOffset, installProbe, type ClockOffset } from './probes';

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

  async ask(reply: Reply, prompt: string, status = 'complete'): Promise<Asked> {
    const before = await answerCount(this.chat);
    const n0 = this.fake.chatRequests().length;
    this.fake.enqueue(reply);
    await send(this.chat, prompt);
    const { answer, text } = await settledAnswer(this.chat, before, status);
    const id = await answer.getAttribute('data-message-id');
    const rec = this.fake.chatRequests()[n0] as Rec | undefined;
    if (!id || !rec) throw new Error('bench: answer or request missing');
    return { id, rec, text };
  }

  async newChat(): Promise<void> {
    await this.page.locator('.part.sidebar').getByRole('button', { name: 'New Chat', exact: true }).click();
    await this.chat.locator('[role="log"] > article').first().waitFor({ state: 'detached', timeout: 30_000 });
  }

  /**
   * Opens a seeded conversation (message ids m0…m<count-1>) from the webview's list and waits until its last
   * page shows: the page's first message is m<count-50> (or m0).
   */
  async switchTo(conversationId: string, count: number): Promise<void> {
    const nav = this.chat.locator('nav.conversations');
    if (await nav.isHidden()) await this.page.locator('.part.sidebar').getByRole('button', { name: 'Show Conversations', exact: true }).click();
    await this.chat.locator(`nav.conversations li[data-conversation-id="${conversationId}"] .conversation-open`).click();
    const first = `m${Math.max(0, count - 50)}`;
    await this.chat.locator(`[role="log"] > article:first-child[data-message-id="${first}"]`).waitFor({ state: 'attached', timeout: 30_000 });
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
