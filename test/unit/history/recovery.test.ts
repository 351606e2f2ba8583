// What a crash, a full disk or a stray editor can leave behind, and what the store makes of it.
import assert from 'node:assert/strict';
import { appendFile, mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryProblem } from '../../../src/core/chat/store';
import { FileConversationStore, type FileStoreOptions } from '../../../src/core/history/file-store';
import { decode } from '../../../src/core/history/records';
import { englishLeft, pseudo } from '../protocol/pseudo-translation';
import { logPath, msg, recordingLog, removeRoot, tempRoot } from './helpers';

describe('FileConversationStore recovery', () => {
  let root: string;
  const open: FileConversationStore[] = [];
  const store = (options: FileStoreOptions = {}) => {
    const s = new FileConversationStore(root, options);
    open.push(s);
    return s;
  };
  /** A conversation with three finished messages, written by an instance that is then closed. */
  const seeded = async () => {
    const a = store();
    const c = await a.create('Seeded');
    const messages = [msg('one'), msg('two', { role: 'assistant' }), msg('three')];
    for (const m of messages) await a.appendMessage(c.id, m);
    await a.dispose();
    return { id: c.id, messages };
  };
  beforeEach(async () => (root = await tempRoot()));
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.dispose()));
    await removeRoot(root);
  });

  it('skips a line cut off mid-write, and the next append starts on a new line', async () => {
    const { id } = await seeded();
    const path = logPath(root, id);
    const size = (await readFile(path)).length;
    await truncate(path, size - 20); // The crash cut the last record short.
    const { log, warnings } = recordingLog();
    const b = store({ log });
    assert.deepEqual((await b.lastPage(id, 10)).messages.map((m) => m.text), ['one', 'two']);
    assert.equal(warnings.length, 1);
    await b.appendMessage(id, msg('four'));
    const c = store();
    assert.deepEqual((await c.lastPage(id, 10)).messages.map((m) => m.text), ['one', 'two', 'four']);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    assert.ok(decode(lines.at(-1)!).ok, 'the new record is a whole line of its own');
  });

  it('skips a garbage line in the middle with a warning and loads the rest', async () => {
    const { id, messages } = await seeded();
    const path = logPath(root, id);
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines.splice(2, 0, '{"v":1,"t":"message","at":1,"mess\u0000\u0000 garbage', 'not json at all');
    await writeFile(path, lines.join('\n'));
    const { log, warnings } = recordingLog();
    const b = store({ log });
    assert.deepEqual((await b.lastPage(id, 10)).messages, messages);
    assert.match(warnings.join('\n'), /skipped 2 unreadable line/);
    assert.match(await b.exportMarkdown(id), /three/);
  });

  it('moves an unreadable log aside, keeps it, reports it once, and carries on', async () => {
    const { id } = await seeded();
    const path = logPath(root, id);
    await writeFile(path, Buffer.alloc(4096, 0)); // A power cut can leave a file full of zeros.
    const problems: HistoryProblem[] = [];
    const b = store({ onProblem: (p) => problems.push(p) });
    assert.deepEqual(await b.lastPage(id, 10), { messages: [], hasOlder: false });
    await b.lastPage(id, 10);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.conversationId, id);
    const aside = (await readdir(root)).filter((n) => n.startsWith(`${id}.jsonl.corrupt-`));
    assert.equal(aside.length, 1);
    assert.equal(problems[0]?.movedTo, join(root, aside[0]!));
    assert.equal((await readFile(join(root, aside[0]!))).length, 4096, 'kept byte for byte');
    assert.equal(problems[0]?.message, `The chat "Seeded" could not be read. Its file was kept as ${join(root, aside[0]!)}.`);
    assert.deepEqual((await b.recoverInterrupted()).problems, problems);
    await b.appendMessage(id, msg('fresh start'));
    assert.deepEqual((await store().lastPage(id, 10)).messages.map((m) => m.text), ['fresh start']);
    assert.equal((await store().list())[0]?.title, 'Seeded');
  });

  it('treats a log the file system cannot read (a directory) the same way', async () => {
    const { id } = await seeded();
    await rm(logPath(root, id));
    await mkdir(logPath(root, id));
    const problems: HistoryProblem[] = [];
    assert.deepEqual((await store({ onProblem: (p) => problems.push(p) }).lastPage(id, 5)).messages, []);
    assert.equal(problems.length, 1);
  });

  it('rebuilds a missing index from the logs', async () => {
    const { id, messages } = await seeded();
    const b = store();
    await b.rename(id, 'Renamed');
    await rm(join(root, 'index.json'));
    const { log, warnings } = recordingLog();
    const c = store({ log });
    const [entry] = await c.list();
    assert.deepEqual({ ...entry, updatedAt: 0 }, { id, title: 'Renamed', messageCount: 3, updatedAt: 0 });
    assert.match(warnings.join(), /missing/);
    assert.deepEqual((await c.lastPage(id, 10)).messages, messages);
    assert.ok(JSON.parse(await readFile(join(root, 'index.json'), 'utf8')), 'written back');
  });

  it('rebuilds a corrupt index and keeps the damaged copy', async () => {
    const { id } = await seeded();
    await writeFile(join(root, 'index.json'), '{"version":1,"conversations":[{"id":');
    const [entry] = await store().list();
    assert.equal(entry?.id, id);
    assert.equal(entry?.messageCount, 3);
    assert.equal((await readdir(root)).filter((n) => n.startsWith('index.json.corrupt-')).length, 1);
  });

  it('settles an answer left streaming by a dead window as interrupted, with its checkpoint, durably', async () => {
    const a = store();
    const c = await a.create('Killed');
    const q = msg('Tell me a story');
    const answer = msg('', { role: 'assistant', status: 'streaming', deltaSeq: 0 });
    await a.appendMessage(c.id, q);
    await a.appendMessage(c.id, answer);
    await a.checkpoint(c.id, answer.id, 'Once upon');
    await a.checkpoint(c.id, answer.id, 'Once upon a time');
    await appendFile(logPath(root, c.id), '{"v":1,"t":"checkpoint","at":1,"messageId":"'); // Died mid-write.
    await a.flush(); // `a` is abandoned here, as a killed window would be.
    assert.deepEqual((await store().entries())[0]?.streaming?.map((s) => s.messageId), [answer.id]);

    const dead = () => false;
    const b = store({ isWriterAlive: dead });
    const report = await b.recoverInterrupted();
    assert.deepEqual(report.interrupted, [{ conversationId: c.id, messageId: answer.id }]);
    const check = async (s: FileConversationStore) => {
      const [, got] = (await s.lastPage(c.id, 5)).messages;
      assert.equal(got?.status, 'interrupted');
      assert.equal(got?.text, 'Once upon a time');
      assert.equal(got?.deltaSeq, undefined);
    };
    await check(b);
    await check(store()); // Persisted: a window that thinks the writer is alive sees it settled too.
    assert.equal((await store().entries())[0]?.streaming, undefined);
    assert.deepEqual((await store({ isWriterAlive: dead }).recoverInterrupted()).interrupted, [], 'only once');
  });

  it('leaves a stream alone while its window is alive, and settles it on open once it is not', async () => {
    const a = store();
    const c = await a.create('Live');
    const answer = msg('', { role: 'assistant', status: 'streaming' });
    await a.appendMessage(c.id, answer);
    await a.checkpoint(c.id, answer.id, 'still going');
    assert.deepEqual((await store().recoverInterrupted()).interrupted, [], 'same live process');
    assert.equal((await store().lastPage(c.id, 1)).messages[0]?.status, 'streaming');
    // No index marker needed: opening the conversation settles it as well.
    const b = store({ isWriterAlive: () => false });
    assert.equal((await b.lastPage(c.id, 1)).messages[0]?.status, 'interrupted');
    assert.equal((await b.lastPage(c.id, 1)).messages[0]?.text, 'still going');
  });

  it('skips record kinds it does not write (older tool-call records, or a newer version\'s) without a warning', async () => {
    const { id, messages } = await seeded();
    const answerId = messages[1]!.id;
    const others = [
      { v: 1, t: 'toolCall', at: 5, messageId: answerId, toolCall: { id: 't1', name: 'read_file', argumentsText: '{}', status: 'running' } },
      { v: 1, t: 'toolResult', at: 6, messageId: answerId, toolCallId: 't1', status: 'done', result: 'x' },
      { v: 1, t: 'reaction', at: 7, messageId: answerId, emoji: '+1' },
    ];
    await appendFile(logPath(root, id), others.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const { log, warnings } = recordingLog();
    const b = store({ log });
    const page = await b.lastPage(id, 10);
    assert.deepEqual(page.messages.map((m) => m.text), ['one', 'two', 'three']);
    assert.equal(page.messages[1]?.toolCalls, undefined);
    assert.match(await b.exportMarkdown(id), /\n\ntwo\n/);
    assert.deepEqual(warnings, []);
  });

  it('reads older format versions through the migration hook', async () => {
    const { id } = await seeded();
    // A made-up v0 record: no `v`, `kind` instead of `t`, `msg` instead of `message`.
    const old = { kind: 'message', time: 5, msg: msg('from v0') };
    await appendFile(logPath(root, id), `${JSON.stringify(old)}\n`);
    const v0to1 = (r: Record<string, unknown>) => ({ v: 1, t: r.kind, at: r.time, message: r.msg });
    const { log, warnings } = recordingLog();
    assert.equal((await store({ migrations: { 0: v0to1 }, log }).lastPage(id, 1)).messages[0]?.text, 'from v0');
    assert.deepEqual(warnings, []);
    // Without a migration for it, the old record is skipped, not misread.
    assert.equal((await store().lastPage(id, 1)).messages[0]?.text, 'three');
  });

  it("names a conversation whose log lost its first record in the user's language when the index is rebuilt", async () => {
    const { id } = await seeded();
    const path = logPath(root, id);
    const lines = (await readFile(path, 'utf8')).split('\n');
    await writeFile(path, lines.slice(1).join('\n')); // The record that named it is gone.
    await rm(join(root, 'index.json'));
    const [entry] = await store({ t: pseudo }).list();
    assert.equal(entry?.id, id);
    assert.deepEqual(englishLeft(entry?.title ?? 'missing'), [], entry?.title);
  });

  it("tells of an unreadable log in the user's language (the translator it was given)", async () => {
    const { id } = await seeded();
    await writeFile(logPath(root, id), Buffer.alloc(64, 0));
    const problems: HistoryProblem[] = [];
    await store({ onProblem: (p) => problems.push(p), t: pseudo }).lastPage(id, 10);
    assert.equal(problems.length, 1);
    assert.deepEqual(englishLeft(problems[0]!.message, ['Seeded', problems[0]!.movedTo!]), []);
  });
});
