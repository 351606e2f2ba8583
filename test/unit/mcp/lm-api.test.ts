import assert from 'node:assert/strict';
import { lmTools, type MaybeLmApi } from '../../../src/extension/mcp/lm-api';

describe("mcp: an editor without VS Code's language-model tools", () => {
  it('lists no tools instead of throwing when vscode.lm or vscode.lm.tools is missing', () => {
    const editors: MaybeLmApi<{ name: string }>[] = [{}, { lm: undefined }, { lm: {} }, { lm: { tools: undefined } }];
    for (const api of editors) assert.deepEqual(lmTools(api), [], JSON.stringify(api));
  });

  it("lists VS Code's tools where the API exists", () => {
    const tools = [{ name: 'mcp_fs_read' }];
    assert.equal(lmTools({ lm: { tools } }), tools);
  });
});
