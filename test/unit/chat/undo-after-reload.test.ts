// Undo outlives the window: the changes an agent turn applied are kept with the conversation on disk,
// so a new controller over a new store (a reloaded window) restores them, once.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatController } from '../../../src/core/chat/controller';
import { FileConversationStore } from '../../../src/core/history/file-store';
import type { ConversationStore, UndoArchive } from '../../../src/core/chat/store';
import { MemoryConversationStore } from '../../doubles/memory-store';
import { silentLogger, type Logger } from '../../../src/core/log';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { NodeToolFileSystem } from '../../doubles/node-tool-fs';
import { ToolRunner } from '../../../src/core/tools/runner';
import { models, providerFor, withServer } from '../providers/harness';

describe('undo after a reload', () => {
  const ctx = withServer('openai');
  let dir: string;
  let workspace: string;
  let history: string;
  const stores: FileConversationStore[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'undo-reload-'));
    workspace = join(dir, 'ws');
    history = join(dir, 'history');
    await mkdir(workspace);
    await writeFile(join(workspace, 'a.txt'), 'alpha\n');
    await writeFile(join(workspace, 'gone.txt'), 'keep me\n');
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.dispose()));
    await rm(dir, { recursive: true, force: true });
  });

  /** A window: its own store instance over the same history folder, and its own controller. */
  function openWindow(posts: HostToWebview[] = [], overrides: { store?: ConversationStore & UndoArchive; log?: Logger } = {}) {
    const store = overrides.store ?? new FileConversationStore(history);
    if (store instanceof FileConversationStore) stores.push(store);
    const runner = new ToolRunner(new NodeToolFileSystem([{ name: 'ws', path: workspace }]), { trusted: true });
    return new ChatController({
      store,
      resolveModel: async () => ({ provider: providerFor(ctx.server), model: models.openai, maxTokens: 200 }),
      systemPrompt: () => 'You are @backend.',
      agents: () => [{ name: 'backend', description: 'backend' }],
      defaultAgent: () => 'backend',
      modelLabel: () => 'openai',
      post: (m) => posts.push(structuredClone(m)),
      log: overrides.log ?? silentLogger,
      tools: () => runner,
      limits: () => ({ maxToolRounds: 5, maxHandOffs: 0, contextChars: 100_000, autoApprove: { read: true, write: true } }),
    });
  }

  async function runEditingTurn(controller = openWindow(), kept = 3): Promise<{ id: string }> {
    ctx.server.enqueue(
      {
        toolCalls: [
          { id: 'w1', name: 'edit_file', arguments: { path: 'a.txt', oldText: 'alpha', newText: 'ALPHA' } },
          { id: 'w2', name: 'write_file', arguments: { path: 'src/new.txt', content: 'created\n' } },
          { id: 'w3', name: 'delete_file', arguments: { path: 'gone.txt' } },
        ],
      },
      { tokens: ['Done.'] },
    );
    const answer = await controller.ask('backend', 'Change things');
    assert.equal(answer?.undoableChanges, kept);
    assert.equal(await readFile(join(workspace, 'a.txt'), 'utf8'), 'ALPHA\n');
    return { id: answer!.id };
  }

  it('restores modified, created and deleted files from what the conversation kept', async () => {
    const answerId = (await runEditingTurn()).id;
    await Promise.all(stores.map((s) => s.dispose()));

    const reloaded = openWindow();
    await reloaded.snapshot(); // opens the most recent conversation, as a new window does
    const result = await reloaded.undo(answerId);
    assert.deepEqual(result?.conflicts, []);
    assert.deepEqual(new Set(result?.restored), new Set(['a.txt', 'src/new.txt', 'gone.txt']));
    assert.equal(await readFile(join(workspace, 'a.txt'), 'utf8'), 'alpha\n');
    assert.equal(await readFile(join(workspace, 'gone.txt'), 'utf8'), 'keep me\n');
    await assert.rejects(stat(join(workspace, 'src')), 'the created file and its folder are gone');

    // Undone once is undone: a third window finds nothing left to undo.
    await writeFile(join(workspace, 'a.txt'), 'the user edits again\n');
    const third = openWindow();
    await third.snapshot();
    assert.equal(await third.undo(answerId), undefined);
    assert.equal(await readFile(join(workspace, 'a.txt'), 'utf8'), 'the user edits again\n');
  });

  for (const damage of ['missing', 'truncated'] as const) {
    it(`a change whose kept bytes are ${damage} is reported and left alone, never emptied`, async () => {
      const answerId = (await runEditingTurn()).id;
      const kept = join(history, (await readdir(history)).find((n) => n.endsWith('.edits'))!);
      for (const name of await readdir(kept)) {
        if (damage === 'missing') await unlink(join(kept, name));
        else await writeFile(join(kept, name), 'kee');
      }

      const reloaded = openWindow();
      await reloaded.snapshot();
      const result = await reloaded.undo(answerId);
      assert.deepEqual(result?.restored, ['src/new.txt'], 'a created file needs no kept bytes');
      assert.deepEqual(result?.conflicts.map((c) => c.path).sort(), ['a.txt', 'gone.txt']);
      assert.equal(await readFile(join(workspace, 'a.txt'), 'utf8'), 'ALPHA\n');
      await assert.rejects(stat(join(workspace, 'gone.txt')), 'not recreated with damaged content');
    });
  }

  it('two Undo clicks at once undo once; a later click clears the button', async () => {
    const answerId = (await runEditingTurn()).id;
    const posts: HostToWebview[] = [];
    const stalePosts: HostToWebview[] = [];
    const window = openWindow(posts);
    await window.snapshot();
    const stale = openWindow(stalePosts); // a second window, loaded while the button still showed
    await stale.snapshot();
    const [first, second] = await Promise.all([window.undo(answerId), window.undo(answerId)]);
    assert.equal(first?.restored.length, 3);
    assert.equal(second, undefined, 'the second click found the undo already running');
    assert.match(lastNotice(posts, answerId) ?? '', /^Undid 3 changes\.$/);

    // The other window's button: does nothing to the files, and goes away.
    await writeFile(join(workspace, 'a.txt'), 'edited by the user\n');
    assert.equal(await stale.undo(answerId), undefined);
    assert.equal(await readFile(join(workspace, 'a.txt'), 'utf8'), 'edited by the user\n');
    assert.equal(lastNotice(stalePosts, answerId), 'Nothing left to undo.');
  });

  it('a change whose previous content cannot be kept is applied, and the answer says Undo will not cover it', async () => {
    const store = new MemoryConversationStore();
    // The disk refuses the kept bytes of one file (full, read-only…); everything else works.
    const saveEdit = store.saveEdit.bind(store);
    store.saveEdit = async (id, edit) => {
      if (edit.change.path === 'a.txt') throw new Error('ENOSPC: no space left on device');
      return saveEdit(id, edit);
    };
    const errors: string[] = [];
    const log = { ...silentLogger, error: (message: string) => void errors.push(message) };
    const controller = openWindow([], { store, log });
    const answerId = (await runEditingTurn(controller, 2)).id;
    const answer = await controller.snapshot();
    const shown = answer.type === 'snapshot' ? answer.messages.find((m) => m.id === answerId) : undefined;
    assert.match(shown?.notice ?? '', /Undo will not cover a\.txt/);
    assert.equal(shown?.undoableChanges, 2);
    assert.deepEqual(errors, ['could not keep the previous content of a.txt for undo']);
    const result = await controller.undo(answerId);
    assert.deepEqual(new Set(result?.restored), new Set(['src/new.txt', 'gone.txt']));
    assert.equal(await readFile(join(workspace, 'a.txt'), 'utf8'), 'ALPHA\n', 'the change without kept bytes stays');
  });

  it('deleting the conversation removes the kept bytes with it', async () => {
    await runEditingTurn();
    const [store] = stores;
    const [conversation] = await store!.list();
    await store!.delete(conversation!.id);
    assert.deepEqual((await readdir(history)).filter((n) => n.endsWith('.edits')), []);
  });
});


/** The notice the views were last told for a message. */
function lastNotice(posts: HostToWebview[], messageId: string): string | undefined {
  const updates = posts.flatMap((p) => (p.type === 'messageCompleted' && p.message.id === messageId ? [p.message] : []));
  return updates.at(-1)?.notice;
}
