import type { ElicitRequestFormParams } from '@tern/schema';
import { isZodSchema, type ZodSchema } from '../../shared/zod.js';
import { SdkError, SdkErrorCode } from '../../errors.js';
import { freezeCanonical } from '../../shared/canonical-json.js';
import { fingerprintOf } from '../../shared/fingerprint.js';
import { compileSchema, zodToJsonSchema } from '../../shared/schema-validator.js';
import type { CompiledSchema, JsonSchemaObject } from '../../shared/schema-validator.js';

/** The flat object schema a form elicitation may request. */
export type RequestedSchema = ElicitRequestFormParams['requestedSchema'];

/** A form schema compiled once: the wire form and a validator for accepted content. */
export interface CompiledElicitationSchema<TContent> {
  readonly requestedSchema: RequestedSchema;
  readonly validator: CompiledSchema<TContent>;
  /**
   * The fingerprint of the form request asking `message` with this schema (`fingerprintOf` of
   * `{ method: 'elicitation/create', params: { mode: 'form', message, requestedSchema } }`),
   * remembered per message: a replayed handler asks the same questions every round.
   */
  readonly fingerprintFor: (message: string) => string;
}

/** Messages whose fingerprint each compiled schema remembers (oldest dropped first). */
const MAX_FINGERPRINTS = 256;

function fingerprintsOf(requestedSchema: RequestedSchema): (message: string) => string {
  const known = new Map<string, string>();
  return (message) => {
    const cached = known.get(message);
    if (cached !== undefined) return cached;
    const fingerprint = fingerprintOf({ method: 'elicitation/create', params: { mode: 'form', message, requestedSchema } });
    if (known.size >= MAX_FINGERPRINTS) known.delete(known.keys().next().value ?? '');
    known.set(message, fingerprint);
    return fingerprint;
  };
}

const cache = new WeakMap<object, CompiledElicitationSchema<unknown>>();

/**
 * Turns a zod object schema or a JSON `requestedSchema` into the restricted flat form the spec
 * allows (string, number, integer, boolean, single- and multi-select enums; no nesting), and a
 * validator for the content the user accepts. Compiled once per schema object.
 *
 * @throws SdkError (INVALID_USAGE) when the schema is not a flat object of primitive fields
 */
export function compileElicitationSchema<TContent>(
  schema: ZodSchema<TContent> | JsonSchemaObject,
): CompiledElicitationSchema<TContent> {
  const cached = cache.get(schema);
  if (cached !== undefined) return cached as CompiledElicitationSchema<TContent>;
  const jsonSchema = isZodSchema(schema)
    ? zodToJsonSchema(schema, 'throw')
    : schema;
  const checked = toRequestedSchema(jsonSchema);
  // The wire form is a private deep copy, frozen: asks serialise it for their fingerprint, and its
  // canonical text is worked out once. The caller's JSON schema stays theirs to change, and the
  // validator gets its own (the JSON Schema validator annotates what it compiles).
  const requestedSchema = freezeCanonical(structuredClone(checked));
  const compiled: CompiledElicitationSchema<TContent> = {
    requestedSchema,
    validator: compileSchema<TContent>(isZodSchema(schema) ? schema : checked),
    fingerprintFor: fingerprintsOf(requestedSchema),
  };
  cache.set(schema, compiled);
  return compiled;
}

const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

function toRequestedSchema(jsonSchema: JsonSchemaObject): RequestedSchema {
  const properties = jsonSchema['properties'];
  if (jsonSchema['type'] !== 'object' || typeof properties !== 'object' || properties === null) {
    throw invalid('an elicitation schema must be an object schema with properties');
  }
  const fields: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
    if (!isPrimitiveField(property)) {
      throw invalid(`field "${name}" must be a string, number, integer, boolean or enum field`);
    }
    fields[name] = withEnumType(property as Record<string, unknown>);
  }
  const required = jsonSchema['required'];
  return {
    type: 'object',
    properties: fields as RequestedSchema['properties'],
    ...(Array.isArray(required) && required.length > 0 ? { required: required as string[] } : {}),
  };
}

function isPrimitiveField(property: unknown): boolean {
  if (typeof property !== 'object' || property === null) return false;
  const field = property as Record<string, unknown>;
  if (typeof field['type'] === 'string' && PRIMITIVE_TYPES.has(field['type'])) return true;
  if (Array.isArray(field['enum']) || Array.isArray(field['oneOf']) || Array.isArray(field['anyOf'])) return true;
  if (field['type'] === 'array' && typeof field['items'] === 'object' && field['items'] !== null) {
    const items = field['items'] as Record<string, unknown>;
    return Array.isArray(items['enum']) || Array.isArray(items['anyOf']);
  }
  return false;
}

/**
 * A titled single choice written in zod (`z.union([z.literal('a').meta({ title })...])`) becomes
 * `oneOf`/`anyOf` of `const` entries without `type`; the spec's enum schemas carry
 * `type: "string"`, so it is added when every choice is a string.
 */
function withEnumType(field: Record<string, unknown>): Record<string, unknown> {
  if (field['type'] !== undefined) return field;
  const choices = field['oneOf'] ?? field['anyOf'];
  const values = Array.isArray(field['enum'])
    ? (field['enum'] as unknown[])
    : Array.isArray(choices)
      ? (choices as { const?: unknown }[]).map((choice) => choice.const)
      : [];
  if (values.length === 0 || !values.every((value) => typeof value === 'string')) return field;
  const { anyOf, ...rest } = field;
  return { type: 'string', ...rest, ...(anyOf === undefined ? {} : { oneOf: anyOf }) };
}

function invalid(reason: string): SdkError {
  return new SdkError(SdkErrorCode.InvalidUsage, `Invalid elicitation schema: ${reason}`);
}
