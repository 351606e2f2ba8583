// The Disposable base: what an owner registers is released with it, once, newest first, even when one fails.
import assert from 'node:assert/strict';
import { Disposable, toDisposable } from '../../../src/core/util/dispose';

class Owner extends Disposable {
  register(name: string, log: string[], fail = false) {
    return this._register(
      toDisposable(() => {
        log.push(name);
        if (fail) throw new Error(`${name} failed`);
      }),
    );
  }
}

describe('Disposable', () => {
  it('releases what was registered once, newest first', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register('listener', log);
    owner.register('watcher', log);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['watcher', 'listener']);
  });

  it('releases the rest when one fails, then reports the failure', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register('first', log);
    owner.register('failing', log, true);
    assert.throws(() => owner.dispose(), /failing failed/);
    assert.deepEqual(log, ['failing', 'first']);
  });

  it('something registered after the owner went is released at once', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.register('late', log);
    assert.deepEqual(log, ['late']);
  });
});
