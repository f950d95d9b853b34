import type { ElicitRequestFormParams } from '@tern/schema';
import { z } from 'zod';
import { SdkError, SdkErrorCode } from '../../errors.js';
import { compileSchema, isZodSchema } from '../../shared/schema-validator.js';
import type { CompiledSchema, JsonSchemaObject } from '../../shared/schema-validator.js';

/** The flat object schema a form elicitation may request. */
export type RequestedSchema = ElicitRequestFormParams['requestedSchema'];

/** A form schema compiled once: the wire form and a validator for accepted content. */
export interface CompiledElicitationSchema<TContent> {
  readonly requestedSchema: RequestedSchema;
  readonly validator: CompiledSchema<TContent>;
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
  schema: z.ZodType<TContent> | JsonSchemaObject,
): CompiledElicitationSchema<TContent> {
  const cached = cache.get(schema);
  if (cached !== undefined) return cached as CompiledElicitationSchema<TContent>;
  const jsonSchema = isZodSchema(schema)
    ? (z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonSchemaObject)
    : schema;
  const requestedSchema = toRequestedSchema(jsonSchema);
  const compiled: CompiledElicitationSchema<TContent> = {
    requestedSchema,
    validator: compileSchema<TContent>(isZodSchema(schema) ? schema : (requestedSchema)),
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
  for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
    if (!isPrimitiveField(property)) {
      throw invalid(`field "${name}" must be a string, number, integer, boolean or enum field`);
    }
  }
  const required = jsonSchema['required'];
  return {
    type: 'object',
    properties: properties as RequestedSchema['properties'],
    ...(Array.isArray(required) && required.length > 0 ? { required: required as string[] } : {}),
  };
}

function isPrimitiveField(property: unknown): boolean {
  if (typeof property !== 'object' || property === null) return false;
  const field = property as Record<string, unknown>;
  if (typeof field['type'] === 'string' && PRIMITIVE_TYPES.has(field['type'])) return true;
  if (Array.isArray(field['enum']) || Array.isArray(field['oneOf'])) return true;
  if (field['type'] === 'array' && typeof field['items'] === 'object' && field['items'] !== null) {
    const items = field['items'] as Record<string, unknown>;
    return Array.isArray(items['enum']) || Array.isArray(items['anyOf']);
  }
  return false;
}

function invalid(reason: string): SdkError {
  return new SdkError(SdkErrorCode.InvalidUsage, `Invalid elicitation schema: ${reason}`);
}
