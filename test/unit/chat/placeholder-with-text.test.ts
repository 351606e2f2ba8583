// An answer that starts at once reaches the views as its placeholder and first text back to back (one paint
// on the page instead of an empty answer first); a model that thinks still shows its placeholder meanwhile.
import assert from 'node:assert/strict';
import type { HostToWebview } from '../../../src/core/protocol/messages';
import { withServer } from '../providers/harness';
import { backendController } from './backend-controller';

describe('An answer\'s placeholder and first text', () => {
  const ctx = withServer('anthropic');

  function recordPosts() {
    const posts: { message: HostToWebview; requestsSent: number }[] = [];
    const post = (message: HostToWebview): void => void posts.push({ message, requestsSent: ctx.server.chatRequests().length });
    const placeholderAt = () => posts.findIndex((p) => p.message.type === 'messageAdded' && p.message.message.role === 'assistant');
    return { posts, post, placeholderAt };
  }

  it('go out together when the answer starts at once', async () => {
    const { posts, post, placeholderAt } = recordPosts();
    ctx.server.enqueue({ tokens: ['At ', 'once.'] });
    // However long the request takes here, the placeholder waits for the first text.
    const answer = await backendController(ctx.server, { post, placeholderWaitMs: 60_000 }).ask('backend', 'Quick one?');
    assert.equal(answer?.text, 'At once.');
    const i = placeholderAt();
    assert.ok(i >= 0, 'the placeholder was posted');
    assert.equal(posts[i]!.requestsSent, 1, 'the placeholder waited for the request and its first text');
    const next = posts[i + 1]?.message;
    assert.ok(next?.type === 'textDelta' && next.seq === 1, 'the first text follows the placeholder directly');
    const shown = posts[i]!.message;
    assert.ok(shown.type === 'messageAdded' && shown.message.text === '' && shown.message.status === 'streaming', 'the placeholder is posted as it was added');
  });

  it('still shows the placeholder while the model thinks', async () => {
    const { posts, post, placeholderAt } = recordPosts();
    ctx.server.enqueue({ tokens: ['Thought ', 'first.'], firstByteDelayMs: 1000 });
    await backendController(ctx.server, { post, placeholderWaitMs: 10 }).ask('backend', 'Hard one?');
    const i = placeholderAt();
    const firstText = posts.findIndex((p) => p.message.type === 'textDelta');
    assert.ok(i >= 0 && i < firstText, 'the placeholder came before the first text');
    assert.deepEqual(posts.filter((p) => p.message.type === 'messageAdded').map((p) => p.message.type === 'messageAdded' && p.message.message.role), ['user', 'assistant']);
  });
});
