// host: what the extension host costs outside the streams: CPU while idle, CPU and heap over many short
// answers (heap after a forced GC, before and after, and after a new chat).
import { rssBytes } from '../exthost';
import { Figures } from '../figures';
import { words } from '../plan';
import { sleep, type Session } from '../session';

/** CPU the idle extension host burns per second (other extensions, timers): subtracted from stream CPU. */
export async function idleCpuPerSecond(s: Session, seconds: number): Promise<number> {
  await sleep(1000);
  const cpu0 = await s.exthostCpu();
  await sleep(seconds * 1000);
  return ((await s.exthostCpu()) - cpu0) / seconds;
}

export function idleFigures(idle: number): Figures {
  const f = new Figures();
  f.add('host.idleCpuPerSecond', idle, 'ms', null, 1);
  return f;
}

interface HeapResult {
  before: number;
  after: number;
  afterNewChat: number;
  rssBefore: number;
  rssAfter: number;
  cpuPer1000: number;
}

async function heap(s: Session, answersCount: number): Promise<HeapResult> {
  const reply = { tokens: words(100, 'h'), tokenDelayMs: 0 };
  for (let i = 0; i < 5; i++) await s.ask(reply, `Warm-up ${i}`);
  await sleep(500);
  const g0 = await s.helper.gc();
  const rss0 = rssBytes(s.pid);
  const cpu0 = await s.exthostCpu();
  for (let i = 0; i < answersCount; i++) await s.ask(reply, `Answer ${i}`);
  const cpu1 = await s.exthostCpu();
  await sleep(1000); // debounced index writes, batcher timers
  const g1 = await s.helper.gc();
  const rss1 = rssBytes(s.pid);
  await s.newChat();
  await sleep(500);
  const g2 = await s.helper.gc();
  return {
    before: g0.memory.heapUsed,
    after: g1.memory.heapUsed,
    afterNewChat: g2.memory.heapUsed,
    rssBefore: rss0,
    rssAfter: rss1,
    cpuPer1000: (cpu1 - cpu0) / ((answersCount * reply.tokens.length) / 1000),
  };
}

/** Heap and RSS growth over `answers` short answers in a new chat, and the host's CPU per 1,000 tokens of them. */
export async function heapPhase(s: Session, answers: number): Promise<Figures> {
  await s.newChat();
  const hp = await heap(s, answers);
  const f = new Figures();
  const mb = 2 ** 20;
  f.add(`host.heapGrowth.${answers}answers`, (hp.after - hp.before) / mb, 'MiB', 5, 1);
  f.add('host.heapGrowth.afterNewChat', (hp.afterNewChat - hp.before) / mb, 'MiB', null, 1);
  f.add(`host.rssGrowth.${answers}answers`, (hp.rssAfter - hp.rssBefore) / mb, 'MiB', null, 1);
  f.add('host.heapUsed', hp.after / mb, 'MiB', null, 1);
  f.add('host.cpuPer1000Tokens.shortAnswers', hp.cpuPer1000, 'ms', null, answers);
  return f;
}

/**
 * The workbench renderer's main-thread time per second while nothing happens (Chromium's own TaskDuration, from
 * the DevTools protocol). Near 0 in a quiet window; 50–120 ms/s when something asks for a frame at every vsync
 * (traced: VS Code's webview host frame's ResizeObserver on the page, in some windows), and then every message,
 * the floor's as well as ours, waits for the next vsync tick instead of being painted at once.
 */
export async function rendererIdleMsPerSecond(s: Session, seconds = 2): Promise<number> {
  const cdp = await s.page.context().newCDPSession(s.page);
  try {
    await cdp.send('Performance.enable');
    const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
    const t0 = await busy();
    await sleep(seconds * 1000);
    return ((await busy()) - t0) * 1000 / seconds;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
