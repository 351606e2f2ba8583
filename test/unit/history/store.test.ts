// FileConversationStore against a real temporary folder: what is written is what a new instance
// (a reloaded window) reads back, at 10 messages and at 100,000.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversationStore } from '../../../src/core/chat/store';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { FileConversationStore } from '../../../src/core/history/file-store';
import { bigConversation, logPath, msg, removeRoot, tempRoot } from './helpers';

describe('FileConversationStore', () => {
  let root: string;
  const open: FileConversationStore[] = [];
  const store = () => {
    const s = new FileConversationStore(root);
    open.push(s);
    return s;
  };
  beforeEach(async () => (root = await tempRoot()));
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.dispose()));
    await removeRoot(root);
  });

  it('round-trips create, append, checkpoint and complete through a new instance', async () => {
    const a = store();
    const c = await a.create('First chat', { agent: 'backend' });
    const q = msg('Hello?');
    const answer = msg('', { role: 'assistant', status: 'streaming', replyTo: q.id });
    await a.appendMessage(c.id, q);
    await a.appendMessage(c.id, answer);
    await a.checkpoint(c.id, answer.id, 'Hel');
    await a.checkpoint(c.id, answer.id, 'Hello th');
    await a.completeMessage(c.id, { ...answer, text: 'Hello there.', status: 'complete', meta: { model: 'm' } });
    await a.rename(c.id, 'Greetings');
    await a.dispose();

    const b = store();
    const [summary] = await b.list();
    assert.deepEqual({ ...summary, updatedAt: 0 }, { id: c.id, title: 'Greetings', updatedAt: 0, messageCount: 2 });
    assert.equal((await b.entries())[0]?.agent, 'backend');
    const page = await b.lastPage(c.id, 10);
    assert.equal(page.hasOlder, false);
    assert.deepEqual(page.messages, [q, { ...answer, text: 'Hello there.', status: 'complete', meta: { model: 'm' } }]);
  });

  it('writes checkpoints as deltas and reads the text so far back', async () => {
    const a = store();
    const c = await a.create('Stream');
    const answer = msg('', { role: 'assistant', status: 'streaming' });
    await a.appendMessage(c.id, answer);
    let text = '';
    for (let i = 0; i < 20; i++) await a.checkpoint(c.id, answer.id, (text += `word${i} `));
    const records = (await readFile(logPath(root, c.id), 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { t: string; text?: string });
    const written = records.filter((r) => r.t === 'checkpoint').reduce((n, r) => n + (r.text?.length ?? 0), 0);
    assert.equal(written, text.length, 'the log grows with the text, not with its square');
    const [m] = (await a.lastPage(c.id, 1)).messages;
    assert.equal(m?.text, text);
    assert.equal(m?.status, 'streaming', 'still streaming in the window that writes it');
  });

  it('pages backwards with exact boundaries and hasOlder', async () => {
    const a = store();
    const c = await a.create('Paging');
    const all = Array.from({ length: 25 }, (_, i) => msg(`n${i}`));
    for (const m of all) await a.appendMessage(c.id, m);
    const b = store();
    const texts = (p: { messages: { text: string }[] }) => p.messages.map((m) => m.text);
    const last = await b.lastPage(c.id, 10);
    assert.deepEqual(texts(last), all.slice(15).map((m) => m.text));
    assert.equal(last.hasOlder, true);
    const p2 = await b.pageBefore(c.id, all[15]!.id, 10);
    assert.deepEqual(texts(p2), all.slice(5, 15).map((m) => m.text));
    assert.equal(p2.hasOlder, true);
    await a.appendMessage(c.id, msg('new at the end')); // The file grows between pages.
    const p3 = await b.pageBefore(c.id, all[5]!.id, 10);
    assert.deepEqual(texts(p3), all.slice(0, 5).map((m) => m.text));
    assert.equal(p3.hasOlder, false);
    // Out of order (no cursor) gives the same answer, and exactly-full pages report no more.
    assert.deepEqual(texts(await store().pageBefore(c.id, all[10]!.id, 10)), all.slice(0, 10).map((m) => m.text));
    assert.equal((await b.pageBefore(c.id, all[10]!.id, 10)).hasOlder, false);
    assert.equal((await b.lastPage(c.id, 26)).hasOlder, false);
    assert.equal((await b.lastPage(c.id, 25)).hasOlder, true);
  });

  it('reads a message longer than a read chunk, and the ones around it', async () => {
    const a = store();
    const c = await a.create('Long');
    const long = msg('é'.repeat(150_000));
    await a.appendMessage(c.id, msg('before'));
    await a.appendMessage(c.id, long);
    await a.appendMessage(c.id, msg('after'));
    const page = await store().lastPage(c.id, 3);
    assert.deepEqual(page.messages.map((m) => m.text.length), [6, 150_000, 5]);
    assert.equal(page.messages[1]?.text, long.text);
  });

  for (const count of [10, 100_000]) {
    it(`appends, pages and reopens correctly at ${count.toLocaleString('en')} messages`, async () => {
      const id = await bigConversation(root, count);
      const a = store();
      const extra = msg('one more');
      await a.appendMessage(id, extra);
      await a.flush(); // Index writes are coalesced; another window sees them within ~250 ms.
      const b = store();
      assert.equal((await b.list())[0]?.messageCount, count + 1);
      const last = await b.lastPage(id, 50);
      assert.equal(last.messages.length, Math.min(50, count + 1));
      assert.deepEqual(last.messages.at(-1), extra);
      assert.equal(last.messages.at(-2)?.id, `m${count - 1}`);
      assert.equal(last.hasOlder, count + 1 > 50);
      const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `m${from + i}`);
      // Continuing from the last page (the usual scroll up), then from an arbitrary message.
      const next = await b.pageBefore(id, last.messages[0]!.id, 50);
      assert.deepEqual(next.messages.map((m) => m.id), ids(Math.max(0, count - 99), Math.max(0, count - 49)));
      const at = Math.max(0, count - 1000) + 2;
      assert.deepEqual((await store().pageBefore(id, `m${at}`, 3)).messages.map((m) => m.id), ids(Math.max(0, at - 3), at));
    });
  }

  it('exports Markdown with authors, times, text and tool calls', async () => {
    const a = store();
    const c = await a.create('Export me');
    const q = msg('What is in `a.txt`?', { createdAt: Date.UTC(2025, 0, 2, 3, 4) });
    const r = msg('Let me look.', { role: 'assistant', createdAt: Date.UTC(2025, 0, 2, 3, 5) });
    await a.appendMessage(c.id, q);
    await a.appendMessage(c.id, r);
    await a.completeMessage(c.id, { ...r, toolCalls: [{ id: 't1', name: 'readFile', argumentsText: '{"path":"a.txt"}', status: 'done', result: 'hello\nworld' }] });
    const md = await store().exportMarkdown(c.id);
    assert.match(md, /^# Export me\n/);
    assert.match(md, /## You · 2025-01-02 03:04 UTC\n\nWhat is in `a.txt`\?/);
    assert.match(md, /## @backend · 2025-01-02 03:05 UTC\n\nLet me look\./);
    assert.match(md, /- Tool `readFile` \(done\): `\{"path":"a.txt"\}` → `hello world`/);
    assert.equal((await a.lastPage(c.id, 1)).messages[0]?.toolCalls?.[0]?.result, 'hello\nworld');
  });

  it('renames, deletes, clears and applies retention (oldest go first)', async () => {
    const a = store();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await a.create(`c${i}`)).id);
      await new Promise((r) => setTimeout(r, 2)); // Distinct updatedAt.
    }
    await a.appendMessage(ids[0]!, msg('keeps c0 recent'));
    assert.deepEqual(await a.applyRetention(3), [ids[2], ids[1]]);
    assert.deepEqual((await store().list()).map((c) => c.title), ['c0', 'c4', 'c3']);
    await a.delete(ids[3]!);
    await assert.rejects(readFile(logPath(root, ids[3]!)), { code: 'ENOENT' });
    await assert.rejects(a.lastPage(ids[3]!, 1), /No conversation/);
    assert.deepEqual((await store().list()).map((c) => c.title), ['c0', 'c4']);
    await a.clearAll();
    assert.deepEqual(await store().list(), []);
    assert.deepEqual(await a.list(), []);
  });

  it('refuses ids that would reach outside the folder', async () => {
    await assert.rejects(store().lastPage('../etc/passwd', 1), /Invalid conversation id/);
  });

  it('behaves like the memory store for the same calls', async () => {
    const m = msg('hi');
    const r = msg('', { role: 'assistant', status: 'streaming' });
    const run = async (s: ConversationStore) => {
      const c = await s.create('Same');
      await s.appendMessage(c.id, m);
      await s.appendMessage(c.id, r);
      await s.checkpoint(c.id, r.id, 'partial');
      const mid = (await s.lastPage(c.id, 5)).messages.map((x) => [x.text, x.status]);
      await s.completeMessage(c.id, { ...r, text: 'done', status: 'complete' });
      const md = (await s.exportMarkdown(c.id)).replace(/mem_\d+|c_\w+/g, 'ID');
      return { mid, end: (await s.lastPage(c.id, 5)).messages, older: await s.pageBefore(c.id, r.id, 5), md, list: (await s.list()).length };
    };
    const [mem, file] = [await run(new MemoryConversationStore()), await run(store())];
    assert.deepEqual(file, mem);
  });

  it('keeps index.json a valid, atomically replaced document: a failed replace leaves the old one, and no temp or lock file', async () => {
    const indexPath = join(root, 'index.json');
    const a = store();
    const kept = await a.create('x');
    const before = await readFile(indexPath, 'utf8');
    const doc = JSON.parse(before) as { version: number; conversations: unknown[] };
    assert.equal(doc.version, 1);
    assert.equal(doc.conversations.length, 1);

    // The disk refuses the rename that would put the new index in place (not disposed: its write is meant to fail).
    const refused = Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    const failing = new FileConversationStore(root, { replaceIndex: () => Promise.reject(refused) });
    await assert.rejects(failing.create('y'), /EIO/);
    assert.equal(await readFile(indexPath, 'utf8'), before, 'the old index, byte for byte');
    const leftovers = (await readdir(root)).filter((f) => f !== 'index.json' && !f.endsWith('.jsonl'));
    assert.deepEqual(leftovers, [], 'no temporary or lock file left behind');
    assert.deepEqual((await store().list()).map((c) => c.id), [kept.id], 'a new window reads the old index');
  });
});
