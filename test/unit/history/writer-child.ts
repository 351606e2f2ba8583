// A second "window": a separate process writing to the same history folder as the test.
// argv: root, label, conversations | root, 'stream' (start an answer, report, then wait to be killed)
// | root, 'append', conversation id, messages, characters per message (all into one conversation).
import { FileConversationStore } from '../../../src/core/history/file-store';

async function main(): Promise<void> {
  const [root, label, count] = process.argv.slice(2) as [string, string, string];
  const store = new FileConversationStore(root);
  if (label === 'stream') {
    const c = await store.create('Streaming in a child');
    const answer = { id: 'm_child_answer', role: 'assistant' as const, author: 'backend', text: '', status: 'streaming' as const, createdAt: Date.now() };
    await store.appendMessage(c.id, answer);
    await store.checkpoint(c.id, answer.id, 'Partial answer from the child');
    await store.flush();
    process.send?.({ conversationId: c.id, messageId: answer.id });
    setInterval(() => undefined, 1000); // Keep streaming until killed.
    return;
  }
  if (label === 'append') {
    const [id, messages, size] = process.argv.slice(4) as [string, string, string];
    await appendMany(store, id, Number(messages), Number(size));
  } else {
    await writeMany(store, label, Number(count));
  }
  await store.dispose();
  process.send?.({ done: true });
}

export async function writeMany(store: FileConversationStore, label: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const c = await store.create(`${label} ${i}`);
    for (let j = 0; j <= i % 3; j++) {
      await store.appendMessage(c.id, { id: `m_${label}_${i}_${j}`, role: 'user', author: 'user', text: `${label} ${i}.${j}`, status: 'complete', createdAt: Date.now() });
    }
    if (i % 4 === 0) await store.flush();
  }
}

/** `count` messages of `size` characters each into conversation `id`. */
export async function appendMany(store: FileConversationStore, id: string, count: number, size: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const text = `${process.pid}:${i}:`.padEnd(size, 'x');
    await store.appendMessage(id, { id: `m_${process.pid}_${i}`, role: 'user', author: 'user', text, status: 'complete', createdAt: Date.now() });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
