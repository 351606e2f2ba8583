// VS Code's chat history (context.history) as the conversation the team's model receives: each earlier request
// and answer of our participants once and in order, a slash command kept with its request, an answer that came
// in many markdown parts as one message, and other participants' turns and empty answers left out.
import assert from 'node:assert/strict';
import { historyFromTurns, type HistoryTurn } from '../../../src/extension/native/history-turns';

describe("VS Code's Chat: the conversation so far from context.history", () => {
  it("turns our participants' requests and answers into user and assistant messages, each once, in order", () => {
    const turns: HistoryTurn[] = [
      { participant: 'agentChat.backend', request: { prompt: 'Add a /health route' } },
      { participant: 'agentChat.backend', answer: 'Added it in src/server.ts.' },
      { participant: 'agentChat.qa', request: { prompt: 'Test it' } },
      { participant: 'agentChat.qa', answer: 'Wrote test/health.test.ts.' },
    ];
    assert.deepEqual(historyFromTurns(turns), [
      { role: 'user', content: 'Add a /health route' },
      { role: 'assistant', content: 'Added it in src/server.ts.' },
      { role: 'user', content: 'Test it' },
      { role: 'assistant', content: 'Wrote test/health.test.ts.' },
    ]);
  });

  it('keeps the slash command with its request', () => {
    const messages = historyFromTurns([{ participant: 'agentChat.backend', request: { prompt: 'this function', command: 'explain' } }]);
    assert.deepEqual(messages, [{ role: 'user', content: '/explain this function' }]);
  });

  it("leaves out another participant's turns, and answers without text (a tool call only, a stopped answer)", () => {
    const messages = historyFromTurns([
      { participant: 'github.copilot.default', request: { prompt: 'What is a monad?' } },
      { participant: 'github.copilot.default', answer: 'A monoid in the category of endofunctors.' },
      { participant: 'agentChat.team', request: { prompt: 'qa: run the tests' } },
      { participant: 'agentChat.team', answer: '  \n' },
    ]);
    assert.deepEqual(messages, [{ role: 'user', content: 'qa: run the tests' }]);
  });
});
