/**
 * The `x-mcp-header` annotation: tool arguments mirrored into `Mcp-Param-<Name>` headers.
 *
 * - {@link collectMcpHeaderParams} validates the annotations of a tool's `inputSchema` (client:
 *   drop the tool on any problem; server: refuse to register it).
 * - {@link headerValueFor} produces the header value a client sends.
 * - {@link checkHeaderValue} is the server-side comparison of header and body.
 *
 * @see https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http
 *   (custom headers; requirements #122-#128, #131-#136)
 */

import { decodeHeaderValue, encodeHeaderValue } from './base64-sentinel.js';

/** The JSON types a property annotated with `x-mcp-header` may have (`number` is not allowed). */
export type McpHeaderParamType = 'string' | 'integer' | 'boolean';

/** One valid `x-mcp-header` annotation of a tool's `inputSchema`. */
export interface McpHeaderParam {
  /** The annotation value, e.g. `'Region'`; the header is `Mcp-Param-Region`. */
  header: string;
  /** The chain of `properties` keys from the root of `inputSchema` to the annotated property. */
  path: readonly string[];
  /** The `type` of the annotated property. */
  type: McpHeaderParamType;
}

/** The outcome of {@link collectMcpHeaderParams}. */
export type CollectMcpHeaderParamsResult =
  { ok: true; params: McpHeaderParam[] } | { ok: false; problems: string[] };

/** The outcome of {@link checkHeaderValue}. */
export type HeaderCheckResult = { ok: true } | { ok: false; reason: string };

/** Subschemas nested deeper than this are not inspected; the schema is reported instead. */
const MAX_SCHEMA_DEPTH = 64;
/** At most this many subschemas are inspected; a larger schema is reported instead. */
const MAX_SCHEMA_NODES = 10_000;
const ANNOTATION = 'x-mcp-header';
/** RFC 9110 section 5.6.2 `token = 1*tchar`. */
const TOKEN_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const ALLOWED_TYPES: ReadonlySet<unknown> = new Set(['string', 'integer', 'boolean']);
/** Keywords whose value is a subschema or an array of subschemas. */
const SCHEMA_KEYWORDS = [
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'contentSchema',
];
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAP_KEYWORDS = [
  '$defs',
  'definitions',
  'patternProperties',
  'dependentSchemas',
  'dependencies',
];
const OK: HeaderCheckResult = { ok: true };

interface PendingNode {
  readonly node: unknown;
  readonly pointer: string;
  /** The `properties` path when the node is reachable through `properties` only. */
  readonly path: readonly string[] | undefined;
  readonly depth: number;
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function describePointer(pointer: string): string {
  return pointer === '' ? 'the root schema' : `"${pointer}"`;
}

function describeValue(value: unknown): string {
  if (typeof value !== 'string') return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

/**
 * Lists the subschemas of `node` in document order, stopping after `limit` entries so that a
 * hostile schema with millions of keys costs no more than the node budget.
 */
function childrenOf(node: JsonObject, current: PendingNode, limit: number): PendingNode[] {
  const children: PendingNode[] = [];
  const depth = current.depth + 1;
  const add = (value: unknown, pointer: string, path?: readonly string[]): boolean => {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length && children.length <= limit; index++) {
        const item: unknown = value[index];
        if (isObject(item))
          children.push({ node: item, pointer: `${pointer}/${index}`, path: undefined, depth });
      }
    } else if (isObject(value)) {
      children.push({ node: value, pointer, path, depth });
    }
    return children.length <= limit;
  };
  const properties = own(node, 'properties');
  if (isObject(properties)) {
    for (const key in properties) {
      if (!Object.hasOwn(properties, key)) continue;
      const path = current.path === undefined ? undefined : [...current.path, key];
      if (!add(properties[key], `${current.pointer}/properties/${escapePointer(key)}`, path))
        return children;
    }
  }
  for (const keyword of SCHEMA_KEYWORDS) {
    if (!add(own(node, keyword), `${current.pointer}/${escapePointer(keyword)}`)) return children;
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const map = own(node, keyword);
    if (!isObject(map)) continue;
    for (const key in map) {
      if (!Object.hasOwn(map, key)) continue;
      if (!add(map[key], `${current.pointer}/${escapePointer(keyword)}/${escapePointer(key)}`))
        return children;
    }
  }
  return children;
}

