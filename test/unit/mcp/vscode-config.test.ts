// VS Code's mcp.json files as we read them: server names and VS Code's ids for them, tool names split
// by server, and a server configured both in agentChat.mcp.servers and in a VS Code file listed once.
import assert from 'node:assert/strict';
import { definitionId, listedOnce, serverRefs, sharedToolPrefix, splitToolName } from '../../../src/core/mcp/vscode-config';

describe("VS Code's mcp.json", () => {
  it('names its servers (comments, trailing commas and URLs with // included) with the ids VS Code gives them', () => {
    const text = `{
      // the user's servers
      "servers": {
        "github": { "type": "http", "url": "https://api.example.com/mcp", }, /* remote */
        "everything": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-everything"] },
      },
    }`;
    assert.deepEqual(serverRefs(text, { kind: 'user', remote: false }), [
      { name: 'github', definitionId: 'mcp.config.usrlocal.github', place: 'user' },
      { name: 'everything', definitionId: 'mcp.config.usrlocal.everything', place: 'user' },
    ]);
    assert.equal(definitionId('everything', { kind: 'user', remote: true }), 'mcp.config.usrremote.everything');
    assert.equal(definitionId('db', { kind: 'folder', index: 1 }), 'mcp.config.ws1.db');
    assert.deepEqual(serverRefs('{ not json', { kind: 'folder', index: 0 }), []);
    assert.deepEqual(serverRefs('', { kind: 'folder', index: 0 }), []);
  });

  it("splits VS Code's tool names by server, also for long names VS Code shortens and numbers", () => {
    const servers = ['everything', 'every', 'My Long Server Name'];
    assert.deepEqual(splitToolName('mcp_everything_echo', servers), { server: 'everything', tool: 'echo' });
    assert.deepEqual(splitToolName('mcp_every_get-sum', servers), { server: 'every', tool: 'get-sum' });
    assert.deepEqual(splitToolName('mcp_my_long_serve_search', servers), { server: 'My Long Server Name', tool: 'search' });
    assert.deepEqual(splitToolName('mcp_everything2_echo', servers), { server: 'everything', tool: 'echo' });
    assert.deepEqual(splitToolName('mcp_other_tool_x', servers), { server: 'other', tool: 'tool_x' });
  });

  it('learns the prefix VS Code gave a started server from its new tools (VS Code names them after the title)', () => {
    const fresh = ['mcp_everything_re_echo', 'mcp_everything_re_get-sum', 'mcp_everything_re_get-env'];
    const prefix = sharedToolPrefix(fresh);
    assert.equal(prefix, 'mcp_everything_re_');
    assert.equal(sharedToolPrefix(['mcp_a_echo']), undefined);
    // Learned, the tools are that server's even though the name starts like another one of ours.
    assert.deepEqual(splitToolName('mcp_everything_re_echo', ['everything', 'vsceverything'], new Map([[prefix!, 'vsceverything']])), { server: 'vsceverything', tool: 'echo' });
    assert.deepEqual(splitToolName('mcp_everything_re_echo', ['everything', 'vsceverything']), { server: 'everything', tool: 're_echo' });
  });

  it('lists a server present in agentChat.mcp.servers and in a VS Code file (user or workspace) once, as ours', () => {
    const ours = [{ name: 'everything', source: 'ours' }];
    const user = serverRefs('{"servers":{"everything":{},"github":{}}}', { kind: 'user', remote: true });
    const workspace = serverRefs('{"servers":{"github":{},"db":{}}}', { kind: 'folder', index: 0 });
    const { ours: mine, vscode } = listedOnce(ours, [...workspace, ...user]);
    assert.deepEqual(mine, ours);
    assert.deepEqual(vscode.map((r) => r.name), ['github', 'db']);
  });
});
