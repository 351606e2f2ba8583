// VS Code chat's changes kept for Undo: each answer's changes come back by its id (also from a fresh store, as
// after a reload), once; a workspace keeps only its newest answers, so the folder does not grow without bound.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileConversationStore } from '../../../src/core/history/file-store';
import { stateDigest } from '../../../src/core/tools/text';
import type { AppliedChange } from '../../../src/core/tools/types';
import { KeptChanges, type EarlierUndo } from '../../../src/extension/native/kept-changes';

function change(path: string, before: string): AppliedChange {
  const preImage = Buffer.from(before);
  return { tool: 'edit_file', kind: 'modify', summary: `Edit ${path}`, path, absolute: `/w/${path}`, before, after: 'new', beforeDigest: stateDigest(preImage), afterDigest: 'd2', createdDirs: [], preImage };
}

describe("VS Code chat's changes kept for Undo", () => {
  let folder: string;
  const opened: KeptChanges[] = [];
  const open = (cap?: number) => {
    const k = new KeptChanges({ open: () => new FileConversationStore(folder), ...(cap === undefined ? {} : { cap }) });
    opened.push(k);
    return k;
  };
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'agent-chat-kept-'))));
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((k) => k.dispose()));
    rmSync(folder, { recursive: true, force: true });
  });

  it("an answer's changes come back by its id after a reload, and only once", async () => {
    const id = await open().keep([change('a.ts', 'A before'), change('b.ts', 'B before')]);
    await opened[0]!.dispose();
    const again = open();
    const found = await again.find(id);
    assert.deepEqual(found?.edits.changes.map((c) => [c.path, Buffer.from(c.preImage!).toString()]), [['a.ts', 'A before'], ['b.ts', 'B before']]);
    await again.undone(found!, id);
    assert.equal((await again.find(id))?.edits.editIds.length ?? 0, 0, 'nothing is left to undo');
  });

  it('keeps only the newest answers of the workspace: the oldest are removed', async () => {
    const kept = open(3);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await kept.keep([change(`f${i}.ts`, `v${i}`)]));
    assert.deepEqual((await kept.answers()).map((a) => a.files), ['f4.ts', 'f3.ts', 'f2.ts'], 'the newest three, newest first, by their files');
    for (const old of ids.slice(0, 2)) assert.equal(await kept.find(old), undefined, 'an answer beyond the cap is gone');
    for (const [i, recent] of ids.slice(2).entries()) assert.equal((await kept.find(recent))?.edits.changes[0]?.path, `f${i + 2}.ts`);
  });

  describe("an earlier version's single conversation", () => {
    /** What earlier versions left: one conversation with every answer's changes, each answer under its turn id. */
    async function earlierVersion(turns: [string, string][]): Promise<string> {
      const store = new FileConversationStore(folder);
      const { id } = await store.create("VS Code chat's changes");
      for (const [turn, file] of turns) await store.saveEdit(id, { messageId: turn, turnId: turn, change: change(file, `${file} before`) });
      await store.dispose();
      return id;
    }
    function state(conversation: string) {
      const s: { conversation: string | undefined; moved: Record<string, string> } = { conversation, moved: {} };
      const earlier: EarlierUndo = {
        conversation: () => s.conversation,
        moved: async (moved) => {
          s.moved = moved;
          s.conversation = undefined;
        },
        movedTo: (id) => s.moved[id],
      };
      return { s, earlier };
    }

    it('is moved into records of their own, the newest answers up to the cap, and deleted', async () => {
      const old = await earlierVersion([['u_1', 'one.ts'], ['u_2', 'two.ts'], ['u_3', 'three.ts']]);
      const { s, earlier } = state(old);
      const kept = new KeptChanges({ open: () => new FileConversationStore(folder), cap: 2, earlier });
      opened.push(kept);
      assert.deepEqual((await kept.answers()).map((a) => a.files).sort(), ['three.ts', 'two.ts'], 'the newest two answers, each its own record');
      assert.equal(s.conversation, undefined, 'the earlier conversation is forgotten');
      const store = new FileConversationStore(folder);
      assert.ok(!(await store.list()).some((c) => c.id === old), 'and deleted from disk');
      await store.dispose();
      assert.equal(await kept.find('u_1'), undefined, 'an answer beyond the cap is not kept');
      const found = await kept.find('u_3');
      assert.deepEqual(found?.edits.changes.map((c) => [c.path, Buffer.from(c.preImage!).toString()]), [['three.ts', 'three.ts before']], "an old Undo button's id still finds its changes");
      await kept.undone(found!, 'u_3');
      assert.equal(await kept.find('u_3'), undefined, 'undone once, then nothing is left');
      assert.deepEqual((await kept.answers()).map((a) => a.files), ['two.ts']);
    });

    it('an answer undone before the move is not moved', async () => {
      const old = await earlierVersion([['u_1', 'one.ts'], ['u_2', 'two.ts']]);
      const store = new FileConversationStore(folder);
      const first = await store.turnEdits(old, 'u_1');
      await store.editsUndone(old, 'u_1', first.editIds);
      await store.dispose();
      const kept = new KeptChanges({ open: () => new FileConversationStore(folder), earlier: state(old).earlier });
      opened.push(kept);
      assert.deepEqual((await kept.answers()).map((a) => a.files), ['two.ts']);
    });
  });

  it('an unknown id finds nothing', async () => {
    assert.equal(await open().find('u-unknown'), undefined);
  });
});
