// History benchmark: appending one message and opening a conversation (a fresh store reads the
// index and the last page of 50), at 10, 1,000 and 100,000 messages. Both should stay flat.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileConversationStore } from '../src/core/history/file-store';
import { bigConversation, msg, removeRoot, tempRoot } from '../test/unit/history/helpers';
import { fmt, machine, median, p95, table, type Figure } from './stats';

const sizes = [10, 1_000, 100_000];
const pageSize = 50;
/** Roughly a real chat message's length, so 100,000 messages make a log of realistic size. */
const textSize = 300;

const now = () => performance.now();

interface Subject {
  count: number;
  root: string;
  id: string;
  store?: FileConversationStore;
  append: number[];
  open: number[];
}

/** A fresh store (a window opening): list the conversations, read the last page. */
async function openOnce(s: Subject): Promise<number> {
  const start = now();
  const store = new FileConversationStore(s.root);
  await store.list();
  const page = await store.lastPage(s.id, pageSize);
  const took = now() - start;
  if (page.messages.length !== Math.min(pageSize, s.count)) throw new Error('history bench: wrong page');
  await store.dispose();
  return took;
}

async function appendOnce(s: Subject, i: number): Promise<number> {
  s.store ??= new FileConversationStore(s.root);
  const m = msg(`appended ${i} ${'y'.repeat(textSize)}`);
  const start = now();
  await s.store.appendMessage(s.id, m);
  return now() - start;
}

/** Sizes interleaved run by run, so drift on a shared machine affects them alike. */
async function measure(subjects: Subject[], opens: number, appends: number): Promise<void> {
  for (let i = 0; i < opens + 5; i++) {
    for (const s of subjects) {
      const t = await openOnce(s);
      if (i >= 5) s.open.push(t); // The first runs warm up module code, the JIT and the file cache.
    }
  }
  for (let i = 0; i < appends + 10; i++) {
    for (const s of subjects) {
      const t = await appendOnce(s, i);
      if (i >= 10) s.append.push(t);
    }
  }
}

/** `quick` (BENCH_QUICK): 60 appends and 10 opens per size instead of 200 and 30; the 100,000-message log is kept. */
export async function benchHistory(quick = false): Promise<Figure[]> {
  const appends = quick ? 60 : 200;
  const opens = quick ? 10 : 30;
  const figures: Figure[] = [];
  const rows: (string | number)[][] = [];
  const m = machine();
  const subjects: Subject[] = [];
  try {
    for (const count of sizes) {
      const root = await tempRoot();
      subjects.push({ count, root, id: await bigConversation(root, count, textSize), append: [], open: [] });
    }
    await measure(subjects, opens, appends);
    for (const s of subjects) {
      await s.store?.dispose();
      const logMiB = (await stat(join(s.root, `${s.id}.jsonl`))).size / 2 ** 20;
      rows.push([s.count.toLocaleString('en'), fmt(logMiB), fmt(median(s.append), 3), fmt(p95(s.append), 3), fmt(median(s.open)), fmt(p95(s.open))]);
      figures.push(
        { name: `history.append.${s.count}`, value: median(s.append), unit: 'ms', budget: null, lowerIsBetter: true, runs: appends, machine: m },
        { name: `history.append.${s.count}.p95`, value: p95(s.append), unit: 'ms', budget: null, lowerIsBetter: true, runs: appends, machine: m },
        { name: `history.open.${s.count}`, value: median(s.open), unit: 'ms', budget: null, lowerIsBetter: true, runs: opens, machine: m },
      );
    }
  } finally {
    await Promise.all(subjects.map((s) => removeRoot(s.root)));
  }
  console.log(`\nHistory: append one message (${appends} runs) and open a conversation (fresh store: index + last ${pageSize}; ${opens} runs), ms; log sizes after the appends`);
  console.log(table(['messages', 'log MiB', 'append med', 'p95', 'open med', 'p95'], rows));
  return figures;
}
