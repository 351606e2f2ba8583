// Errors in results that VS Code relays without their flag: what the real server-everything returns for a bad
// call is recognised as an error once its `isError` is taken away, and ordinary results are not.
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { relayedResultIsError } from '../../../src/core/mcp/relayed-errors';
import { mcpResultOutput, type McpToolResult } from '../../../src/core/mcp/results';
import { ToolError } from '../../../src/core/tools/types';
import { everythingEntry } from './harness';

describe('MCP errors relayed without their flag (VS Code 1.139)', function () {
  this.timeout(30_000);
  const client = new Client({ name: 'relayed-errors-test', version: '1.0.0' });
  before(async () => {
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [everythingEntry, 'stdio'], stderr: 'ignore' }));
  });
  after(() => client.close());
  /** The server's answer as VS Code hands it to extensions: the content, without `isError`. */
  async function relayed(name: string, args: Record<string, unknown>): Promise<{ flagged: boolean; bare: McpToolResult }> {
    const result = await client.callTool({ name, arguments: args });
    return { flagged: result.isError === true, bare: { content: result.content } };
  }

  it('recognises the SDK protocol errors: invalid arguments and an unknown tool', async () => {
    for (const [name, args] of [['get-sum', { a: 'x', b: 2 }], ['echo', {}], ['no-such-tool', {}]] as const) {
      const { flagged, bare } = await relayed(name, args);
      assert.ok(flagged, `the server flags ${name} as an error`);
      assert.ok(relayedResultIsError(bare), `${name}: ${JSON.stringify(bare)}`);
      assert.throws(() => mcpResultOutput({ ...bare, isError: relayedResultIsError(bare) }, `everything · ${name}`), (e: unknown) => e instanceof ToolError && /MCP error -32602/.test(e.message));
    }
  });

  it('passes results, and a tool\'s own error text that carries no mark (the documented limit)', async () => {
    assert.equal(relayedResultIsError((await relayed('echo', { message: 'MCP error is a phrase' })).bare), false);
    assert.equal(relayedResultIsError((await relayed('get-sum', { a: 1, b: 2 })).bare), false);
    const own = await relayed('get-resource-reference', { resourceType: 'Text', resourceId: -5 });
    assert.ok(own.flagged, 'the server flags it');
    assert.equal(relayedResultIsError(own.bare), false, 'but nothing in the text says so');
    // An echo of the mark itself is text the tool returned, with other text around it.
    assert.equal(relayedResultIsError({ content: [{ type: 'text', text: 'Echo: MCP error -32602: x' }] }), false);
    assert.equal(relayedResultIsError({ content: [{ type: 'text', text: 'MCP error -32602: x' }, { type: 'text', text: 'more' }] }), false);
    assert.equal(relayedResultIsError({ content: [], isError: true }), true, 'a flag, when present, is kept');
  });
});
