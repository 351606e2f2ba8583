// Turns what an MCP tool returned into the text the model reads: text, structured content and
// resource links go back; images and audio are noted, not inlined; the whole is capped like any
// tool result; an `isError` result becomes a ToolError the model sees as a failed call.
import { ToolError, type ToolOutput } from '../tools/types';

export const maxResultChars = 100_000;

/** The parts of a CallToolResult this module reads (other fields are ignored). */
export interface McpToolResult {
  content?: unknown;
  structuredContent?: unknown;
  isError?: unknown;
}

/** The result as the model's tool message; throws ToolError for `isError` results. */
export function mcpResultOutput(result: McpToolResult, label: string, maxChars = maxResultChars): ToolOutput {
  const blocks = Array.isArray(result.content) ? result.content : [];
  const parts = blocks.map(describeBlock).filter((p): p is string => p !== undefined);
  if (result.structuredContent !== undefined) {
    const json = JSON.stringify(result.structuredContent, null, 1);
    // Servers often repeat the structured content as text; it goes to the model once.
    if (!parts.some((p) => p.trim() === json.trim() || tryJson(p) === JSON.stringify(result.structuredContent))) parts.push(`Structured content:\n${json}`);
  }
  const text = cap(parts.join('\n\n') || '(the tool returned no content)', maxChars);
  if (result.isError === true) throw new ToolError(`${label} reported an error: ${text}`);
  return { content: text, summary: `${label}: ${firstLine(text)}` };
}

function describeBlock(block: unknown): string | undefined {
  if (typeof block !== 'object' || block === null) return undefined;
  const b = block as Record<string, unknown>;
  switch (b.type) {
    case 'text':
      return typeof b.text === 'string' ? b.text : undefined;
    case 'image':
    case 'audio':
      return `[${b.type} (${str(b.mimeType) ?? 'unknown type'}, about ${approxBytes(b.data)} bytes) returned by the tool; not shown to you]`;
    case 'resource_link':
      return `Resource link: ${str(b.title) ?? str(b.name) ?? ''} <${str(b.uri) ?? ''}>${b.mimeType ? ` (${str(b.mimeType)})` : ''}${b.description ? ` — ${str(b.description)}` : ''}`;
    case 'resource':
      return describeResource(b.resource);
    default:
      return `[content of type ${JSON.stringify(b.type)} not shown]`;
  }
}

function describeResource(resource: unknown): string {
  const r = (typeof resource === 'object' && resource !== null ? resource : {}) as Record<string, unknown>;
  const head = `Resource <${str(r.uri) ?? ''}>${r.mimeType ? ` (${str(r.mimeType)})` : ''}`;
  if (typeof r.text === 'string') return `${head}:\n${r.text}`;
  return `${head}: binary, about ${approxBytes(r.blob)} bytes; not shown to you`;
}

/** Cuts text longer than `max`, saying how much was left out. */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters cut)`;
}

function approxBytes(base64: unknown): number {
  return typeof base64 === 'string' ? Math.floor((base64.length * 3) / 4) : 0;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function tryJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
