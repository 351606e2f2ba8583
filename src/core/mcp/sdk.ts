// The parts of the MCP SDK the client uses, in one module so the extension bundle can load it only
// when a server is first started (esbuild.mjs builds it as its own file).
export { Client } from '@modelcontextprotocol/sdk/client/index.js';
export { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
export { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
export { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
export { ToolListChangedNotificationSchema, McpError, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
export { GroupStdioTransport } from './stdio-transport';
