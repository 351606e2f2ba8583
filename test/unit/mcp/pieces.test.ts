// The vscode-free MCP pieces: tool names, schema checks, result conversion, patterns, configuration.
import assert from 'node:assert/strict';
import { parseServers, substitute } from '../../../src/core/mcp/config';
import { inputSchemaProblem } from '../../../src/core/mcp/input-schema';
import { buildMcpTools, type McpToolInfo } from '../../../src/core/mcp/mcp-tools';
import { mcpToolName, toolNamePattern } from '../../../src/core/mcp/naming';
import { autoApproved, toolAllowed } from '../../../src/core/mcp/patterns';
import { mcpResultOutput } from '../../../src/core/mcp/results';
import { agentToolFilter, toolListSummary } from '../../../src/core/mcp/scope';
import { ToolError } from '../../../src/core/tools/types';
import type { Logger } from '../../../src/core/log';

describe('MCP tool names', () => {
  it('are mcp_<server>_<tool> when that is already valid', () => {
    assert.equal(mcpToolName('everything', 'get-sum'), 'mcp_everything_get-sum');
  });

  it('are valid, stable and distinct for names that clean up alike or are too long', () => {
    const names = [mcpToolName('my.server', 'a/b'), mcpToolName('my_server', 'a_b'), mcpToolName('my server', 'a b'), mcpToolName('x'.repeat(50), 'y'.repeat(50)), mcpToolName('s', '工具')];
    for (const n of names) assert.match(n, toolNamePattern);
    assert.equal(new Set(names).size, names.length);
    assert.equal(mcpToolName('my.server', 'a/b'), names[0], 'the same inputs give the same name');
    assert.ok(names[3]!.length <= 64);
    assert.notEqual(mcpToolName('x'.repeat(50), 'y'.repeat(50)), mcpToolName('x'.repeat(50), `${'y'.repeat(49)}z`));
  });
});

describe('MCP input schemas', () => {
  const lines: string[] = [];
  const log: Logger = { debug() {}, info() {}, warn: (m) => lines.push(m), error() {} };
  const caller = { call: async () => ({ content: [] }) };
  const rules = { runsUnasked: () => false };

  it('skip tools whose schema a provider would refuse, with a log line, and keep the rest', () => {
    const listed: McpToolInfo[] = [
      { name: 'good', inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } },
      { name: 'array', inputSchema: { type: 'array' } },
      { name: 'none', inputSchema: undefined },
      { name: 'badprop', inputSchema: { type: 'object', properties: { q: 3 } } },
      { name: 'badreq', inputSchema: { type: 'object', required: 'q' } },
    ];
    const tools = buildMcpTools('srv', listed, caller, rules, log);
    assert.deepEqual(tools.map((t) => t.definition.name), ['mcp_srv_good']);
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /MCP srv: tool "array" skipped: the input schema's type is "array"/);
    assert.equal(inputSchemaProblem({ type: 'object', properties: { big: { description: 'x'.repeat(60_000) } } })?.startsWith('the input schema is too large'), true);
  });

  it('ask with server, tool and arguments unless a rule lets the call run', () => {
    const [tool] = buildMcpTools('srv', [{ name: 'good', inputSchema: { type: 'object' } }], caller, rules, log);
    assert.deepEqual(tool!.judge({ q: 1 }, undefined as never), { verdict: 'ask', title: 'srv · good', detail: '{"q":1}', alwaysAllowKey: 'mcp:srv/good' });
    const [auto] = buildMcpTools('srv', [{ name: 'good', inputSchema: { type: 'object' } }], caller, { runsUnasked: () => true }, log);
    assert.equal((auto!.judge({}, undefined as never) as { verdict: string }).verdict, 'auto');
  });
});

describe('MCP results', () => {
  it('pass text, structured content and resource links; note images and audio without their data', () => {
    const out = mcpResultOutput(
      {
        content: [
          { type: 'text', text: 'hello' },
          { type: 'image', data: 'A'.repeat(400), mimeType: 'image/png' },
          { type: 'resource_link', uri: 'file:///x.txt', name: 'x.txt', mimeType: 'text/plain', description: 'a file' },
          { type: 'resource', resource: { uri: 'mem://a', text: 'inline text' } },
          { type: 'audio', data: 'AAAA', mimeType: 'audio/wav' },
        ],
        structuredContent: { sum: 3 },
      },
      'srv · t',
    );
    assert.match(out.content, /^hello/);
    assert.match(out.content, /\[image \(image\/png, about 300 bytes\) returned by the tool; not shown to you\]/);
    assert.ok(!out.content.includes('AAAA'));
    assert.match(out.content, /Resource link: x.txt <file:\/\/\/x.txt> \(text\/plain\) — a file/);
    assert.match(out.content, /Resource <mem:\/\/a>:\ninline text/);
    assert.match(out.content, /Structured content:\n\{\n "sum": 3\n\}/);
  });

  it('send structured content once when the text already is that JSON', () => {
    const out = mcpResultOutput({ content: [{ type: 'text', text: '{"sum":3}' }], structuredContent: { sum: 3 } }, 'srv · t');
    assert.equal(out.content, '{"sum":3}');
  });

  it('are capped, and an isError result is a tool error', () => {
    assert.match(mcpResultOutput({ content: [{ type: 'text', text: 'x'.repeat(500) }] }, 'l', 100).content, /\n… \(400 more characters cut\)$/);
    assert.throws(() => mcpResultOutput({ content: [{ type: 'text', text: 'bad input' }], isError: true }, 'srv · t'), (e: unknown) => e instanceof ToolError && /srv · t reported an error: bad input/.test(e.message));
  });
});

