import assert from 'node:assert/strict';
import { DeltaBatcher, type BatcherClock } from '../../../src/core/chat/delta-batcher';

/** A clock the test moves by hand, so batching is checked without real waiting. */
function manualClock() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const clock: BatcherClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn, id: ++nextId };
      timers.push(t);
      return t.id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((t) => t.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

describe('DeltaBatcher', () => {
  it('sends the first piece at once, then at most one post per interval', () => {
    const { clock, advance } = manualClock();
    const posts: [string, number][] = [];
    const b = new DeltaBatcher((t, s) => posts.push([t, s]), 16, clock);
    b.push('a');
    assert.deepEqual(posts, [['a', 1]]);
    b.push('b');
    b.push('c');
    advance(10);
    b.push('d');
    assert.equal(posts.length, 1, 'nothing more within the interval');
    advance(6);
    assert.deepEqual(posts, [['a', 1], ['bcd', 2]]);
  });

  it('sends immediately when the interval has already passed', () => {
    const { clock, advance } = manualClock();
    const posts: string[] = [];
    const b = new DeltaBatcher((t) => posts.push(t), 16, clock);
    b.push('a');
    advance(100);
    b.push('b');
    assert.deepEqual(posts, ['a', 'b']);
  });

  it('finish holds the end of a stream until the last post is an interval old, then sends the rest', async () => {
    const { clock, advance } = manualClock();
    const posts: string[] = [];
    const b = new DeltaBatcher((t) => posts.push(t), 16, clock);
    b.push('first');
    b.push(' rest');
    let finished = false;
    const finishing = b.finish().then(() => (finished = true));
    await Promise.resolve();
    assert.deepEqual(posts, ['first'], 'the rest does not follow the first text at once');
    assert.equal(finished, false, 'what comes after the stream (the settled answer) waits too');
    advance(16);
    await finishing;
    assert.deepEqual(posts, ['first', ' rest']);
  });

  it('finish sends at once when the last post is already an interval old', async () => {
    const { clock, advance } = manualClock();
    const posts: string[] = [];
    // Past the quick posts: the steady interval (48 ms) holds 'b', but the stream's end waits only the quick one.
    const b = new DeltaBatcher((t) => posts.push(t), 16, clock, 0);
    b.push('a');
    advance(20);
    b.push('b');
    assert.deepEqual(posts, ['a']);
    const finishing = b.finish();
    assert.deepEqual(posts, ['a', 'b'], 'sent before finish awaits anything');
    await finishing;
  });

  it('flush sends what is pending now and cancels the timer', () => {
    const { clock, pending } = manualClock();
    const posts: string[] = [];
    const b = new DeltaBatcher((t) => posts.push(t), 16, clock);
    b.push('a');
    b.push('b');
    assert.equal(pending(), 1);
    b.flush();
    assert.deepEqual(posts, ['a', 'b']);
    assert.equal(pending(), 0);
    b.flush();
    assert.deepEqual(posts, ['a', 'b'], 'an empty flush posts nothing');
  });

  it('loses nothing over a long fast stream and numbers posts without gaps', () => {
    const { clock, advance } = manualClock();
    const posts: [string, number][] = [];
    const b = new DeltaBatcher((t, s) => posts.push([t, s]), 16, clock);
    let expected = '';
    for (let i = 0; i < 5000; i++) {
      const piece = `t${i} `;
      expected += piece;
      b.push(piece);
      advance(0.2); // 5,000 tokens/s
    }
    b.dispose();
    assert.equal(posts.map((p) => p[0]).join(''), expected);
    assert.deepEqual(posts.map((p) => p[1]), posts.map((_, i) => i + 1));
    assert.ok(posts.length < 70, `${posts.length} posts for one second of tokens`);
  });

  it('after the first posts of a steady stream, posts every 48 ms instead of every frame', () => {
    const { clock, advance } = manualClock();
    const posts: number[] = [];
    const b = new DeltaBatcher(() => posts.push(clock.now()), 16, clock);
    for (let i = 0; i < 400; i++) {
      b.push('t ');
      advance(5); // 200 tokens/s
    }
    b.dispose();
    const gaps = posts.slice(1).map((t, i) => t - posts[i]!);
    assert.ok(gaps.slice(0, 5).every((g) => g <= 20), `the first posts come a frame apart: ${gaps.slice(0, 5).join(', ')}`);
    assert.ok(gaps.slice(6, -1).every((g) => g >= 48), `then at least 48 ms apart: ${gaps.slice(6, -1).join(', ')}`);
    assert.ok(posts.length < 50, `${posts.length} posts for two seconds at 200 tokens/s`);
  });

  it('posts a slow stream less often than a fast one, and still the first piece at once', () => {
    const gapsAt = (piecesPerMs: number) => {
      const { clock, advance } = manualClock();
      const posts: number[] = [];
      const b = new DeltaBatcher(() => posts.push(clock.now()), 16, clock);
      for (let i = 0; i < 2000 * piecesPerMs; i++) {
        b.push('t ');
        advance(1 / piecesPerMs);
      }
      b.dispose();
      assert.equal(posts[0], 0, 'the first piece is posted when it comes');
      return posts.slice(8).map((t, i) => t - posts[i + 7]!).slice(0, -1);
    };
    const slow = gapsAt(0.2); // 200 tokens/s
    const fast = gapsAt(5); // 5,000 tokens/s
    assert.ok(slow.every((g) => g >= 80), `a slow stream posts at least 80 ms apart: ${slow.join(', ')}`);
    assert.ok(fast.every((g) => g >= 48 && g < 80), `a fast one every 48 ms: ${fast.join(', ')}`);
  });

  it('posts a slow stream about eight times a second once it is going', () => {
    const { clock, advance } = manualClock();
    const posts: number[] = [];
    const b = new DeltaBatcher(() => posts.push(clock.now()), 16, clock);
    for (let i = 0; i < 800; i++) {
      b.push('t ');
      advance(5); // 200 tokens/s for four seconds
    }
    b.dispose();
    const steady = posts.slice(8).map((t, i) => t - posts[i + 7]!).slice(0, -1);
    assert.ok(steady.every((g) => g >= 120), `posts at least 120 ms apart: ${steady.join(', ')}`);
    assert.ok(posts.length <= 42, `${posts.length} posts for four seconds at 200 tokens/s`);
  });

  it('ignores empty pieces', () => {
    const posts: string[] = [];
    const b = new DeltaBatcher((t) => posts.push(t), 16, manualClock().clock);
    b.push('');
    b.flush();
    assert.deepEqual(posts, []);
  });
});
