// VS Code chat's changes kept for Undo: each answer's changes come back by its id (also from a fresh store, as
// after a reload), once; a workspace keeps only its newest answers, so the folder does not grow without bound.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileConversationStore } from '../../../src/core/history/file-store';
import { stateDigest } from '../../../src/core/tools/text';
import type { AppliedChange } from '../../../src/core/tools/types';
import { KeptChanges } from '../../../src/extension/native/kept-changes';

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

  it('an unknown id finds nothing', async () => {
    assert.equal(await open().find('u-unknown'), undefined);
  });
});
