// The snapshot several page tests open with: one question and its answer, from the one agent `backend`.
import type { ChatMessageRecord } from '../../src/core/protocol/chat-message';
import type { HostToWebview } from '../../src/core/protocol/messages';

/** A conversation titled `title` holding `messages`, with the one agent `backend`. */
export function snapshotOf(title: string, messages: ChatMessageRecord[]): Extract<HostToWebview, { type: 'snapshot' }> {
  return {
    type: 'snapshot', conversation: { id: 'c1', title, updatedAt: 0, messageCount: messages.length }, messages,
    hasOlder: false, agents: [{ name: 'backend', description: 'backend work' }], defaultAgent: 'backend', model: 'fake · model',
  };
}

/** A conversation titled `title` holding `question` (m0) and `answer` (m1, by @backend), both complete. */
export function twoMessages(title: string, question: string, answer: string): Extract<HostToWebview, { type: 'snapshot' }> {
  return snapshotOf(title, [
    { id: 'm0', role: 'user', author: 'user', text: question, status: 'complete', createdAt: 0 },
    { id: 'm1', role: 'assistant', author: 'backend', text: answer, status: 'complete', createdAt: 0 },
  ]);
}
