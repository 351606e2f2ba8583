// Bringing history along from the folder an earlier version (or an earlier workspace identity) kept
// it in: once, nothing lost or duplicated, and a move cut short by a crash finishes on the next start.
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileConversationStore } from '../../../src/core/history/file-store';
import { bringAlong, earlierFolders, historyKey, movedMarker } from '../../../src/core/history/relocate';
import { silentLogger } from '../../../src/core/log';
import { msg, removeRoot, tempRoot } from './helpers';

describe('history brought along from an earlier folder', () => {
  let base: string;
  let from: string;
  let to: string;
  beforeEach(async () => {
    base = await tempRoot();
    from = join(base, 'old', 'history');
    to = join(base, 'new', 'history');
  });
  afterEach(async () => removeRoot(base));

  /** A conversation in `root` with two messages and, with `edit`, bytes kept for undo. */
  async function conversation(root: string, title: string, edit = false): Promise<string> {
    const s = new FileConversationStore(root);
    const c = await s.create(title);
    await s.appendMessage(c.id, msg(`${title} question`));
    await s.appendMessage(c.id, msg(`${title} answer`, { role: 'assistant' }));
    if (edit) {
      const change = { tool: 'write_file', kind: 'modify' as const, summary: 'Edit a.txt', path: 'a.txt', absolute: '/w/a.txt', beforeDigest: 'd1', afterDigest: 'd2', createdDirs: [], preImage: Buffer.from('old bytes') };
      await s.saveEdit(c.id, { messageId: 'm1', turnId: 't1', change: { ...change, before: 'x', after: 'y' } });
    }
    await s.dispose();
    return c.id;
  }

  const titles = async (root: string) => (await new FileConversationStore(root).list()).map((c) => c.title).sort();

  it('copies the conversations and their undo bytes, keeps the old folder, and does it once', async () => {
    const old1 = await conversation(from, 'Old one', true);
    await conversation(from, 'Old two');
    await conversation(to, 'New');
    const brought = await bringAlong(from, to, silentLogger);
    assert.equal(brought.length, 2);
    assert.deepEqual(await titles(to), ['New', 'Old one', 'Old two']);
    const page = await new FileConversationStore(to).lastPage(old1, 5);
    assert.deepEqual(page.messages.map((m) => m.text), ['Old one question', 'Old one answer']);
    assert.deepEqual(await readdir(join(to, `${old1}.edits`)), await readdir(join(from, `${old1}.edits`)));
    assert.deepEqual(await titles(from), ['Old one', 'Old two'], 'the old folder is left as it was');
    assert.match(await readFile(join(from, movedMarker), 'utf8'), new RegExp(old1));
    assert.deepEqual(await bringAlong(from, to, silentLogger), [], 'only once');
    assert.equal((await new FileConversationStore(to).list()).length, 3);
  });

  it('finishes a move cut short on the next start, without duplicates', async () => {
    const ids = [await conversation(from, 'First'), await conversation(from, 'Second', true)];
    await conversation(to, 'New');
    // Something in the way of one conversation's copy makes the first attempt stop half-way.
    const blocked = ids[1]!;
    await writeFile(join(to, `${blocked}.edits`), 'in the way');
    await assert.rejects(bringAlong(from, to, silentLogger));
    assert.deepEqual((await readdir(from)).filter((n) => n === movedMarker), [], 'not marked as moved');
    assert.deepEqual(await titles(to), ['First', 'New']);
    await rm(join(to, `${blocked}.edits`));
    assert.deepEqual(await bringAlong(from, to, silentLogger), [blocked]);
    assert.deepEqual(await titles(to), ['First', 'New', 'Second']);
    assert.deepEqual((await readdir(to)).filter((n) => n.endsWith('.tmp')), []);
  });

  it('brings everything when the new folder has no index yet, and not what was deleted', async () => {
    await conversation(from, 'Kept');
    const gone = await conversation(from, 'Deleted there');
    const s = new FileConversationStore(from);
    await s.delete(gone);
    await s.dispose();
    await writeFile(join(from, `${gone}.jsonl`), '{"v":1,"t":"created","at":1,"id":"x","title":"Deleted there"}\n'); // A stray log.
    await bringAlong(from, to, silentLogger);
    assert.deepEqual(await titles(to), ['Kept']);
  });

  it('finds the history an earlier version kept for the same first folder in another workspace storage folder', async () => {
    const storage = join(base, 'workspaceStorage');
    const make = async (name: string, about: object, marked = false) => {
      const history = join(storage, name, 'pub.ext', 'history');
      await mkdir(history, { recursive: true });
      await writeFile(join(storage, name, 'workspace.json'), JSON.stringify(about));
      if (marked) await writeFile(join(history, movedMarker), '{}');
      return history;
    };
    const folder = 'file:///home/me/project';
    const mine = await make('a1', { folder });
    await make('b2', { folder: 'file:///home/me/other' });
    await make('c3', { workspace: 'file:///home/me/project.code-workspace' });
    await make('d4', { folder }, true);
    await mkdir(join(storage, 'e5'));
    assert.deepEqual(await earlierFolders(storage, 'pub.ext', folder), [mine]);
    assert.notEqual(historyKey(folder), historyKey('file:///home/me/other'));
    assert.match(historyKey(folder), /^w-[0-9a-f]{20}$/);
  });
});
