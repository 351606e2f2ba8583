// Recognises an MCP error in a result VS Code relays without its error flag. VS Code 1.139 keeps a server's
// `isError` in its own chat UI only (`toolResultDetails`) and hands extensions the bare content, so an error
// can be recognised only by text that nothing but an error carries: the MCP SDK's protocol errors
// ("MCP error -32602: Input validation error: …", "MCP error -32602: Tool x not found"). A tool's own error
// text (a server that throws "Invalid resourceId") has no such mark and passes as a plain result.
import type { McpToolResult } from './results';

/** The message the SDK gives an McpError: "MCP error <JSON-RPC code>: …". */
const protocolErrorText = /^MCP error -\d{4,5}: \S/;

/** Whether a relayed result is one text block carrying the MCP SDK's protocol-error message. */
export function relayedResultIsError(result: McpToolResult): boolean {
  if (result.isError === true) return true;
  const blocks = Array.isArray(result.content) ? (result.content as unknown[]) : [];
  if (blocks.length !== 1) return false;
  const only = blocks[0] as { type?: unknown; text?: unknown } | null;
  return only?.type === 'text' && typeof only.text === 'string' && protocolErrorText.test(only.text);
}
