// Checks an MCP tool's input schema before it is offered: one bad schema would make the provider
// refuse the whole request, so such a tool is skipped (and the log says why) instead.
import type { ToolDefinition } from '../providers/types';

const maxSchemaChars = 50_000;

/** Why the schema cannot be sent to a model, or undefined when it can. */
export function inputSchemaProblem(schema: unknown): string | undefined {
  if (!isPlainObject(schema)) return 'the input schema is not a JSON object';
  if (schema.type !== 'object') return `the input schema's type is ${JSON.stringify(schema.type)}, not "object"`;
  const { properties, required } = schema;
  if (properties !== undefined) {
    if (!isPlainObject(properties)) return '"properties" is not an object';
    const bad = Object.entries(properties).find(([, v]) => !isPlainObject(v) && typeof v !== 'boolean');
    if (bad) return `property "${bad[0]}" has no schema object`;
  }
  if (required !== undefined && !(Array.isArray(required) && required.every((r) => typeof r === 'string'))) return '"required" is not a list of names';
  let json: string;
  try {
    json = JSON.stringify(schema);
  } catch {
    return 'the input schema cannot be written as JSON';
  }
  if (json.length > maxSchemaChars) return `the input schema is too large (${json.length} characters)`;
  return undefined;
}

/** The definition to send, or the reason the tool is skipped. */
export function mcpDefinition(name: string, description: string | undefined, schema: unknown): ToolDefinition | { skipped: string } {
  const problem = inputSchemaProblem(schema);
  if (problem) return { skipped: problem };
  return { name, description: (description ?? '').slice(0, 2000), inputSchema: schema as ToolDefinition['inputSchema'] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
