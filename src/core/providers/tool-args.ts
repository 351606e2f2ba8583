// Tool-call arguments arrive as JSON text in pieces; the model does not always produce valid JSON.
import type { ToolCall } from './types';

export interface ParsedCall {
  call: ToolCall;
  parseError?: string;
}

/** Parses accumulated argument text. Empty text means "no arguments"; anything but an object is an error. */
export function parseToolCall(id: string, name: string, argumentsText: string): ParsedCall {
  const text = argumentsText.trim();
  if (text === '') return { call: { id, name, arguments: {} } };
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return { call: { id, name, arguments: value as Record<string, unknown> } };
    }
    return { call: { id, name, arguments: {} }, parseError: `arguments must be a JSON object, got ${JSON.stringify(value)}` };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { call: { id, name, arguments: {} }, parseError: `arguments are not valid JSON (${reason}): ${text.slice(0, 200)}` };
  }
}
