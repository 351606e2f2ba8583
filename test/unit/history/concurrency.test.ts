// Two windows on one workspace: two store instances in this process and one in a child process,
// all writing the same folder at once. Nothing may be lost and index.json must stay valid.
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileConversationStore } from '../../../src/core/history/file-store';
import { decode } from '../../../src/core/history/records';
import { logPath, removeRoot, tempRoot } from './helpers';
import { writeMany } from './writer-child';

const child = join(__dirname, 'writer-child.js');

function exited(p: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve(p.exitCode) : p.once('exit', (code) => resolve(code))));
}

describe('FileConversationStore with concurrent writers', () => {
  let root: string;
  beforeEach(async () => (root = await tempRoot()));
  afterEach(async () => removeRoot(root));

  it('loses no conversation when two instances and a child process write at once', async () => {
    const n = 24;
    const proc = fork(child, [root, 'child', String(n)], { stdio: 'inherit' });
    const a = new FileConversationStore(root, { indexDebounceMs: 5 });
    const b = new FileConversationStore(root, { indexDebounceMs: 5 });
    await Promise.all([writeMany(a, 'a', n), writeMany(b, 'b', n), exited(proc)]);
    assert.equal(proc.exitCode, 0);
    await Promise.all([a.dispose(), b.dispose()]);

    const doc = JSON.parse(await readFile(join(root, 'index.json'), 'utf8')) as { conversations: { title: string; messageCount: number }[] };
    const titles = doc.conversations.map((c) => c.title).sort();
    const expected = ['a', 'b', 'child'].flatMap((l) => Array.from({ length: n }, (_, i) => `${l} ${i}`)).sort();
    assert.deepEqual(titles, expected);
    for (const c of doc.conversations) assert.equal(c.messageCount, (Number(c.title.split(' ')[1]) % 3) + 1, c.title);
    const fresh = new FileConversationStore(root);
    assert.equal((await fresh.list()).length, 3 * n);
    const leftovers = (await readdir(root)).filter((f) => f.endsWith('.tmp') || f === 'index.lock');
    assert.deepEqual(leftovers, []);
  });

  /** Three processes append `count` messages of `size` characters each to one conversation at once. */
  async function threeWriters(count: number, size: number): Promise<string> {
    const { id } = await new FileConversationStore(root).create('Shared');
    const procs = [1, 2, 3].map(() => fork(child, [root, 'append', id, String(count), String(size)], { stdio: 'inherit' }));
    await Promise.all(procs.map(exited));
    assert.deepEqual(procs.map((p) => p.exitCode), [0, 0, 0]);
    return id;
  }

  it('keeps records over 512 KiB whole when three processes append them at once', async () => {
    const id = await threeWriters(12, 700_000);
    const lines = (await readFile(logPath(root, id), 'utf8')).split('\n').filter(Boolean);
    const bad = lines.filter((l) => !decode(l).ok);
    assert.equal(bad.length, 0, `${bad.length} of ${lines.length} lines are damaged`);
    const texts = lines.map((l) => decode(l)).flatMap((d) => (d.ok && d.record.t === 'message' ? [d.record.message.text] : []));
    assert.equal(texts.length, 36);
    for (const t of texts) assert.match(t, /^\d+:\d+:x+$/);
  });

  it('counts every message when three processes add messages to one conversation', async () => {
    const id = await threeWriters(20, 20);
    const [summary] = await new FileConversationStore(root).list();
    assert.equal(summary?.id, id);
    assert.equal(summary?.messageCount, 60);
  });

  it('recovers the answer of a window that was killed mid-stream', async () => {
    const proc = fork(child, [root, 'stream'], { stdio: 'inherit' });
    const started = await new Promise<{ conversationId: string; messageId: string }>((resolve) => proc.once('message', (m) => resolve(m as never)));
    const alive = new FileConversationStore(root);
    assert.deepEqual((await alive.recoverInterrupted()).interrupted, [], 'the child still runs');
    proc.kill('SIGKILL');
    await exited(proc);
    const store = new FileConversationStore(root);
    assert.deepEqual((await store.recoverInterrupted()).interrupted, [started]);
    const [m] = (await store.lastPage(started.conversationId, 1)).messages;
    assert.equal(m?.status, 'interrupted');
    assert.equal(m?.text, 'Partial answer from the child');
    await store.dispose();
  });
});
