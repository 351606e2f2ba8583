// Every field a stored message can carry is checked when history is read back: a wrong one is dropped
// (and named), the message kept, so a damaged record can neither break the chat nor reach a request.
import assert from 'node:assert/strict';
import { repairMessage } from '../../../src/core/history/validate';

const base = () => ({ id: 'm1', role: 'assistant', author: 'backend', text: 'hi', status: 'complete', createdAt: 1_700_000_000_000 });

describe('stored message fields', () => {
  it('keeps every stop reason an answer can end with', () => {
    for (const stopReason of ['end', 'tool_use', 'max_tokens', 'cancelled', 'refusal', 'content_filter', 'context_window', 'pause_turn', 'other']) {
      const m = { ...base(), stopReason };
      assert.deepEqual(repairMessage(m)?.repaired, [], stopReason);
      assert.equal(m.stopReason, stopReason);
    }
  });

  it('keeps a well-formed hand-off offer and reasoning, drops malformed ones', () => {
    const good = {
      ...base(),
      handOff: { agent: 'qa', task: 'cover the 400 path', state: 'offered' },
      reasoning: [{ type: 'thinking', thinking: 'x', signature: 's' }, { type: 'redacted_thinking', data: 'd' }],
    };
    assert.deepEqual(repairMessage(good)?.repaired, []);
    const bad: Record<string, unknown> = { ...base(), handOff: { agent: 'qa', state: 'maybe' }, reasoning: 'oops' };
    assert.deepEqual(repairMessage(bad)?.repaired.sort(), ['handOff', 'reasoning']);
    assert.equal(bad.handOff, undefined);
    assert.equal(bad.reasoning, undefined);
    const foreign: Record<string, unknown> = { ...base(), reasoning: [{ type: 'tool_use', id: 'x', name: 'write_file', input: {} }] };
    assert.deepEqual(repairMessage(foreign)?.repaired, ['reasoning'], 'a block of another kind never goes back to the API');
  });

  it('drops a tool call whose rejection reason is not text, and resets a time no date can show', () => {
    const call = { id: 't1', name: 'read_file', argumentsText: '{}', status: 'rejected' };
    const m: Record<string, unknown> = { ...base(), createdAt: 1e300, toolCalls: [{ ...call, rejectedReason: 'too broad' }, { ...call, id: 't2', rejectedReason: 7 }] };
    assert.deepEqual(repairMessage(m)?.repaired.sort(), ['createdAt', 'toolCalls']);
    assert.deepEqual((m.toolCalls as { id: string }[]).map((c) => c.id), ['t1']);
    assert.equal(m.createdAt, 0);
  });

  it('keeps a command call\'s kind, approval card, output, exit code and duration; drops only the malformed ones', () => {
    const command = {
      id: 't1', name: 'run_command', argumentsText: '{"command":"node test.js"}', status: 'done', kind: 'command',
      approval: { title: 'Run node test.js', detail: 'in .', canAlwaysAllow: true }, output: 'ok 1\n', exitCode: 0, durationMs: 120,
    };
    const good: Record<string, unknown> = { ...base(), toolCalls: [command] };
    assert.deepEqual(repairMessage(good)?.repaired, []);
    assert.deepEqual(good.toolCalls, [command]);
    const bad: Record<string, unknown> = { ...base(), toolCalls: [{ ...command, kind: 'shell', approval: { title: 3 }, output: ['x'], exitCode: '0' }] };
    assert.deepEqual(repairMessage(bad)?.repaired, ['toolCalls']);
    assert.deepEqual(bad.toolCalls, [{ id: 't1', name: 'run_command', argumentsText: command.argumentsText, status: 'done', durationMs: 120 }]);
  });

  it("keeps a read's line range; drops a malformed one", () => {
    const read = { id: 't1', name: 'read_file', argumentsText: '{"path":"a.ts"}', status: 'done', summary: 'Read a.ts (lines 1-2 of 2)', lineRange: { start: 1, end: 2, total: 2 } };
    const good: Record<string, unknown> = { ...base(), toolCalls: [read] };
    assert.deepEqual(repairMessage(good)?.repaired, []);
    assert.deepEqual(good.toolCalls, [read]);
    const bad: Record<string, unknown> = { ...base(), toolCalls: [{ ...read, lineRange: { start: '<b>1</b>', end: 2 } }] };
    assert.deepEqual(repairMessage(bad)?.repaired, ['toolCalls']);
    assert.equal((bad.toolCalls as { lineRange?: unknown }[])[0]?.lineRange, undefined);
  });
});
