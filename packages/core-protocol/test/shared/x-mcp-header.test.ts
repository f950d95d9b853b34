// Requirements (shared/spec/requirements.md): #122 support x-mcp-header, #123 annotation validity,
// #124 drop invalid tools, #125 value encoding, #128 extraction at the exact path, #131 invalid
// characters, #132/#135 header must match body, #133 absent/null handling, #134 case rules,
// #136 numeric comparison. Checklist row C6.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  checkHeaderValue,
  collectMcpHeaderParams,
  headerValueFor,
  mcpParamHeaderName,
  type McpHeaderParam,
} from '../../src/shared/x-mcp-header.js';

const objectSchema = (
  properties: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): unknown => ({
  type: 'object',
  properties,
  ...extra,
});

function problemsOf(schema: unknown): string[] {
  const result = collectMcpHeaderParams(schema);
  if (result.ok) throw new TypeError('expected problems');
  return result.problems;
}

const region: McpHeaderParam = { header: 'Region', path: ['region'], type: 'string' };
const count: McpHeaderParam = { header: 'Count', path: ['count'], type: 'integer' };
const dryRun: McpHeaderParam = { header: 'Dry-Run', path: ['options', 'dryRun'], type: 'boolean' };

describe('collectMcpHeaderParams', () => {
  it('collects annotations on string, integer and boolean properties (#122)', () => {
    const schema = objectSchema({
      tenant: { type: 'string', 'x-mcp-header': 'Tenant' },
      q: { type: 'string' },
      limit: { type: 'integer', 'x-mcp-header': 'Limit' },
      verbose: { type: 'boolean', 'x-mcp-header': 'Verbose' },
    });
    expect(collectMcpHeaderParams(schema)).toEqual({
      ok: true,
      params: [
        { header: 'Tenant', path: ['tenant'], type: 'string' },
        { header: 'Limit', path: ['limit'], type: 'integer' },
        { header: 'Verbose', path: ['verbose'], type: 'boolean' },
      ],
    });
  });

  it('follows nested properties chains (#123)', () => {
    const schema = objectSchema({
      options: objectSchema({ dryRun: { type: 'boolean', 'x-mcp-header': 'Dry-Run' } }),
    });
    expect(collectMcpHeaderParams(schema)).toEqual({ ok: true, params: [dryRun] });
  });

  it('accepts "Method" and every tchar', () => {
    const schema = objectSchema({
      a: { type: 'string', 'x-mcp-header': 'Method' },
      b: { type: 'string', 'x-mcp-header': "!#$%&'*+-.^_`|~09azAZ" },
    });
    expect(collectMcpHeaderParams(schema).ok).toBe(true);
  });

  it('returns no params for a schema without annotations or a non-object schema', () => {
    expect(collectMcpHeaderParams(objectSchema({ a: { type: 'string' } }))).toEqual({
      ok: true,
      params: [],
    });
    expect(collectMcpHeaderParams(true)).toEqual({ ok: true, params: [] });
    expect(collectMcpHeaderParams(null)).toEqual({ ok: true, params: [] });
  });

  it('ignores look-alikes inside data keywords', () => {
    const schema = objectSchema({
      a: { type: 'object', default: { 'x-mcp-header': 'X' }, examples: [{ 'x-mcp-header': 'Y' }] },
    });
    expect(collectMcpHeaderParams(schema)).toEqual({ ok: true, params: [] });
  });

  it.each([
    ['an empty value', ''],
    ['a space', 'My Header'],
    ['CR LF', 'X\r\nEvil'],
    ['a colon', 'X:Y'],
    ['non-ASCII', 'Régión'],
    ['a number', 42],
    ['null', null],
  ])('reports a value with %s (#123)', (_label, value) => {
    const problems = problemsOf(objectSchema({ a: { type: 'string', 'x-mcp-header': value } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('"/properties/a"');
    expect(problems[0]).toContain('RFC 9110 token');
  });

  it('reports duplicates case-insensitively (#123)', () => {
    const problems = problemsOf(
      objectSchema({
        a: { type: 'string', 'x-mcp-header': 'Region' },
        b: { type: 'string', 'x-mcp-header': 'REGION' },
      }),
    );
    expect(problems).toEqual([expect.stringContaining('duplicates the one at "/properties/a"')]);
  });

  it.each([
    ['number', { type: 'number' }],
    ['object', { type: 'object' }],
    ['array', { type: 'array' }],
    ['a type array', { type: ['string', 'null'] }],
    ['a missing type', {}],
  ])('reports a property of type %s (#123)', (_label, property) => {
    const problems = problemsOf(objectSchema({ a: { ...property, 'x-mcp-header': 'A' } }));
    expect(problems).toEqual([expect.stringContaining('"string", "integer" or "boolean"')]);
  });

  it.each([
    [
      'items',
      objectSchema({ list: { type: 'array', items: { type: 'string', 'x-mcp-header': 'X' } } }),
      '/properties/list/items',
    ],
    [
      'prefixItems',
      objectSchema({
        t: { type: 'array', prefixItems: [{ type: 'string', 'x-mcp-header': 'X' }] },
      }),
      '/properties/t/prefixItems/0',
    ],
    [
      'items (tuple form)',
      objectSchema({ t: { type: 'array', items: [{ type: 'string', 'x-mcp-header': 'X' }] } }),
      '/properties/t/items/0',
    ],
    [
      'additionalProperties',
      objectSchema({}, { additionalProperties: { type: 'string', 'x-mcp-header': 'X' } }),
      '/additionalProperties',
    ],
    [
      'patternProperties',
      objectSchema({}, { patternProperties: { '^a': { type: 'string', 'x-mcp-header': 'X' } } }),
      '/patternProperties/^a',
    ],
    [
      'oneOf',
      objectSchema({}, { oneOf: [objectSchema({ a: { type: 'string', 'x-mcp-header': 'X' } })] }),
      '/oneOf/0/properties/a',
    ],
    ['anyOf', objectSchema({}, { anyOf: [{ type: 'string', 'x-mcp-header': 'X' }] }), '/anyOf/0'],
    [
      'allOf',
      objectSchema({}, { allOf: [objectSchema({ a: { type: 'string', 'x-mcp-header': 'X' } })] }),
      '/allOf/0/properties/a',
    ],
    ['not', objectSchema({}, { not: { type: 'string', 'x-mcp-header': 'X' } }), '/not'],
    [
      'if',
      objectSchema({}, { if: objectSchema({ a: { type: 'string', 'x-mcp-header': 'X' } }) }),
      '/if/properties/a',
    ],
    ['then', objectSchema({}, { then: { type: 'string', 'x-mcp-header': 'X' } }), '/then'],
    ['else', objectSchema({}, { else: { type: 'string', 'x-mcp-header': 'X' } }), '/else'],
    [
      '$defs (reached via $ref)',
      objectSchema(
        { a: { $ref: '#/$defs/A' } },
        { $defs: { A: { type: 'string', 'x-mcp-header': 'X' } } },
      ),
      '/$defs/A',
    ],
    [
      'definitions',
      objectSchema({}, { definitions: { A: { type: 'string', 'x-mcp-header': 'X' } } }),
      '/definitions/A',
    ],
    [
      'dependentSchemas',
      objectSchema(
        {},
        { dependentSchemas: { a: objectSchema({ b: { type: 'string', 'x-mcp-header': 'X' } }) } },
      ),
      '/dependentSchemas/a/properties/b',
    ],
  ])('reports an annotation under %s (#123)', (_label, schema, pointer) => {
    const problems = problemsOf(schema);
    expect(problems).toEqual([
      expect.stringContaining(
        `"${pointer}" is not reachable from the root through "properties" only`,
      ),
    ]);
  });

  it('escapes property names in JSON pointers', () => {
    const problems = problemsOf(objectSchema({ 'a/b~c': { type: 'number', 'x-mcp-header': 'X' } }));
    expect(problems[0]).toContain('"/properties/a~1b~0c"');
  });

  it('reports an annotation on the root schema', () => {
    expect(problemsOf({ type: 'string', 'x-mcp-header': 'X' })).toEqual([
      expect.stringContaining('root schema'),
    ]);
  });

  it('reports every problem of a schema, not only the first (#124)', () => {
    const problems = problemsOf(
      objectSchema({
        a: { type: 'number', 'x-mcp-header': 'A' },
        b: { type: 'string', 'x-mcp-header': 'bad value' },
        c: { type: 'array', items: { type: 'string', 'x-mcp-header': 'C' } },
      }),
    );
    expect(problems).toHaveLength(3);
  });

  it('does not inspect own "__proto__" keys as anything but property names', () => {
    const schema = JSON.parse(
      '{"type":"object","properties":{"__proto__":{"type":"string","x-mcp-header":"Proto"}}}',
    ) as unknown;
    expect(collectMcpHeaderParams(schema)).toEqual({
      ok: true,
      params: [{ header: 'Proto', path: ['__proto__'], type: 'string' }],
    });
  });

  it('reports a schema nested deeper than the bound instead of walking it', () => {
    let schema: unknown = { type: 'string', 'x-mcp-header': 'Deep' };
    for (let level = 0; level < 10_000; level++) schema = objectSchema({ p: schema });
    const problems = problemsOf(schema);
    expect(problems).toEqual([expect.stringContaining('nesting exceeds 64 levels')]);
  });

  it('accepts annotations up to the depth bound', () => {
    let schema: unknown = { type: 'string', 'x-mcp-header': 'Deep' };
    for (let level = 0; level < 64; level++) schema = objectSchema({ p: schema });
    expect(collectMcpHeaderParams(schema).ok).toBe(true);
  });

  it('reports a schema with too many subschemas quickly', () => {
    const properties: Record<string, unknown> = {};
    for (let index = 0; index < 200_000; index++) properties[`p${index}`] = { type: 'string' };
    const started = performance.now();
    const problems = problemsOf(objectSchema(properties));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(problems).toEqual([expect.stringContaining('more than 10000 subschemas')]);
  });

  it('terminates on a cyclic object graph', () => {
    const node: Record<string, unknown> = { type: 'object' };
    node['properties'] = { self: node };
    expect(problemsOf(node)).toEqual([expect.stringContaining('nesting exceeds')]);
  });

  it('reports instead of throwing when the schema has a throwing getter', () => {
    const schema = objectSchema({});
    Object.defineProperty(schema, 'items', {
      enumerable: true,
      get() {
        throw new TypeError('boom');
      },
    });
    expect(problemsOf(schema)).toEqual([expect.stringContaining('could not be inspected')]);
  });

  it('never throws on arbitrary JSON', () => {
    const keyword = fc.constantFrom(
      'type',
      'properties',
      'items',
      'oneOf',
      'anyOf',
      '$defs',
      'x-mcp-header',
      'not',
      'if',
      'prefixItems',
      'additionalProperties',
      'patternProperties',
      'dependencies',
      'string',
      'integer',
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('string', 'integer', 'boolean', 'number', 'X-Y', '', 'a b'),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(keyword, fc.string()), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.oneof(json, fc.jsonValue()), (schema) => {
        const result = collectMcpHeaderParams(schema);
        if (result.ok) {
          for (const param of result.params)
            expect(['string', 'integer', 'boolean']).toContain(param.type);
        } else {
          expect(result.problems.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on deeply nested schemas of any keyword', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('properties', 'items', 'anyOf', '$defs', 'not'), {
          minLength: 1,
          maxLength: 200,
        }),
        (chain) => {
          let schema: unknown = { type: 'string', 'x-mcp-header': 'H' };
          for (const keyword of chain) {
            if (keyword === 'properties' || keyword === '$defs')
              schema = { [keyword]: { k: schema } };
            else if (keyword === 'anyOf') schema = { anyOf: [schema] };
            else schema = { [keyword]: schema };
          }
          const result = collectMcpHeaderParams(schema);
          const onlyProperties = chain.every((keyword) => keyword === 'properties');
          expect(result.ok).toBe(onlyProperties && chain.length <= 64);
        },
      ),
    );
  });
});

describe('mcpParamHeaderName', () => {
  it('prefixes the annotation value', () => {
    expect(mcpParamHeaderName(region)).toBe('Mcp-Param-Region');
  });
});

describe('headerValueFor', () => {
  it('encodes strings, integers and booleans (#125)', () => {
    expect(headerValueFor(region, { region: 'us-west1' })).toBe('us-west1');
    expect(headerValueFor(region, { region: 'Grüße' })).toBe('=?base64?R3LDvMOfZQ==?=');
    expect(headerValueFor(region, { region: '' })).toBe('');
    expect(headerValueFor(count, { count: 42 })).toBe('42');
    expect(headerValueFor(count, { count: -7 })).toBe('-7');
    expect(headerValueFor(count, { count: -0 })).toBe('0');
    expect(headerValueFor(count, { count: Number.MAX_SAFE_INTEGER })).toBe('9007199254740991');
    expect(headerValueFor(dryRun, { options: { dryRun: false } })).toBe('false');
  });

  it('reads the exact properties path (#128)', () => {
    expect(headerValueFor(dryRun, { dryRun: true })).toBeUndefined();
    expect(headerValueFor(dryRun, { options: { dryRun: true } })).toBe('true');
    expect(headerValueFor(dryRun, { options: [true] })).toBeUndefined();
  });

  it('omits the header for absent and null values (#133)', () => {
    expect(headerValueFor(region, {})).toBeUndefined();
    expect(headerValueFor(region, { region: null })).toBeUndefined();
    expect(headerValueFor(region, undefined)).toBeUndefined();
    expect(headerValueFor(dryRun, { options: null })).toBeUndefined();
  });

  it('omits the header for values of the wrong type, leaving them to validation', () => {
    expect(headerValueFor(region, { region: 5 })).toBeUndefined();
    expect(headerValueFor(count, { count: 4.5 })).toBeUndefined();
    expect(headerValueFor(count, { count: 2 ** 53 })).toBeUndefined();
    expect(headerValueFor(count, { count: '42' })).toBeUndefined();
    expect(headerValueFor(dryRun, { options: { dryRun: 'true' } })).toBeUndefined();
  });

  it('does not read inherited properties', () => {
    const args = Object.create({ region: 'inherited' }) as unknown;
    expect(headerValueFor(region, args)).toBeUndefined();
  });
});

describe('checkHeaderValue', () => {
  it('accepts a matching header', () => {
    expect(checkHeaderValue(region, { region: 'us-west1' }, 'us-west1')).toEqual({ ok: true });
    expect(checkHeaderValue(dryRun, { options: { dryRun: true } }, 'true')).toEqual({ ok: true });
    expect(checkHeaderValue(region, { region: '' }, '')).toEqual({ ok: true });
  });

  it('decodes sentinel values before comparing (#127)', () => {
    expect(checkHeaderValue(region, { region: ' eu-1 ' }, '=?base64?IGV1LTEg?=')).toEqual({
      ok: true,
    });
  });

  it('rejects a missing header when the body has a value (#133, C6)', () => {
    expect(checkHeaderValue(region, { region: 'eu' }, undefined)).toEqual({
      ok: false,
      reason: 'Mcp-Param-Region header is missing',
    });
  });

  it('does not expect the header when the body value is absent or null (#133)', () => {
    expect(checkHeaderValue(region, {}, undefined)).toEqual({ ok: true });
    expect(checkHeaderValue(region, { region: null }, undefined)).toEqual({ ok: true });
    // A stray header without a body value is accepted and ignored.
    expect(checkHeaderValue(region, {}, 'eu')).toEqual({ ok: true });
  });

  it('rejects a header with invalid characters even without a body value (#131, C6)', () => {
    expect(checkHeaderValue(region, {}, 'eu\u0000')).toMatchObject({ ok: false });
    expect(checkHeaderValue(region, { region: 'eu' }, 'e\u0001u')).toMatchObject({ ok: false });
    expect(checkHeaderValue(region, { region: 'eu' }, '=?base64?!!?=')).toMatchObject({
      ok: false,
    });
  });

  it('rejects a mismatch, case-sensitively (#132, #134, #135)', () => {
    expect(checkHeaderValue(region, { region: 'eu' }, 'us')).toEqual({
      ok: false,
      reason: 'Mcp-Param-Region header does not match the body value',
    });
    expect(checkHeaderValue(region, { region: 'eu' }, 'EU').ok).toBe(false);
    expect(checkHeaderValue(dryRun, { options: { dryRun: true } }, 'TRUE').ok).toBe(false);
    expect(checkHeaderValue(dryRun, { options: { dryRun: true } }, '1').ok).toBe(false);
  });

  it.each(['42', '42.0', '42.000', '4.2e1', '420E-1', '0042', '42e0'])(
    'compares integers numerically: %s equals 42 (#136, C6)',
    (raw) => {
      expect(checkHeaderValue(count, { count: 42 }, raw)).toEqual({ ok: true });
    },
  );

  it.each([
    '42.5',
    '43',
    '4.21e1',
    'abc',
    '0x2A',
    '',
    '+42',
    '4 2',
    'Infinity',
    '1e400',
    '42.',
    '.42e2',
  ])('rejects %j for integer 42', (raw) => {
    expect(checkHeaderValue(count, { count: 42 }, raw).ok).toBe(false);
  });

  it('drops surrounding whitespace as HTTP field parsing does', () => {
    expect(checkHeaderValue(count, { count: 42 }, ' 42\t')).toEqual({ ok: true });
    expect(checkHeaderValue(region, { region: 'eu' }, ' eu ')).toEqual({ ok: true });
  });

  it('compares zero and large integers exactly', () => {
    expect(checkHeaderValue(count, { count: 0 }, '-0')).toEqual({ ok: true });
    expect(checkHeaderValue(count, { count: 0 }, '0.000e5')).toEqual({ ok: true });
    expect(checkHeaderValue(count, { count: -7 }, '-7.0')).toEqual({ ok: true });
    expect(checkHeaderValue(count, { count: Number.MAX_SAFE_INTEGER }, '9007199254740991')).toEqual(
      { ok: true },
    );
    expect(checkHeaderValue(count, { count: Number.MAX_SAFE_INTEGER }, '9007199254740992').ok).toBe(
      false,
    );
    expect(checkHeaderValue(count, { count: 1 }, '1.0000000000000000000001').ok).toBe(false);
    expect(checkHeaderValue(count, { count: 1 }, '1e99999999999999999999').ok).toBe(false);
  });

  it('rejects a body value of the wrong type', () => {
    expect(checkHeaderValue(region, { region: 5 }, '5')).toMatchObject({ ok: false });
    expect(checkHeaderValue(count, { count: 4.5 }, '4.5')).toMatchObject({ ok: false });
    expect(checkHeaderValue(count, { count: 2 ** 60 }, undefined)).toMatchObject({ ok: false });
    expect(checkHeaderValue(dryRun, { options: { dryRun: 'true' } }, 'true')).toMatchObject({
      ok: false,
    });
  });

  it('accepts what headerValueFor produces, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const args = { region: value };
        expect(checkHeaderValue(region, args, headerValueFor(region, args))).toEqual({ ok: true });
      }),
    );
  });

  it('accepts what headerValueFor produces, for any safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        const args = { count: value };
        expect(checkHeaderValue(count, args, headerValueFor(count, args))).toEqual({ ok: true });
        expect(checkHeaderValue(count, args, `${value}.0`)).toEqual({ ok: true });
      }),
    );
  });

  it('never throws on arbitrary headers and arguments', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.option(fc.string({ unit: 'binary' }), { nil: undefined }),
        (args, raw) => {
          for (const param of [region, count, dryRun]) {
            expect(typeof checkHeaderValue(param, args, raw).ok).toBe('boolean');
          }
        },
      ),
    );
  });
});