describe('MCP patterns', () => {
  it('autoApprove: "server/tool", "server/*", a bare server name', () => {
    assert.ok(autoApproved(['everything/echo'], 'everything', 'echo'));
    assert.ok(!autoApproved(['everything/echo'], 'everything', 'get-sum'));
    assert.ok(autoApproved(['github/*'], 'github', 'create_issue'));
    assert.ok(!autoApproved(['github/*'], 'githubx', 'create_issue'));
    assert.ok(autoApproved(['github'], 'github', 'create_issue'));
    assert.ok(!autoApproved([], 'github', 'x'));
    assert.ok(!autoApproved(['every.hing/echo'], 'everything', 'echo'), 'dots are literal');
  });

  it('agent tool lists cover our tools by name and MCP tools by mcp:server/tool', () => {
    const list = ['read_file', 'search_*', 'mcp:github/*'];
    assert.ok(toolAllowed(list, { name: 'read_file' }));
    assert.ok(toolAllowed(list, { name: 'search_text' }));
    assert.ok(!toolAllowed(list, { name: 'write_file' }));
    assert.ok(toolAllowed(list, { name: 'mcp_github_x', mcp: { server: 'github', tool: 'x' } }));
    assert.ok(!toolAllowed(list, { name: 'mcp_other_x', mcp: { server: 'other', tool: 'x' } }));
    assert.ok(!toolAllowed(['mcp:*'], { name: 'read_file' }));
    assert.ok(toolAllowed(['mcp:*'], { name: 'mcp_a_b', mcp: { server: 'a', tool: 'b' } }));
    assert.ok(toolAllowed(undefined, { name: 'anything' }));
    assert.ok(!toolAllowed([], { name: 'read_file' }));
  });

  it('the scope filter looks tools up by the name the model sees', () => {
    const [echo] = buildMcpTools('everything', [{ name: 'echo', inputSchema: { type: 'object' } }], { call: async () => ({}) }, { runsUnasked: () => false }, { debug() {}, info() {}, warn() {}, error() {} });
    const filter = agentToolFilter(['mcp:everything/echo'], (name) => (name === echo!.definition.name ? echo : undefined))!;
    assert.ok(filter('mcp_everything_echo'));
    assert.ok(!filter('read_file'));
    assert.equal(agentToolFilter(undefined, () => undefined), undefined);
    assert.equal(toolListSummary(undefined), 'all tools');
    assert.equal(toolListSummary(['read_file', 'mcp:github/*']), 'read_file, mcp:github/*');
  });
});

describe('MCP server configuration', () => {
  const subs = { workspaceFolder: '/ws', userHome: '/home/u', env: { TOKEN: 't0k', PORT: '9' } };

  it('reads stdio and http servers with ${workspaceFolder}, ${userHome} and ${env:NAME}', () => {
    const { servers, problems } = parseServers(
      {
        fs: { command: 'node', args: ['${workspaceFolder}/server.js', '${userHome}/x'], env: { KEY: '${env:TOKEN}', N: 3 } },
        gh: { type: 'http', url: 'http://127.0.0.1:${env:PORT}/mcp', headers: { Authorization: 'Bearer ${env:TOKEN}' } },
        old: { type: 'sse', url: 'https://example.com/sse' },
      },
      subs,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(servers, [
      { name: 'fs', type: 'stdio', command: 'node', args: ['/ws/server.js', '/home/u/x'], env: { KEY: 't0k', N: '3' }, cwd: '/ws' },
      { name: 'gh', type: 'http', url: 'http://127.0.0.1:9/mcp', headers: { Authorization: 'Bearer t0k' } },
      { name: 'old', type: 'sse', url: 'https://example.com/sse', headers: {} },
    ]);
  });

  it('reports unusable entries instead of failing', () => {
    const { servers, problems } = parseServers({ a: { args: [] }, b: { type: 'ws', url: 'x' }, 'bad name': { command: 'x' }, c: 5, d: { type: 'http', url: 'file:///x' } }, subs);
    assert.deepEqual(servers, []);
    assert.equal(problems.length, 5);
    assert.match(problems[0]!, /agentChat.mcp.servers.a: "command" is missing/);
    assert.deepEqual(parseServers(undefined, subs), { servers: [], problems: [] });
    assert.equal(parseServers([1], subs).problems.length, 1);
  });

  it('leaves unknown variables alone and empties unknown env variables', () => {
    assert.equal(substitute('${env:NOPE}-${other}-${workspaceFolder}', { env: {} }), '-${other}-${workspaceFolder}');
  });
});
