// Each vendor's documented streaming format, replayed byte for byte (whole, and split into 1–3 byte
// writes) through the real SDK and our provider: the events must be exactly these.
import assert from 'node:assert/strict';
import type { ChatEvent } from '../../../src/core/providers/types';
import type { Vendor } from '../../fakes/script';
import * as t from '../../fakes/transcripts';
import { collect, providerFor, request, withServer } from './harness';

const toolArgs = { path: 'src/main.ts' };

const cases: { vendor: Vendor; name: string; raw: string; events: ChatEvent[] }[] = [
  {
    vendor: 'anthropic', name: 'text', raw: t.anthropicText,
    events: [
      { type: 'text', text: 'Good' }, { type: 'text', text: ' morning!' },
      { type: 'usage', usage: { inputTokens: 31, outputTokens: 9 } }, { type: 'done', stopReason: 'end' },
    ],
  },
  {
    vendor: 'anthropic', name: 'tool call', raw: t.anthropicTool,
    events: [
      { type: 'text', text: 'I will open' }, { type: 'text', text: ' the file.' },
      { type: 'toolCallStart', index: 0, id: 'toolu_01TranscriptCall000001', name: 'read_file' },
      { type: 'toolCallDelta', index: 0, argumentsDelta: '{"path": "src/' },
      { type: 'toolCallDelta', index: 0, argumentsDelta: 'main.ts"}' },
      { type: 'toolCallComplete', index: 0, call: { id: 'toolu_01TranscriptCall000001', name: 'read_file', arguments: toolArgs } },
      { type: 'usage', usage: { inputTokens: 402, outputTokens: 61 } }, { type: 'done', stopReason: 'tool_use' },
    ],
  },
  {
    vendor: 'openai', name: 'text', raw: t.openaiText,
    events: [
      { type: 'text', text: 'Good' }, { type: 'text', text: ' morning!' },
      { type: 'usage', usage: { inputTokens: 19, outputTokens: 4 } }, { type: 'done', stopReason: 'end' },
    ],
  },
  {
    vendor: 'openai', name: 'tool call', raw: t.openaiTool,
    events: [
      { type: 'toolCallStart', index: 0, id: 'call_Transcript0001', name: 'read_file' },
      { type: 'toolCallDelta', index: 0, argumentsDelta: '{"' },
      { type: 'toolCallDelta', index: 0, argumentsDelta: 'path' },
      { type: 'toolCallDelta', index: 0, argumentsDelta: '":"src/main.ts"}' },
      { type: 'toolCallComplete', index: 0, call: { id: 'call_Transcript0001', name: 'read_file', arguments: toolArgs } },
      { type: 'usage', usage: { inputTokens: 88, outputTokens: 17 } }, { type: 'done', stopReason: 'tool_use' },
    ],
  },
  {
    vendor: 'ollama', name: 'text', raw: t.ollamaText,
    events: [
      { type: 'text', text: 'Good' }, { type: 'text', text: ' morning!' },
      { type: 'usage', usage: { inputTokens: 26, outputTokens: 3 } }, { type: 'done', stopReason: 'end' },
    ],
  },
  {
    vendor: 'ollama', name: 'tool call', raw: t.ollamaTool,
    events: [
      { type: 'toolCallStart', index: 0, id: 'ollama_call_0', name: 'read_file' },
      { type: 'toolCallDelta', index: 0, argumentsDelta: JSON.stringify(toolArgs) },
      { type: 'toolCallComplete', index: 0, call: { id: 'ollama_call_0', name: 'read_file', arguments: toolArgs } },
      { type: 'usage', usage: { inputTokens: 140, outputTokens: 21 } }, { type: 'done', stopReason: 'tool_use' },
    ],
  },
];

for (const vendor of ['anthropic', 'openai', 'ollama'] as const) {
  describe(`${vendor} documented stream transcripts`, () => {
    const ctx = withServer(vendor);
    for (const c of cases.filter((x) => x.vendor === vendor)) {
      for (const splitWrites of [false, true]) {
        it(`${c.name}${splitWrites ? ', split into tiny writes' : ''} → exactly the expected events`, async () => {
          ctx.server.enqueue({ raw: c.raw, splitWrites });
          const events = await collect(providerFor(ctx.server).stream(request(vendor), new AbortController().signal));
          assert.deepEqual(events, c.events);
        });
      }
    }
  });
}
