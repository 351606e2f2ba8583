// History folders written by something other than this extension: a crafted index.json, records of
// the wrong shape, a lock or an index that is a folder. Each costs at most the bad part, never more.
import assert from 'node:assert/strict';
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FileConversationStore, type FileStoreOptions } from '../../../src/core/history/file-store';
import { thisHost, withLock } from '../../../src/core/history/lock';
import { logPath, msg, recordingLog, removeRoot, tempRoot } from './helpers';

describe('FileConversationStore against hostile or damaged files', () => {
  let parent: string;
  let root: string;
  const open: FileConversationStore[] = [];
  const store = (options: FileStoreOptions = {}) => {
    const s = new FileConversationStore(root, options);
    open.push(s);
    return s;
  };
  const seeded = async () => {
    const a = store();
    const c = await a.create('Seeded');
    for (const m of [msg('one'), msg('two', { role: 'assistant' })]) await a.appendMessage(c.id, m);
    await a.dispose();
    return c.id;
  };
  beforeEach(async () => {
    parent = await tempRoot();
    root = join(parent, 'history');
    await mkdir(root);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.dispose()));
    await removeRoot(parent);
  });

  it('ignores index entries whose id reaches outside the folder: recovery and Clear All leave outside files alone', async () => {
    const id = await seeded();
    const victim = join(parent, 'victim.jsonl');
    await writeFile(victim, 'precious, not a log\n');
    await mkdir(join(parent, 'victim.edits'));
    await writeFile(join(parent, 'victim.edits', 'keep'), 'also precious');
    const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8')) as { conversations: object[] };
    const at = Date.now();
    const streaming = [{ messageId: 'm_x', pid: 1 << 22, host: thisHost }];
    index.conversations.push({ id: '../victim', title: 'Trap', createdAt: at, updatedAt: at + 1, messageCount: 1, streaming });
    await writeFile(join(root, 'index.json'), JSON.stringify(index));

    const { log, warnings } = recordingLog();
    const b = store({ log, isWriterAlive: () => false });
    assert.deepEqual((await b.list()).map((c) => c.id), [id]);
    await b.recoverInterrupted();
    await b.clearAll();
    assert.equal(await readFile(victim, 'utf8'), 'precious, not a log\n');
    assert.equal(await readFile(join(parent, 'victim.edits', 'keep'), 'utf8'), 'also precious');
    assert.deepEqual((await readdir(parent)).sort(), ['history', 'victim.edits', 'victim.jsonl']);
    assert.match(warnings.join('\n'), /invalid id/);
    await assert.rejects(b.lastPage('../victim', 5), /Invalid conversation id/);
  });

  it('opens a conversation with a record whose field has the wrong type, dropping only that field', async () => {
    const id = await seeded();
    const at = Date.now();
    const bad = { id: 'm_bad', role: 'assistant', author: 'backend', text: 'still readable', status: 'complete', createdAt: at, toolCalls: 'oops', meta: { model: 7 } };
    await appendFile(logPath(root, id), [
      JSON.stringify({ v: 1, t: 'message', at, message: bad }),
      // A record of a known kind whose fields cannot be used: skipped, the rest kept.
      JSON.stringify({ v: 1, t: 'checkpoint', at, messageId: 'm_bad', from: -1, text: 'x' }),
      '',
    ].join('\n'));
    const { log, warnings } = recordingLog();
    const b = store({ log });
    const messages = (await b.lastPage(id, 10)).messages;
    assert.deepEqual(messages.map((m) => m.text), ['one', 'two', 'still readable']);
    assert.equal(messages[2]?.toolCalls, undefined);
    assert.deepEqual(messages[2]?.meta, {});
    assert.match(await b.exportMarkdown(id), /still readable/);
    assert.match(warnings.join('\n'), /toolCalls/);
    assert.match(warnings.join('\n'), /skipped 1 unreadable line/);
  });

  it('repairs an index entry with wrong fields and keeps the others', async () => {
    const id = await seeded();
    const c = await store().create('Second');
    await Promise.all(open.map((s) => s.flush()));
    const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8')) as { conversations: Record<string, unknown>[] };
    Object.assign(index.conversations.find((e) => e.id === id)!, { title: 5, messageCount: 'many', streaming: 'x' });
    await writeFile(join(root, 'index.json'), JSON.stringify(index));
    const { log, warnings } = recordingLog();
    const listed = await store({ log }).list();
    assert.deepEqual(listed.map((s) => [s.id, s.title]).sort(), [[c.id, 'Second'], [id, 'Untitled chat']].sort());
    assert.match(warnings.join('\n'), /repaired title, messageCount, streaming/);
    assert.deepEqual((await readdir(root)).filter((n) => n.includes('corrupt')), [], 'the index itself was kept');
  });

  it('recovers when index.json is a folder: the folder is kept aside and the index rebuilt', async () => {
    const id = await seeded();
    await rm(join(root, 'index.json'));
    await mkdir(join(root, 'index.json'));
    await writeFile(join(root, 'index.json', 'inside'), 'kept');
    const { log, warnings } = recordingLog();
    const b = store({ log });
    assert.deepEqual((await b.list()).map((c) => c.id), [id]);
    const c = await b.create('After');
    await b.flush();
    assert.ok((await stat(join(root, 'index.json'))).isFile());
    const aside = (await readdir(root)).filter((n) => n.startsWith('index.json.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(await readFile(join(root, aside[0]!, 'inside'), 'utf8'), 'kept');
    assert.deepEqual((await store().list()).map((s) => s.id).sort(), [id, c.id].sort());
    assert.match(warnings.join('\n'), /EISDIR/);
  });

  it('recovers when index.json turns into a folder while the store is open', async () => {
    const id = await seeded();
    const b = store();
    await b.list();
    await rm(join(root, 'index.json'));
    await mkdir(join(root, 'index.json'));
    await b.rename(id, 'Renamed');
    assert.equal((await store().list())[0]?.title, 'Renamed');
  });
});

describe('index lock left in a state no holder leaves it in', () => {
  let root: string;
  beforeEach(async () => (root = await tempRoot()));
  afterEach(async () => removeRoot(root));
  // Short timeouts: without recovery these locks would block for the whole timeout and then fail.
  const opts = (problems: string[]) => ({ timeoutMs: 1500, onProblem: (m: string) => problems.push(m) });

  it('takes over a lock dated in the future (a clock set back, or a forged file)', async () => {
    const lock = join(root, 'index.lock');
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: thisHost, at: Date.now() + 3_600_000, token: 'x' }));
    assert.equal(await withLock(lock, async () => 'ran', opts([])), 'ran');
  });

  it('takes over a lock with no time in it once the file is old', async () => {
    const lock = join(root, 'index.lock');
    await writeFile(lock, '"no fields"');
    assert.equal(await withLock(lock, async () => 'ran', { ...opts([]), staleMs: 0 }), 'ran');
  });

  it('moves aside a lock that is a folder, keeping what is in it', async () => {
    const lock = join(root, 'index.lock');
    await mkdir(lock);
    await writeFile(join(lock, 'inside'), 'kept');
    const problems: string[] = [];
    assert.equal(await withLock(lock, async () => 'ran', opts(problems)), 'ran');
    const aside = (await readdir(dirname(lock))).filter((n) => n.startsWith('index.lock.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(await readFile(join(root, aside[0]!, 'inside'), 'utf8'), 'kept');
    assert.match(problems.join(), /not a lock file/);
  });
});
