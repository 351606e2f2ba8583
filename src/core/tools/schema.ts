// A validator for the subset of JSON Schema the tool definitions use. Models send wrong arguments
// often; each problem becomes a sentence in the tool error so the model can fix its call.

export type JsonSchema = {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
};

export type Validated = { ok: true; value: Record<string, unknown> } | { ok: false; errors: string[] };

/**
 * Keys that reach an object's prototype rather than the object: `{"__proto__": {"path": "…"}}` from
 * JSON.parse would otherwise pass validation as `{}` while the tool reads `path` through the prototype.
 */
const prototypeKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Validates a tool's arguments object. A `null` optional property counts as absent, because some
 * models (OpenAI strict mode) send null for every optional argument they do not use.
 */
export function validateArgs(schema: JsonSchema, args: unknown): Validated {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    return { ok: false, errors: [`arguments must be a JSON object, got ${describe(args)}`] };
  }
  const errors: string[] = [];
  // No prototype: what was validated (and shown for approval) is all the tool can read.
  const value = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(args)) {
    if (prototypeKeys.has(k)) errors.push(`property name '${k}' is not allowed`);
    else if (!(v === null && !schema.required?.includes(k))) value[k] = v;
  }
  check(schema, value, '', errors);
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

function check(schema: JsonSchema, v: unknown, at: string, errors: string[]): void {
  const name = at === '' ? 'arguments' : `'${at}'`;
  if (schema.type && !hasType(schema.type, v)) {
    errors.push(`${name} must be ${article(schema.type)}, got ${describe(v)}`);
    return;
  }
  if (schema.enum && !schema.enum.includes(v)) errors.push(`${name} must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${describe(v)}`);
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) errors.push(`${name} must be at least ${schema.minimum}, got ${v}`);
    if (schema.maximum !== undefined && v > schema.maximum) errors.push(`${name} must be at most ${schema.maximum}, got ${v}`);
  }
  if (typeof v === 'string') {
    if (schema.minLength !== undefined && v.length < schema.minLength) errors.push(`${name} must not be ${schema.minLength === 1 ? 'empty' : `shorter than ${schema.minLength} characters`}`);
    if (schema.maxLength !== undefined && v.length > schema.maxLength) errors.push(`${name} must be at most ${schema.maxLength} characters, got ${v.length}`);
  }
  if (Array.isArray(v) && schema.items) v.forEach((item, i) => check(schema.items as JsonSchema, item, `${at}[${i}]`, errors));
  if (schema.type === 'object' && v !== null && typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const props = schema.properties ?? {};
    for (const key of schema.required ?? []) if (!Object.hasOwn(obj, key)) errors.push(`missing required property '${key}'`);
    for (const [key, item] of Object.entries(obj)) {
      const sub = Object.hasOwn(props, key) ? props[key] : undefined;
      const path = at === '' ? key : `${at}.${key}`;
      if (prototypeKeys.has(key)) errors.push(`property name '${path}' is not allowed`);
      else if (sub) check(sub, item, path, errors);
      else if (schema.additionalProperties === false) errors.push(`unknown property '${path}' (allowed: ${Object.keys(props).join(', ') || 'none'})`);
    }
  }
}

function hasType(type: NonNullable<JsonSchema['type']>, v: unknown): boolean {
  switch (type) {
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
  }
}

function article(type: string): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `the integer ${v}` : `the number ${v}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