class AnnotationCollector {
  readonly params: McpHeaderParam[] = [];
  readonly problems: string[] = [];
  readonly #seen = new Map<string, string>();

  inspect(node: JsonObject, current: PendingNode): void {
    if (!Object.hasOwn(node, ANNOTATION)) return;
    const where = describePointer(current.pointer);
    const header = node[ANNOTATION];
    const type = own(node, 'type');
    const before = this.problems.length;
    if (current.pointer === '') {
      this.problems.push(
        `${ANNOTATION} on the root schema is not allowed: it must annotate a property`,
      );
    } else if (current.path === undefined) {
      this.problems.push(
        `${ANNOTATION} at ${where} is not reachable from the root through "properties" only ` +
          '(items, combinators, conditionals, definitions and $ref are not allowed)',
      );
    }
    if (typeof header !== 'string' || !TOKEN_PATTERN.test(header)) {
      this.problems.push(
        `${ANNOTATION} at ${where} must be a non-empty RFC 9110 token, got ${describeValue(header)}`,
      );
    } else {
      const key = header.toLowerCase();
      const first = this.#seen.get(key);
      if (first === undefined) {
        this.#seen.set(key, current.pointer);
      } else {
        this.problems.push(
          `${ANNOTATION} "${header}" at ${where} duplicates the one at ${describePointer(first)} (names are case-insensitive)`,
        );
      }
    }
    if (!ALLOWED_TYPES.has(type)) {
      this.problems.push(
        `${ANNOTATION} at ${where} is on a property whose type is ${describeValue(type)}; ` +
          'it must be "string", "integer" or "boolean"',
      );
    }
    if (
      this.problems.length === before &&
      current.path !== undefined &&
      typeof header === 'string'
    ) {
      this.params.push({ header, path: current.path, type: type as McpHeaderParamType });
    }
  }
}

/**
 * Validates and collects the `x-mcp-header` annotations of a tool's `inputSchema` (#123).
 *
 * An annotation is valid when its value is a non-empty RFC 9110 token, unique case-insensitively
 * within the schema, on a property whose `type` is exactly `"string"`, `"integer"` or `"boolean"`,
 * and that property is reachable from the root through `properties` keys only. Annotations found
 * anywhere else (under `items`, combinators, `if`/`then`/`else`, `$defs`, …) are problems; `$ref`
 * is never followed, so an annotation reached only through `$ref` sits in `$defs` and is reported
 * there. Values of data keywords (`const`, `default`, `examples`, `enum`) are not inspected.
 *
 * The walk is iterative and bounded (64 levels, 10 000 subschemas); a schema beyond either bound is
 * a problem, because its annotations cannot be verified. A value that is not an object (including
 * boolean schemas) has no annotations. Never throws.
 *
 * A client must drop a tool with problems from `tools/list` and should log them (#124).
 *
 * @returns the annotations in document order, or every problem found, each a sentence naming the
 *   JSON pointer of the offending subschema.
 */
export function collectMcpHeaderParams(inputSchema: unknown): CollectMcpHeaderParamsResult {
  const collector = new AnnotationCollector();
  try {
    const stack: PendingNode[] = [{ node: inputSchema, pointer: '', path: [], depth: 0 }];
    let queued = 1;
    for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
      const node = current.node;
      if (!isObject(node)) continue;
      if (current.depth > MAX_SCHEMA_DEPTH) {
        collector.problems.push(
          `schema nesting exceeds ${MAX_SCHEMA_DEPTH} levels at ${describePointer(current.pointer)}; ` +
            `${ANNOTATION} annotations cannot be verified`,
        );
        break;
      }
      collector.inspect(node, current);
      const children = childrenOf(node, current, MAX_SCHEMA_NODES - queued);
      queued += children.length;
      if (queued > MAX_SCHEMA_NODES) {
        collector.problems.push(
          `schema has more than ${MAX_SCHEMA_NODES} subschemas; ${ANNOTATION} annotations cannot be verified`,
        );
        break;
      }
      // Reversed, so that the stack pops them in document order.
      for (const child of children.reverse()) stack.push(child);
    }
  } catch {
    // Only reachable for non-JSON input (getters that throw, revoked proxies).
    collector.problems.push(`schema could not be inspected for ${ANNOTATION} annotations`);
  }
  return collector.problems.length > 0
    ? { ok: false, problems: collector.problems }
    : { ok: true, params: collector.params };
}

