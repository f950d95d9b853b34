import { Validator } from '@cfworker/json-schema';
import { isZodSchema, toJSONSchema, safeParse, type ZodParseError, type ZodSchema } from './zod.js';
import { usageError } from '../errors.js';

/** A JSON Schema object (any 2020-12 keywords). */
export type JsonSchemaObject = Record<string, unknown>;

/** What a schema accepted or why it did not. */
export type ValidationOutcome<TValue> =
  | { success: true; value: TValue }
  | { success: false; message: string };

/**
 * A schema compiled once: its JSON Schema form for the wire and a validator for values.
 */
export interface CompiledSchema<TValue> {
  readonly jsonSchema: JsonSchemaObject;
  validate(value: unknown): ValidationOutcome<TValue>;
}

/** A zod schema or a raw JSON Schema 2020-12 object. */
export type SchemaInput = ZodSchema | JsonSchemaObject;

/** Bounds that keep a hostile or careless schema from making validation expensive. */
export interface SchemaLimits {
  /** Deepest nesting of objects inside the schema. Default 64. */
  maxDepth?: number;
  /** Most subschemas in one schema. Default 2000. */
  maxSubschemas?: number;
}

const DEFAULT_LIMITS = { maxDepth: 64, maxSubschemas: 2000 };


/**
 * Compiles a zod schema or a JSON Schema object once, at registration.
 *
 * JSON Schema is validated with the 2020-12 dialect unless `$schema` names another one we
 * support. A `$ref` that is not local (`#...`) is refused: schemas are never fetched from the
 * network (requirements.md #29, #30), and composition depth and size are bounded (#31).
 *
 * @throws SdkError INVALID_USAGE when the schema is unusable (external `$ref`, over the limits, unknown dialect)
 */
export function compileSchema<TValue = unknown>(
  schema: SchemaInput,
  limits: SchemaLimits = {},
): CompiledSchema<TValue> {
  if (isZodSchema(schema)) return compileZod(schema) as CompiledSchema<TValue>;
  return compileJsonSchema<TValue>(schema, limits);
}

/**
 * The JSON Schema (2020-12, input side) that clients are sent for a zod schema. zod writes the
 * safe-integer range into every `z.number().int()` (`"maximum": 9007199254740991`), which is not a
 * bound anyone chose and only clutters forms and tool listings: those two bounds are left out
 * (the zod schema itself still enforces them). `unrepresentable`: what a type JSON Schema cannot
 * express becomes (`'any'`: `{}`) or whether it throws.
 */
export function zodToJsonSchema(
  schema: ZodSchema,
  unrepresentable: 'any' | 'throw' = 'any',
): JsonSchemaObject {
  return toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable,
    override: ({ jsonSchema }) => {
      if (jsonSchema.type !== 'integer') return;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    },
  });
}

function compileZod(schema: ZodSchema): CompiledSchema<unknown> {
  const jsonSchema = zodToJsonSchema(schema);
  delete jsonSchema['$schema'];
  return {
    jsonSchema,
    validate(value) {
      const result = safeParse(schema, value);
      if (result.success) return { success: true, value: result.data };
      return { success: false, message: formatZodIssues(result.error) };
    },
  };
}

/** Formats zod issues as one readable line: `path: message; path: message`. */
export function formatZodIssues(error: ZodParseError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

const DIALECTS: Record<string, '4' | '7' | '2019-09' | '2020-12'> = {
  'https://json-schema.org/draft/2020-12/schema': '2020-12',
  'https://json-schema.org/draft/2019-09/schema': '2019-09',
  'http://json-schema.org/draft-07/schema': '7',
  'http://json-schema.org/draft-04/schema': '4',
};

/**
 * Compiles a JSON Schema object alone (see {@link compileSchema}). Code that only ever sees JSON
 * Schema (the client checking form answers) calls this, so a bundle of it leaves out zod's JSON
 * Schema conversion.
 *
 * @throws SdkError INVALID_USAGE when the schema is unusable (external `$ref`, over the limits, unknown dialect)
 */
export function compileJsonSchema<TValue = unknown>(
  schema: JsonSchemaObject,
  limits: SchemaLimits = {},
): CompiledSchema<TValue> {
  checkSchemaShape(schema, { ...DEFAULT_LIMITS, ...limits });
  const declared = schema['$schema'];
  let dialect: '4' | '7' | '2019-09' | '2020-12' = '2020-12';
  if (typeof declared === 'string') {
    const found = DIALECTS[declared.replace(/#$/, '')];
    if (found === undefined) throw usageError(`Unsupported JSON Schema dialect: ${declared}`);
    dialect = found;
  }
  const validator = new Validator(schema, dialect, false);
  return {
    jsonSchema: schema,
    validate(value) {
      const result = validator.validate(value);
      if (result.valid) return { success: true, value: value as TValue };
      const message = result.errors
        .filter((error) => error.keyword !== 'properties' && error.keyword !== 'allOf')
        .slice(0, 5)
        .map((error) => `${error.instanceLocation.replace(/^#\/?/, '') || '(root)'}: ${error.error}`)
        .join('; ');
      return { success: false, message: message || 'value does not match the schema' };
    },
  };
}

const REFERENCE_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'] as const;

/** Walks a schema once to refuse external references and to bound its size and depth. */
function checkSchemaShape(schema: JsonSchemaObject, limits: Required<SchemaLimits>): void {
  let count = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: schema, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (typeof node !== 'object' || node === null) continue;
    count += 1;
    if (count > limits.maxSubschemas) {
      throw usageError(`Schema has more than ${limits.maxSubschemas} subschemas`);
    }
    if (depth > limits.maxDepth) throw usageError(`Schema is nested deeper than ${limits.maxDepth}`);
    for (const keyword of REFERENCE_KEYWORDS) {
      const ref = (node as Record<string, unknown>)[keyword];
      if (typeof ref === 'string' && !ref.startsWith('#')) {
        throw usageError(`Schema refers to an external ${keyword} (${ref}); only local references are supported`);
      }
    }
    for (const child of Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: depth + 1 });
    }
  }
}
