// longSession: a 10,000-message conversation scrolled back to its first message, and one answer that makes
// 200 tool calls: frames while scrolling and streaming, and what the page holds afterwards (elements in the
// chat's document, messages on the page, the JavaScript heap after a forced GC, workbench and chat alike,
// as they share a renderer here).
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { median, p95 } from '../../stats';
import { summarizeAllocations, type SamplingProfile } from '../allocations';
import { Figures } from '../figures';
import { words, type Counts } from '../plan';
import { startRecording, stopRecording } from '../probes';
import { seedConversation } from '../seed';
import { sleep, type Session } from '../session';
import { traced } from '../trace';

interface PageState {
  elements: number;
  messages: number;
  heapMiB: number;
}

async function pageState(s: Session, cdp: CDPSession): Promise<PageState> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const counts = (await s.frame.evaluate(`({ elements: document.getElementsByTagName('*').length, messages: document.querySelectorAll('[role="log"] article').length })`)) as { elements: number; messages: number };
  return { ...counts, heapMiB: usedSize / 2 ** 20 };
}

/** Where the chat page's elements are: its regions two levels down, the largest first. */
async function elementsByRegion(s: Session): Promise<string> {
  return (await s.frame.evaluate(`(() => {
    const name = (e) => e.tagName.toLowerCase() + (e.getAttribute('role') ? '[' + e.getAttribute('role') + ']' : '') + (e.classList[0] ? '.' + e.classList[0] : '');
    const rows = [];
    for (const a of document.body.children) for (const b of a.children) for (const c of b.children) rows.push([name(b) + ' > ' + name(c) + (c.hidden || getComputedStyle(c).display === 'none' ? ' (hidden)' : ''), c.getElementsByTagName('*').length + 1]);
    return rows.sort((x, y) => y[1] - x[1]).slice(0, 6).map(([n, k]) => n + ' ' + k).join(', ');
  })()`)) as string;
}

/** Scrolls up three screens at a time (a user dragging the scrollbar) until the first message shows, or time runs out. */
async function scrollBack(s: Session, seconds: number): Promise<{ reached: number; seconds: number }> {
  const started = Date.now();
  let oldest = Number.POSITIVE_INFINITY;
  while (Date.now() - started < seconds * 1000) {
    const first = (await s.frame.evaluate(`(() => {
      const t = document.querySelector('[role="log"]');
      t.scrollTop = Math.max(0, t.scrollTop - t.clientHeight * 3);
      const a = t.querySelector('article[data-message-id]');
      return a ? Number(a.dataset.messageId.slice(1)) : -1;
    })()`)) as number;
    if (first >= 0) oldest = Math.min(oldest, first);
    if (oldest === 0) break;
    await sleep(16);
  }
  return { reached: 10_000 - oldest, seconds: (Date.now() - started) / 1000 };
}

/** One round of 200 listings of the workspace (reads run without asking), then a short answer. */
async function twoHundredCalls(s: Session): Promise<void> {
  const toolCalls = Array.from({ length: 200 }, (_, i) => ({ id: `toolu_bench_${i}`, name: 'list_directory', arguments: { path: '.' } }));
  s.fake.enqueue({ toolCalls, tokens: ['Listing the workspace 200 times.'] });
  await s.ask({ tokens: words(300, 'd'), tokenDelayMs: 2 }, 'List the workspace 200 times', 'complete', 2);
}

export async function longSessionPhase(s: Session, c: Counts): Promise<Figures> {
  const cdp = await s.page.context().newCDPSession(s.page);
  const f = new Figures();
  try {
    await s.newChat();
    const empty = await pageState(s, cdp);
    s.notes.push(`longSession: the page before scrolling back holds ${empty.elements} elements (${await elementsByRegion(s)}), heap ${empty.heapMiB.toFixed(1)} MiB`);
    const id = await seedConversation(s.history, 10_000);
    await s.switchTo(id, 10_000);
    // BENCH_SCROLL_ALLOCATIONS=<file>: who allocates while scrolling back (the renderer's one heap: workbench and
    // page), objects the GC has since collected included, as that is what makes the GC run inside the frames. The
    // summary goes into the report's notes, the whole profile into the file (open it in DevTools' Memory panel).
    const allocations = process.env.BENCH_SCROLL_ALLOCATIONS;
    if (allocations) await cdp.send('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    await startRecording(s.frame);
    const back = await traced(s, 'BENCH_SCROLL_TRACE', 'scroll-back', () => scrollBack(s, c.scrollBackSeconds));
    const rec = await stopRecording(s.frame);
    if (allocations) {
      const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as { profile: SamplingProfile };
      writeFileSync(allocations, JSON.stringify(profile));
      s.notes.push(`longSession: allocated while scrolling back ${back.reached} messages: ${summarizeAllocations(profile)}`);
    }
    const after = await pageState(s, cdp);
    f.add('longSession.scrollBack.messagesReached', back.reached, 'messages', 10_000, 1, { lowerIsBetter: false });
    f.add('longSession.scrollBack.seconds', back.seconds, 's', null, 1);
    f.add('longSession.scrollBack.frameGap.p95', p95(rec.gaps), 'ms', null, rec.gaps.length);
    f.add('longSession.scrollBack.frameCost.p95', p95(rec.frames.flatMap((x) => (x.total === undefined ? [] : [x.total]))), 'ms', 16, rec.frames.length);
    f.add('longSession.scrollBack.longestFrame', Math.max(0, ...rec.gaps), 'ms', 50, rec.gaps.length);
    // The page's own script in those frames (the window's maintenance step), apart from style, layout and paint.
    const scripts = rec.frames.filter((x) => x.log).map((x) => x.script);
    f.add('longSession.scrollBack.frameScript.p95', p95(scripts), 'ms', null, scripts.length);
    f.add('longSession.tenThousand.elements', after.elements, 'elements', null, 1, { baselineRatio: after.elements / empty.elements });
    f.add('longSession.tenThousand.messagesOnPage', after.messages, 'messages', null, 1);
    f.add('longSession.tenThousand.heapGrowth', after.heapMiB - empty.heapMiB, 'MiB', null, 1);
    await s.newChat();
    const before = await pageState(s, cdp);
    await startRecording(s.frame);
    await traced(s, 'BENCH_LONG_TRACE', 'tool-calls-200', () => twoHundredCalls(s));
    const calls = await stopRecording(s.frame);
    const done = await pageState(s, cdp);
    const costs = calls.frames.flatMap((x) => (x.total === undefined ? [] : [x.total]));
    f.add('longSession.toolCalls200.elements', done.elements, 'elements', null, 1, { baselineRatio: done.elements / before.elements });
    f.add('longSession.toolCalls200.heapGrowth', done.heapMiB - before.heapMiB, 'MiB', null, 1);
    f.add('longSession.toolCalls200.frameCost.median', median(costs), 'ms', null, costs.length);
    f.add('longSession.toolCalls200.frameCost.p95', p95(costs), 'ms', 16, costs.length);
    f.add('longSession.toolCalls200.longestFrame', Math.max(0, ...calls.gaps), 'ms', 50, calls.gaps.length);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  return f;
}