/** Reads the value at a `properties` path; `undefined` when any step is missing. */
function readPath(args: unknown, path: readonly string[]): unknown {
  let current = args;
  for (const key of path) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Returns the header name for an annotation: `Mcp-Param-<header>`. Header names compare
 * case-insensitively (#134).
 */
export function mcpParamHeaderName(param: McpHeaderParam): string {
  return `Mcp-Param-${param.header}`;
}

/**
 * Computes the `Mcp-Param-*` header value a client sends for `args` (#125, #128, #133): a string
 * through {@link encodeHeaderValue}, an integer in decimal, a boolean as `true`/`false`.
 *
 * @returns `undefined` when the header must be omitted: the value is absent or `null`, or it does
 *   not have the annotated type (a string for an integer property, `4.5`, an integer beyond
 *   ±(2^53−1)). Such arguments are invalid; the server reports them (see {@link checkHeaderValue}
 *   and argument validation), so the client does not guess a header for them. An empty string
 *   yields `''`, an empty header that must still be sent.
 */
export function headerValueFor(param: McpHeaderParam, args: unknown): string | undefined {
  const value = readPath(args, param.path);
  switch (param.type) {
    case 'string':
      return typeof value === 'string' ? encodeHeaderValue(value) : undefined;
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : undefined;
  }
}

/** Parses a decimal number (`42`, `-7`, `42.0`, `4.2e1`) that denotes an exact safe integer. */
function parseExactInteger(text: string): bigint | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  let digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return 0n;
  const trimmed = digits.replace(/0+$/, '');
  const scale = Number(exponent) - fraction.length + (digits.length - trimmed.length);
  digits = trimmed;
  // Fractional values are not integers; 17 or more digits are beyond 2^53 - 1 anyway.
  if (scale < 0 || digits.length + scale > 16) return undefined;
  const magnitude = BigInt(`${digits}${'0'.repeat(scale)}`);
  return sign === '-' ? -magnitude : magnitude;
}

/**
 * Checks a received `Mcp-Param-*` header against the body (server side, before dispatch).
 *
 * - A header that is present must decode (sentinel) and contain only valid characters, even when
 *   the body has no value (#131).
 * - Body value absent or `null`: the server must not expect the header (#133); a stray header is
 *   accepted and ignored.
 * - Body value present: the header must be present (#133) and equal the body value (#132, #135):
 *   strings exactly (case-sensitive, #134), integers numerically so `42.0` and `4.2e1` equal `42`
 *   (#136), booleans as exactly `true`/`false`.
 * - A body value of the wrong type (a number for a string property, `4.5` or a value beyond
 *   ±(2^53−1) for an integer property) fails: it has a value but no header can match it.
 *
 * @param raw the header value as received, or `undefined` when the header is absent.
 * @returns `{ ok: true }`, or a short reason for a `-32020` HeaderMismatch error message. Reasons
 *   never echo the values.
 */
export function checkHeaderValue(
  param: McpHeaderParam,
  args: unknown,
  raw: string | undefined,
): HeaderCheckResult {
  const name = mcpParamHeaderName(param);
  let received: string | undefined;
  if (raw !== undefined) {
    const decoded = decodeHeaderValue(raw);
    if (!decoded.ok) return { ok: false, reason: `${name} header is invalid: ${decoded.reason}` };
    received = decoded.value;
  }
  const value = readPath(args, param.path);
  if (value === undefined || value === null) return OK;
  if (received === undefined) return { ok: false, reason: `${name} header is missing` };
  const mismatch = { ok: false, reason: `${name} header does not match the body value` } as const;
  switch (param.type) {
    case 'string':
      if (typeof value !== 'string')
        return { ok: false, reason: `${name}: the body value is not a string` };
      return received === value ? OK : mismatch;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        return { ok: false, reason: `${name}: the body value is not an integer within ±(2^53−1)` };
      }
      return parseExactInteger(received) === BigInt(value) ? OK : mismatch;
    case 'boolean':
      if (typeof value !== 'boolean')
        return { ok: false, reason: `${name}: the body value is not a boolean` };
      return received === String(value) ? OK : mismatch;
  }
}
